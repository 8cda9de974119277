import Foundation
import ShippedFiles
import XMLSupport

/// The firm file's XSD, shipped inside the tool and compiled once per process.
public enum FirmSchema {
    /// The schema version this build reads (`schema-version` on the root).
    public static let version = "1"

    /// A firm file is a page of settings: far smaller than a profile.
    public static let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 16)

    /// The XSD's text (`Schema/firm.xsd`).
    public static var text: String { ShippedFiles.firmSchema }

    /// The compiled schema, or the reason it is unavailable (a broken build).
    public static let compiled: Result<XMLSchema, ProfileSchemaError> = {
        do throws(XMLParseFailure) {
            let document = try XMLDocument.parse(bytes: Array(text.utf8), fileName: "firm.xsd", limits: .standard)
            return .success(try XMLSchema(document: document, guide: "docs/firm-format.md"))
        } catch {
            return .failure(.invalid(error.diagnostics.map(\.formatted)))
        }
    }()
}

/// The outcome of reading one firm file: the firm when it is valid, and every problem.
public struct FirmLoadResult: Sendable {
    public var firm: Firm?
    public var diagnostics: [Diagnostic]
    /// The element tree the firm was read from.
    public var root: SourceElement? = nil
    /// Whether the file could not be read at all.
    public var isUnreadable = false

    /// Whether the firm file can be used: no diagnostic is an error.
    public var isValid: Bool { firm != nil && !diagnostics.containsErrors }
}

