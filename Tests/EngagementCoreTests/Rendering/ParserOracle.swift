import Foundation

/// Parses rendered output with the tools a reader's software uses: HTML with html5lib,
/// Markdown with GitHub's cmark-gfm (then html5lib on its HTML). Like the end-to-end
/// tests' Tests/tools/check_output.py it runs python3; it sends a whole batch of
/// documents through one process, since starting Python for each of hundreds of cases
/// would dominate the run.
enum ParserOracle {
    /// What a document is written in.
    enum Kind: String, Codable, Sendable {
        case html, markdown
    }

    /// A node of the tree html5lib builds: an element (`name`, `attributes`, `children`),
    /// a comment (`name` "#comment") or a text (`text`).
    struct Node: Codable, Sendable, Equatable, CustomStringConvertible {
        var name: String?
        var attributes: [[String]]?
        var children: [Node]?
        var text: String?

        var elements: [Node] { (children ?? []).filter { $0.name != nil } }

        /// Every element of the tree, this one first, in document order.
        var allElements: [Node] {
            guard name != nil else { return [] }
            return [self] + (children ?? []).flatMap(\.allElements)
        }

        /// All text inside, in document order.
        var textContent: String { text ?? (children ?? []).map(\.textContent).joined() }

        func first(named wanted: String) -> Node? {
            allElements.first { $0.name == wanted }
        }

        var description: String {
            if let text { return String(reflecting: text) }
            let attributes = (self.attributes ?? []).map { " \($0[0])=\(String(reflecting: $0[1]))" }.joined()
            return "<\(name ?? "?")\(attributes)>" + (children ?? []).map(\.description).joined() + "</\(name ?? "?")>"
        }
    }

    /// The parse of one document; for Markdown also the HTML cmark-gfm made of it.
    struct Parse: Codable, Sendable {
        var tree: Node
        var html: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses all `documents` in one Python process; the parses by ``key(_:_:)``.
    static func parseAll(_ documents: [(Kind, String)]) -> Result<[String: Parse], Failure> {
        do {
            let parses = try parse(documents.map { (kind: $0.0, source: $0.1) })
            var byKey: [String: Parse] = [:]
            for (document, parse) in zip(documents, parses) { byKey[key(document.0, document.1)] = parse }
            return .success(byKey)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }

    static func key(_ kind: Kind, _ source: String) -> String { kind.rawValue + "\n" + source }

    private struct Request: Codable {
        var kind: Kind
        var source: String
    }

    /// Parses each document; the results are in the order of `documents`.
    static func parse(_ documents: [(kind: Kind, source: String)]) throws -> [Parse] {
        // The batch goes through a file: writing it to a pipe could block while the
        // script's output fills the other pipe.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).json")
        try JSONEncoder().encode(documents.map { Request(kind: $0.kind, source: $0.source) }).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 failed (CI installs html5lib and cmarkgfm): " + String(decoding: message, as: UTF8.self))
        }
        let parses = try JSONDecoder().decode([Parse].self, from: data)
        guard parses.count == documents.count else { throw Failure(description: "python3 answered \(parses.count) of \(documents.count) documents") }
        return parses
    }

    /// Reads a JSON list of {kind, source} and writes a JSON list of {tree, html}.
    /// html5lib is not strict here: the property is about what a browser builds, and
    /// random trees nest elements in ways HTML reports as errors but still parses.
    private static let script = #"""
        import json, sys
        import cmarkgfm, html5lib
        from cmarkgfm.cmark import Options

        def node(element):
            tag = element.tag if isinstance(element.tag, str) else "#comment"
            children = []
            if element.text and tag != "#comment":
                children.append({"text": element.text})
            for child in element:
                children.append(node(child))
                if child.tail:
                    children.append({"text": child.tail})
            return {"name": tag, "attributes": sorted([k, v] for k, v in element.attrib.items()), "children": children}

        results = []
        for request in json.load(sys.stdin.buffer):
            source, html = request["source"], None
            if request["kind"] == "markdown":
                html = cmarkgfm.github_flavored_markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE)
                source = "<!DOCTYPE html><html><head><title>t</title></head><body>" + html + "</body></html>"
            tree = html5lib.parse(source, treebuilder="etree", namespaceHTMLElements=False)
            results.append({"tree": node(tree), "html": html})
        json.dump(results, sys.stdout)
        """#
}
