import Foundation
import Testing
import XMLSupport

// `@testable` for the engine's internal types: TemplateCompiler, TemplateRenderer,
// XPathReadPaths.
@testable import EngagementCore

/// A fresh temporary template folder (FileManager's temporary directory plus a UUID),
/// removed when the last reference goes.
final class TemplatingTestFolder {
    let url: URL

    /// Creates the folder and writes `files`, relative path -> UTF-8 text.
    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("templating-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try write(path, text) }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `path` inside the folder, creating subfolders.
    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// The path diagnostics show for a file of the folder.
    func display(_ path: String) -> String {
        (url.path as NSString).appendingPathComponent(path)
    }

    /// The template sources of the folder.
    func sources() throws(TemplateFailure) -> TemplateSources {
        try TemplateSources(folder: url)
    }
}

/// A template failure carried out of a helper with its formatted report as description,
/// so a failing test shows what the engine said.
struct TemplatingTestFailure: Error, CustomStringConvertible {
    var failure: TemplateFailure
    var description: String { "The template failed:\n" + failure.formatted }
}

/// Builders and runners shared by the templating suites. Static members on one enum, so
/// they cannot clash with other suites' helpers in the same test module.
enum TemplatingFixtures {
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// A template whose root is `<div>` in the XHTML namespace, with `t:` declared.
    static func template(_ content: String, root: String = "div") -> String {
        #"<\#(root) xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:engagement-planner:template">"#
            + content + "</\(root)>"
    }

    /// A template of several lines: the `<div>` root with `t:` declared on line 1, then
    /// `lines` from line 2, then the closing tag.
    static func template(lines: [String], root: String = "div") -> String {
        let open = #"<\#(root) xmlns="http://www.w3.org/1999/xhtml" xmlns:t="urn:engagement-planner:template">"#
        return ([open] + lines + ["</\(root)>"]).joined(separator: "\n")
    }

    /// The serialized form of a `<div>` root holding `content`, as `output(of:)` gives it.
    static func div(_ content: String) -> String {
        #"<div xmlns="http://www.w3.org/1999/xhtml">"# + content + "</div>"
    }

    /// Parses a small model.
    static func model(_ xml: String) throws -> XMLDocument {
        try XMLDocument.parse(bytes: Array(xml.utf8), fileName: "model.xml")
    }

    /// A session on `model` with the template functions in `currency`.
    static func session(_ model: String, currency: String = "GBP") throws -> XPathSession {
        XPathSession(document: try Self.model(model), functions: TemplateFunctions.make(currency: currency))
    }

    /// Compiles `main` of `folder` and renders it against `model`.
    static func render(
        _ folder: TemplatingTestFolder, main: String = "main.xhtml", model: String = "<client/>",
        currency: String = "GBP", variables: [String: XPathObject] = [:]
    ) throws -> RenderedDocument {
        let session = try session(model, currency: currency)
        do throws(TemplateFailure) {
            let sources = try folder.sources()
            let template = try TemplateCompiler.compile(main, sources: sources)
            return try TemplateRenderer(session: session, sources: sources).render(template, variables: variables)
        } catch {
            throw TemplatingTestFailure(failure: error)
        }
    }

    /// Renders the single template `text` (written as main.xhtml) against `model`.
    static func render(
        template text: String, model: String = "<client/>", currency: String = "GBP",
        variables: [String: XPathObject] = [:]
    ) throws -> RenderedDocument {
        let folder = try TemplatingTestFolder(["main.xhtml": text])
        return try render(folder, model: model, currency: currency, variables: variables)
    }

    /// The XHTML the template gives, serialized without indentation and without the XML
    /// declaration.
    static func output(
        template text: String, model: String = "<client/>", currency: String = "GBP",
        variables: [String: XPathObject] = [:]
    ) throws -> String {
        try serialized(render(template: text, model: model, currency: currency, variables: variables).root)
    }

    /// `root` serialized by the writer, the XML declaration and final newline removed.
    static func serialized(_ root: XMLOutputElement, indent: Bool = false) -> String {
        var text = String(decoding: XMLWriter.serialize(root, indent: indent), as: UTF8.self)
        if text.hasPrefix(declaration + "\n") { text.removeFirst(declaration.count + 1) }
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The failure of compiling or rendering `main` of `folder`; nil (with an issue
    /// recorded) when everything succeeds.
    static func failure(
        _ folder: TemplatingTestFolder, main: String = "main.xhtml", model: String = "<client/>",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TemplateFailure? {
        let session = try session(model)
        do throws(TemplateFailure) {
            let sources = try folder.sources()
            let template = try TemplateCompiler.compile(main, sources: sources)
            let rendered = try TemplateRenderer(session: session, sources: sources).render(template)
            Issue.record(
                "Expected a template failure, but it rendered \(serialized(rendered.root)).",
                sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// The failure of the single template `text`, written as main.xhtml.
    static func failure(
        template text: String, model: String = "<client/>", sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TemplateFailure? {
        try failure(TemplatingTestFolder(["main.xhtml": text]), model: model, sourceLocation: sourceLocation)
    }
}
