import Foundation
import Rendering
import XMLSupport

/// One document rendered from a model, before it gets its revision number.
///
/// The revision number and the input fingerprint appear in the document but are known only
/// later (the number once the store is read); they are rendered as placeholders and
/// ``outputs(revision:formats:)`` fills them in. The content hash covers the fingerprint and
/// leaves out the number: a document whose inputs changed is a new revision even when no
/// visible sentence changed, so the files always are the revision the store names.
public struct RenderedPackDocument: Sendable {
    public var kind: DocumentKind
    /// The XHTML tree with placeholders.
    public var draft: XMLOutputElement
    /// The draft as an indented XHTML file, placeholders included.
    var draftXHTML: [UInt8]
    public var sections: [SectionTrace]
    /// Every input the document read, which the sections' traces number.
    public var reads: DocumentReads
    /// The hash of the template files this document was built from.
    public var templateHash: String
    /// The hash of the draft with its input fingerprint: equal for equal content, whatever
    /// the revision number.
    public var contentHash: String
    /// The hash of every model input the document read (path and value).
    public var inputHash: String

    /// Placeholders for the values known only once the revision store has been read.
    /// Profile text can hold neither private-use character (the model drops them), and
    /// every format writes them as they are, so they are replaced in the bytes.
    enum Placeholder {
        static let revision = "\u{E000}revision\u{E001}"
        static let inputHash = "\u{E000}input-hash\u{E001}"
    }

    /// What each placeholder stands for in `revision`.
    func placeholderValues(revision: Int) -> [String: String] {
        [Placeholder.revision: String(revision), Placeholder.inputHash: inputHash]
    }

    /// The bytes of the document as `revision`, in each of `formats`.
    public func outputs(revision: Int, formats: Set<OutputFormat>) -> [OutputFormat: [UInt8]] {
        let values = placeholderValues(revision: revision)
        var outputs: [OutputFormat: [UInt8]] = [:]
        for format in formats {
            let draftBytes = format == .xhtml ? draftXHTML : Self.bytes(of: draft, as: format)
            outputs[format] = Self.substitute(values, in: draftBytes)
        }
        return outputs
    }

    /// `root` written as `format`.
    public static func bytes(of root: XMLOutputElement, as format: OutputFormat) -> [UInt8] {
        switch format {
        case .xhtml: XMLWriter.serialize(root, indent: true)
        case .html: Array(HTMLRenderer.render(root).utf8)
        case .md: Array(MarkdownRenderer.render(root).utf8)
        }
    }

