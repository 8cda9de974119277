import Foundation
import XMLSupport

/// The outcome of reading one profile file: the profile when it is valid, and every
/// problem found (warnings may accompany a valid profile).
extension ProfileLoadResult {
    /// For a valid profile, the parts it still lacks for complete documents (no appraisal,
    /// no review dates, ...), as warnings for `engage validate`; none for an invalid one.
    public func completenessWarnings(fileName: String) -> [Diagnostic] {
        guard isValid, let root else { return [] }
        return ProfileValidator.completeness(of: root, fileName: fileName)
    }
}

public struct ProfileLoadResult: Sendable {
    public var profile: ClientProfile?
    public var diagnostics: [Diagnostic]
    /// The element tree the profile was read from; the model is built from it.
    public var root: SourceElement? = nil
    /// Whether the file could not be read at all (``XMLParseFailure/isUnreadable``).
    public var isUnreadable = false

    /// Whether the profile can be used: no diagnostic is an error.
    public var isValid: Bool { profile != nil && !diagnostics.containsErrors }
}

/// Reads client profiles: hardened parse, XSD validation, semantic checks, decoding.
public enum ProfileLoader {
    /// The path that names standard input, as in `engage validate -`.
    public static let standardInputPath = "-"
    /// The name diagnostics give standard input.
    public static let standardInputName = "<stdin>"

    /// Loads the profile at `path` (standard input for `-`); never throws, every problem
    /// becomes a diagnostic.
    ///
    /// - Parameter displayName: the name diagnostics use, by default `path` as given.
    public static func load(fileAt path: String, displayName: String? = nil) -> ProfileLoadResult {
        if path == standardInputPath {
            return load(bytes: StandardInput.bytes(limit: ProfileSchema.limits.maximumBytes), fileName: displayName ?? standardInputName)
        }
        let name = displayName ?? path
        do {
            let document = try XMLDocument.parse(fileAt: path, displayName: name, limits: ProfileSchema.limits)
            return load(document)
        } catch {
            return ProfileLoadResult(profile: nil, diagnostics: error.diagnostics, isUnreadable: error.isUnreadable)
        }
    }

    /// The client id of the profile at `path` as a valid profile would give it, read
    /// without validating; nil when the file cannot be parsed or has no `<client id>`.
    /// A batch uses it to find two profiles of one client before any work.
    public static func clientID(fileAt path: String) -> String? {
        guard let document = try? XMLDocument.parse(fileAt: path, limits: ProfileSchema.limits),
            case .nodes(let nodes)? = try? document.evaluate("/client/@id"), let id = nodes.first?.stringValue
        else { return nil }
        return ProfileText.trimmed(id)
    }

    /// Loads a profile held in memory.
    ///
    /// - Parameter validating: false only for bytes that passed validation before (a
    ///   stored snapshot): they are then decoded without the schema and rule checks.
    public static func load(bytes: [UInt8], fileName: String, validating: Bool = true) -> ProfileLoadResult {
        do {
            let document = try XMLDocument.parse(bytes: bytes, fileName: fileName, limits: ProfileSchema.limits)
            if !validating {
                let root = document.root
                guard let profile = try? ProfileDecoder.decode(root) else {
                    return ProfileLoadResult(profile: nil, diagnostics: [
                        Diagnostic(file: fileName, position: .start, summary: "The stored profile cannot be read.")
                    ])
                }
                return ProfileLoadResult(profile: profile, diagnostics: [], root: root)
            }
            return load(document)
        } catch {
            return ProfileLoadResult(profile: nil, diagnostics: error.diagnostics)
        }
    }