/// Reads firm files: hardened parse, XSD validation, the checks that reach beyond the
/// file (its logo and stylesheet exist in its folder), decoding.
public enum FirmLoader {
    /// Whether the file at `path` is a firm file rather than a client profile: its first
    /// element is `<firm>`. Read from the file's first 64 KiB without parsing it, so that
    /// `validate` of a thousand profiles does not parse each twice; a malformed file is
    /// then found by whichever loader reads it.
    public static func isFirmFile(at path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 << 10) else { return false }
        return firstElementName(Array(head)) == "firm"
    }

    /// The name of the first element in `bytes`, past the XML declaration, comments,
    /// processing instructions and a document type; nil when there is none.
    static func firstElementName(_ bytes: [UInt8]) -> String? {
        var index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count && Array(bytes[position..<(position + pattern.count)]) == pattern
        }
        func skip(past text: String) {
            let pattern = Array(text.utf8)
            while index + pattern.count <= bytes.count, !starts(text, at: index) { index += 1 }
            index += pattern.count
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if starts("<?", at: index) { skip(past: "?>"); continue }
            if starts("<!--", at: index) { skip(past: "-->"); continue }
            if starts("<!", at: index) { skip(past: ">"); continue }
            let start = index + 1
            var end = start
            while end < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end]) {
                end += 1
            }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// Loads the firm file at `path`; never throws, every problem becomes a diagnostic.
    /// Files it names are looked for beside it.
    ///
    /// - Parameter embeddingFiles: put the logo and stylesheet into the firm's element
    ///   (``FirmAssets``), as documents need; checking the file alone does not.
    public static func load(fileAt path: String, displayName: String? = nil, embeddingFiles: Bool = true) -> FirmLoadResult {
        let name = displayName ?? path
        do {
            let document = try XMLDocument.parse(fileAt: path, displayName: name, limits: FirmSchema.limits)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            return load(document, folder: folder, embeddingFiles: embeddingFiles)
        } catch {
            return FirmLoadResult(firm: nil, diagnostics: error.diagnostics, isUnreadable: error.isUnreadable)
        }
    }

    /// Loads a firm file held in memory, whose logo and stylesheet are looked for in `folder`.
    public static func load(bytes: [UInt8], fileName: String, folder: URL, embeddingFiles: Bool = true) -> FirmLoadResult {
        do {
            return load(try XMLDocument.parse(bytes: bytes, fileName: fileName, limits: FirmSchema.limits), folder: folder, embeddingFiles: embeddingFiles)
        } catch {
            return FirmLoadResult(firm: nil, diagnostics: error.diagnostics)
        }
    }

    private static func load(_ document: XMLDocument, folder: URL, embeddingFiles: Bool) -> FirmLoadResult {
        let root = document.root
        var diagnostics: [Diagnostic] = []
        switch FirmSchema.compiled {
        case .success(let schema):
            diagnostics += schema.validate(document).map(explainingFirmTypes)
        case .failure(let error):
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: error.description))
        }
        if root.name == "firm", root[attribute: "schema-version"] == FirmSchema.version {
            diagnostics += FirmValidator.check(root, fileName: document.fileName, folder: folder)
        }
        diagnostics = diagnostics.sortedForDisplay()
        guard !diagnostics.containsErrors else { return FirmLoadResult(firm: nil, diagnostics: diagnostics) }
        do {
            let firm = try decode(root)
            guard embeddingFiles else { return FirmLoadResult(firm: firm, diagnostics: diagnostics, root: root) }
            let (embedded, warnings) = FirmAssets.inlined(into: root, folder: folder, fileName: document.fileName)
            return FirmLoadResult(firm: firm, diagnostics: (diagnostics + warnings).sortedForDisplay(), root: embedded)
        } catch let error as ProfileDecoder.Failure {
            diagnostics.append(
                Diagnostic(
                    file: document.fileName, position: error.element.position, summary: error.message,
                    fix: "Please report this: the schema accepted what the decoder cannot read."))
            return FirmLoadResult(firm: nil, diagnostics: diagnostics)
        } catch {
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: "\(error)"))
            return FirmLoadResult(firm: nil, diagnostics: diagnostics)
        }
    }

    /// Advice for the firm file's own simple types, which libxml2 names but cannot explain.
    static let typeAdvice: [String: String] = [
        "Colour": "Write a colour as # and six hexadecimal digits, for example #1F3A5F.",
        "RelativePath": "Name a file beside the firm file or in a folder below it, with forward slashes, for example brand/logo.svg.",
        "Percentage": "Write a percentage from 0 to 100, without the % sign.",
        "Identifier": "Ids use lower-case letters, digits and hyphens, starting with a letter (e.g. \"ferrier-lane\").",
        "Text": "Write some text; it may not be empty.",
    ]

    static func explainingFirmTypes(_ diagnostic: Diagnostic) -> Diagnostic {
        ProfileLoader.explainingTypes(
            diagnostic, advice: typeAdvice, patterns: ["pattern '#[0-9A-Fa-f]{6}'": "Colour", "pattern '[^/": "RelativePath"])
    }

    static func decode(_ element: SourceElement) throws -> Firm {
        let firm = ProfileDecoder.Reader(element)
        let identity = try firm.child("identity")
        let style = firm.optionalChild("house-style")
        let method = firm.optionalChild("method")
        var colours: [Firm.ColourRole: String] = [:]
        for colour in style?.children("colour") ?? [] {
            colours[try colour.enumeration("role")] = try colour.string("value").uppercased()
        }
        var fonts: [Firm.FontRole: String] = [:]
        for font in style?.children("font") ?? [] {
            fonts[try font.enumeration("role")] = try font.string("family")
        }
        var decoded = Firm(
            id: try firm.string("id"), name: try identity.text("name"), legalName: identity.optionalText("legal-name"),
            logo: identity.optionalText("logo"), address: identity.optionalText("address"),
            colours: colours, fonts: fonts, stylesheet: style?.optionalText("stylesheet"),
            pageSize: try style?.optionalChild("page").map { try $0.enumeration("size") },
            language: try firm.optionalChild("locale").map { try $0.enumeration("language") } ?? .enGB,
            method: Firm.MethodDefaults(
                sector: try method?.optionalString("sector").map { _ in try method!.enumeration("sector") },
                governance: try method?.optionalString("governance").map { _ in try method!.enumeration("governance") },
                costOfCapital: try method?.optionalDecimal("cost-of-capital"),
                optimismBias: try method?.optionalDecimal("optimism-bias")))
        if let documents = firm.optionalChild("documents") {
            decoded.documents = Firm.DocumentDefaults(
                author: documents.optionalString("author"),
                status: documents.optionalString("status").flatMap(ClientProfile.DocumentStatus.init(rawValue:)),
                classification: documents.optionalString("classification"))
        }
        decoded.serviceStandard = try firm.optionalChild("service-standard").map(decodeServiceStandard)
        return decoded
    }

    private static func decodeServiceStandard(_ standard: ProfileDecoder.Reader) throws -> ServiceStandard {
        ServiceStandard(
            touchpoints: try standard.children("touchpoint").map { touchpoint throws in
                ServiceStandard.Touchpoint(
                    kind: try touchpoint.string("kind"), label: touchpoint.content,
                    firm: touchpoint.identifiers("firm").compactMap(ServiceStandard.FirmRole.init(rawValue:)),
                    client: touchpoint.identifiers("client").compactMap(ServiceStandard.ClientRole.init(rawValue:)),
                    documents: touchpoint.identifiers("document").compactMap(DocumentKind.init(rawValue:)))
            },
            rules: try standard.children("stage").flatMap { stage throws in
                let name: ClientProfile.StageName = try stage.enumeration("name")
                return try stage.children("rule").map { rule throws in
                    let timing: ServiceStandard.Timing
                    switch ServiceStandard.Timing.read({ rule.element[attribute: $0] }) {
                    case .success(let read): timing = read
                    case .failure(let error): throw ProfileDecoder.Failure(element: rule.element, message: "Rule '\(rule.element[attribute: "id"] ?? "?")': \(error.message).")
                    }
                    return ServiceStandard.Rule(
                        id: try rule.string("id"), stage: name, touchpoint: try rule.string("touchpoint"), timing: timing, text: rule.content)
                }
            })
    }
}