    /// `bytes` with every placeholder of `values` replaced by its value.
    static func substitute(_ values: [String: String], in bytes: [UInt8]) -> [UInt8] {
        // Every placeholder starts with U+E000, whose UTF-8 starts with 0xEE.
        guard let firstLead = bytes.firstIndex(of: 0xEE) else { return bytes }
        let replacements = values.map { (Array($0.key.utf8), Array($0.value.utf8)) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { bytes in
            // Copies the runs between lead bytes whole: documents are mostly plain text.
            var copied = 0
            var lead: Int? = firstLead
            while let index = lead {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                copied = index
                for (placeholder, value) in replacements where bytes[index...].starts(with: placeholder) {
                    result += value
                    copied = index + placeholder.count
                    break
                }
                if copied == index {
                    result.append(bytes[index])
                    copied = index + 1
                }
                lead = bytes[copied...].firstIndex(of: 0xEE)
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        return result
    }

    /// `text` with every placeholder of `values` replaced by its value.
    static func substitute(_ values: [String: String], in text: String) -> String {
        guard text.utf8.contains(0xEE) else { return text }
        return String(decoding: substitute(values, in: Array(text.utf8)), as: UTF8.self)
    }
}

/// Renders the four documents of a pack. Compiles the templates once; holds libxml2
/// objects, so each thread keeps its own renderer.
public final class DocumentRenderer {
    private let sources: TemplateSources
    private let templates: [DocumentKind: CompiledTemplate]

    /// Compiles the templates of `sources`.
    ///
    /// - Parameter parallel: compile each template on its own thread (they share nothing);
    ///   worth it for a single profile, where compilation is on the critical path.
    /// - Throws: ``TemplateFailure`` with every problem of every template.
    public init(sources: TemplateSources, kinds: [DocumentKind] = DocumentKind.allCases, parallel: Bool = false) throws(TemplateFailure) {
        self.sources = sources
        let outcomes = ParallelSlots<Result<CompiledTemplate, TemplateFailure>>(count: kinds.count)
        let compileOne: @Sendable (Int) -> Void = { index in
            do throws(TemplateFailure) {
                outcomes[index] = .success(try TemplateCompiler.compile(kinds[index].templateFile, sources: sources))
            } catch {
                outcomes[index] = .failure(error)
            }
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: kinds.count, execute: compileOne)
        } else {
            (0..<kinds.count).forEach(compileOne)
        }
        var templates: [DocumentKind: CompiledTemplate] = [:]
        var problems: [TemplateDiagnostic] = []
        for (kind, outcome) in zip(kinds, outcomes.values) {
            switch outcome {
            case .success(let template)?: templates[kind] = template
            case .failure(let failure)?: problems += failure.diagnostics
            case nil: break
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
        self.templates = templates
    }

    /// Renders every compiled document for `model`.
    ///
    /// - Parameter parallel: render each document on its own thread, over its own parse of
    ///   the model (a libxml2 XPath context belongs to one thread).
    /// - Throws: ``TemplateFailure`` with every evaluation error of every document.
    public func render(_ model: EngagementModel, parallel: Bool = false) throws(TemplateFailure) -> [RenderedPackDocument] {
        let kinds = DocumentKind.allCases.filter { templates[$0] != nil }
        let outcomes = ParallelSlots<Result<RenderedPackDocument, TemplateFailure>>(count: kinds.count)
        if parallel {
            // Each iteration uses a different compiled template and its own session, so
            // no libxml2 object is shared between threads.
            let renderer = UncheckedSendable(self)
            DispatchQueue.concurrentPerform(iterations: kinds.count) { index in
                outcomes[index] = Result { () throws(TemplateFailure) in
                    try renderer.value.render(kinds[index], model: model, session: try Self.session(for: model))
                }
            }
        } else {
            do throws(TemplateFailure) {
                let session = try Self.session(for: model)
                let memo = TraceMemo()
                for (index, kind) in kinds.enumerated() {
                    outcomes[index] = Result { () throws(TemplateFailure) in
                        try render(kind, model: model, session: session, memo: memo)
                    }
                }
            } catch {
                throw error
            }
        }
        var results: [RenderedPackDocument] = []
        var problems: [TemplateDiagnostic] = []
        for outcome in outcomes.values {
            switch outcome {
            case .success(let document)?: results.append(document)
            case .failure(let failure)?: problems += failure.diagnostics
            case nil: break
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
        return results
    }

    private static func session(for model: EngagementModel) throws(TemplateFailure) -> XPathSession {
        do {
            return try model.session()
        } catch {
            throw TemplateFailure(diagnostics: error.diagnostics.map {
                TemplateDiagnostic(origin: TemplateOrigin(file: $0.file, position: $0.position, chain: []), summary: $0.summary)
            })
        }
    }

    private func render(
        _ kind: DocumentKind, model: EngagementModel, session: XPathSession, memo: TraceMemo? = nil
    ) throws(TemplateFailure) -> RenderedPackDocument {
        guard let template = templates[kind] else { preconditionFailure("\(kind) was not compiled.") }
        let variables: [String: XPathObject] = [
            "document-kind": .string(kind.rawValue),
            "document-title": .string(kind.title),
            "revision": .string(RenderedPackDocument.Placeholder.revision),
            "profile-hash": .string(RenderedPackDocument.Placeholder.inputHash),
            "template-hash": .string(template.sourceHash),
            "engine-version": .string(EngageVersion.current),
        ]
        let rendered = try TemplateRenderer(
            session: session, sources: sources, memo: memo, wholeDocumentVariables: ["profile-hash"]
        ).render(template, variables: variables)
        // One libxml2 tree gives both the compact form the content hash is taken of and
        // the indented file.
        let forms = XMLWriter.serialize(rendered.root, forms: [false, true])
        let inputHash = FNV1a.hex(rendered.reads.fingerprint)
        // A revision is its content, input fingerprint included: only the revision number
        // is left out, so that equal hashes mean equal files whatever the number.
        let content = RenderedPackDocument.substitute([RenderedPackDocument.Placeholder.inputHash: inputHash], in: forms[0])
        return RenderedPackDocument(
            kind: kind, draft: rendered.root, draftXHTML: forms[1], sections: rendered.sections, reads: rendered.reads,
            templateHash: template.sourceHash, contentHash: FNV1a.hex(FNV1a.hash(content)), inputHash: inputHash)
    }
}