    /// Advice for the profile's own simple types, which libxml2 names but cannot explain.
    static let typeAdvice: [String: String] = [
        "Scale1to5": "Use a whole number from 1 to 5.",
        "Degree0to5": "Use a whole number from 0 (no change) to 5.",
        "EmotionalScore": "Use a whole number from -2 (very negative) to 2 (very positive).",
        "ObjectiveScore": "Use a whole number from 0 to 100.",
        "Percentage": "Write a percentage from 0 to 100, without the % sign.",
        "Identifier": "Ids use lower-case letters, digits and hyphens, starting with a letter (e.g. \"exp-wait-time\").",
        "IdentifierList": "List ids separated by spaces; each uses lower-case letters, digits and hyphens.",
        "Money": "Write an amount as a plain number with at most two decimals, without currency sign or separators.",
        "NonNegativeMoney": "Write an amount of 0 or more as a plain number with at most two decimals.",
        "Measure": "Write a plain number, with a dot for decimals.",
        "Date": "Write a date as YYYY-MM-DD, for example 2026-11-22, without a time zone.",
        "Year": "Write a four-digit year, for example 2026.",
        "Count": "Write a whole number of 0 or more.",
        "PositiveCount": "Write a whole number of 1 or more.",
        "Duration": "Write an ISO 8601 duration such as P1W, P14D, P1M or P3M.",
        "CurrencyCode": "Write an ISO 4217 currency code in capitals, such as GBP or EUR.",
        "CountryCode": "Write an ISO 3166 country code in capitals, such as GB or IE.",
        "Text": "Write some text; it may not be empty.",
    ]

    static func explainingProfileTypes(_ diagnostic: Diagnostic) -> Diagnostic {
        explainingTypes(
            diagnostic, advice: typeAdvice,
            patterns: ["pattern '\\d{4}-\\d{2}-\\d{2}'": "Date", "pattern '\\d{4}'": "Year"])
    }

    /// `diagnostic` with the advice for the simple type libxml2 names in it (`advice`, by
    /// type name), or for a pattern it quotes instead (`patterns`: a piece of the summary
    /// and the type it belongs to); unchanged when neither is known. Profile and firm
    /// file share it, each with its own types.
    static func explainingTypes(
        _ diagnostic: Diagnostic, advice: [String: String], patterns: [String: String]
    ) -> Diagnostic {
        var result = diagnostic
        // libxml2 names a pattern, not the type it belongs to; longest first, so that
        // the date's pattern wins over the year's it contains.
        for (piece, type) in patterns.sorted(by: { $0.key.count > $1.key.count }) where diagnostic.summary.contains(piece) {
            result.fix = advice[type]
            return result
        }
        for marker in ["atomic type '", "type '", "union type '", "list type '"] {
            guard let start = diagnostic.summary.range(of: marker),
                let end = diagnostic.summary[start.upperBound...].firstIndex(of: "'"),
                let found = advice[String(diagnostic.summary[start.upperBound..<end])]
            else { continue }
            result.fix = found
            return result
        }
        return result
    }

    private static func load(_ document: XMLDocument) -> ProfileLoadResult {
        let root = document.root
        var diagnostics: [Diagnostic] = []
        switch ProfileSchema.compiled {
        case .success(let schema):
            diagnostics += schema.validate(document).map(Self.explainingProfileTypes)
        case .failure(let error):
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: error.description))
        }
        // A wrong root or version makes every other finding noise.
        let isProfile = root.name == "client" && root[attribute: "schema-version"] == ProfileSchema.version
        if isProfile {
            diagnostics += ProfileValidator.check(root, fileName: document.fileName)
        }
        diagnostics = diagnostics.sortedForDisplay()
        guard !diagnostics.containsErrors else { return ProfileLoadResult(profile: nil, diagnostics: diagnostics) }
        do {
            let profile = try ProfileDecoder.decode(root)
            return ProfileLoadResult(profile: profile, diagnostics: diagnostics, root: root)
        } catch let error as ProfileDecoder.Failure {
            diagnostics.append(
                Diagnostic(
                    file: document.fileName, position: error.element.position,
                    summary: error.message, fix: "Please report this: the schema accepted what the decoder cannot read."))
            return ProfileLoadResult(profile: nil, diagnostics: diagnostics)
        } catch {
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: "\(error)"))
            return ProfileLoadResult(profile: nil, diagnostics: diagnostics)
        }
    }
}
