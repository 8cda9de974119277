import Foundation
import Rendering
import XMLSupport

/// Builds the four documents of a pack from a model: compiles the templates once and
/// renders each document with its traces, ready to publish. Compiles the templates once; holds libxml2
/// objects, so each thread keeps its own renderer.
public final class PackDocumentBuilder {
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
            session: session, sources: sources, memo: memo, wholeDocumentVariables: ["profile-hash"], locale: model.locale
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
