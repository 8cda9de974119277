import Foundation
import Rendering
import XMLSupport

/// One document rendered in every requested format, with its section traces.
public struct RenderedPackDocument: Sendable {
    public var kind: DocumentKind
    /// Bytes per format.
    public var outputs: [OutputFormat: [UInt8]]
    public var sections: [SectionTrace]
    /// The hash of the template files this document was built from.
    public var templateHash: String
    public var xhtml: XMLOutputElement
}

/// Renders the four documents of a pack. Compiles the templates once; holds libxml2
/// objects, so each thread keeps its own renderer.
public final class DocumentRenderer {
    /// The engine version recorded in every document and revision.
    public static let engineVersion = "0.1.0"

    private let sources: TemplateSources
    private let templates: [DocumentKind: CompiledTemplate]

    /// Compiles the templates of `sources`.
    ///
    /// - Throws: ``TemplateFailure`` with every problem of every template.
    public init(sources: TemplateSources, kinds: [DocumentKind] = DocumentKind.allCases) throws(TemplateFailure) {
        self.sources = sources
        var templates: [DocumentKind: CompiledTemplate] = [:]
        var problems: [TemplateDiagnostic] = []
        for kind in kinds {
            do throws(TemplateFailure) {
                templates[kind] = try TemplateCompiler.compile(kind.templateFile, sources: sources)
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
        self.templates = templates
    }

    /// Renders every compiled document for `model` in `formats`.
    ///
    /// - Parameter revision: the revision number shown in each document's control table.
    /// - Throws: ``TemplateFailure`` with every evaluation error of every document.
    public func render(
        _ model: EngagementModel, formats: Set<OutputFormat>, revisions: [DocumentKind: Int] = [:]
    ) throws(TemplateFailure) -> [RenderedPackDocument] {
        let document: XMLDocument
        do {
            document = try model.document()
        } catch {
            throw TemplateFailure(diagnostics: error.diagnostics.map {
                TemplateDiagnostic(origin: TemplateOrigin(file: $0.file, position: $0.position, chain: []), summary: $0.summary)
            })
        }
        let session = XPathSession(document: document, functions: TemplateFunctions.make(currency: model.profile.identity.currency))
        var results: [RenderedPackDocument] = []
        var problems: [TemplateDiagnostic] = []
        for kind in DocumentKind.allCases {
            guard let template = templates[kind] else { continue }
            let variables: [String: XPathObject] = [
                "document-kind": .string(kind.rawValue),
                "document-title": .string(kind.title),
                "revision": .number(Double(revisions[kind] ?? 1)),
                "profile-hash": .string(model.profileHash),
                "template-hash": .string(template.sourceHash),
                "engine-version": .string(Self.engineVersion),
            ]
            do throws(TemplateFailure) {
                let rendered = try TemplateRenderer(session: session, sources: sources).render(template, variables: variables)
                var outputs: [OutputFormat: [UInt8]] = [:]
                if formats.contains(.xhtml) { outputs[.xhtml] = XMLWriter.serialize(rendered.root, indent: true) }
                if formats.contains(.html) { outputs[.html] = Array(HTMLRenderer.render(rendered.root).utf8) }
                if formats.contains(.md) { outputs[.md] = Array(MarkdownRenderer.render(rendered.root).utf8) }
                results.append(RenderedPackDocument(
                    kind: kind, outputs: outputs, sections: rendered.sections, templateHash: template.sourceHash,
                    xhtml: rendered.root))
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
        return results
    }
}
