import Testing
import XMLSupport

// `@testable` for the internal pieces tested on their own: MyersDiff, the
// longest-increasing-subsequence helper, the extractor and the generator.
@testable import EngagementCore

/// Helpers shared by the diff suites, as protocol members so that they cannot clash with
/// other suites' helpers in the same test module.
protocol DiffFixtures {}

extension DiffFixtures {
    /// The root of an XHTML document whose body is `body`.
    static func document(_ body: String) throws -> SourceElement {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
              <head><title>Test</title></head>
              <body>
            \(body)
              </body>
            </html>
            """
        return try XMLDocument.parse(bytes: Array(text.utf8), fileName: "test.xhtml").root
    }

    /// The comparison of two documents given by their bodies.
    static func compare(_ old: String, _ new: String) throws -> DocumentDiff {
        DocumentComparison.compare(old: try document(old), new: try document(new))
    }

    /// Sections `ids`, in order, each with one paragraph of text naming it.
    static func sections(_ ids: [String]) -> String {
        ids.map { "<section id=\"\($0)\"><h2>Section \($0)</h2><p>About \($0).</p></section>" }.joined(separator: "\n")
    }
}

/// A hand-made revision pair and the exact edits expected from it.
struct EditCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: String
    var new: String
    var edits: [DiffEdit]

    var testDescription: String { name }
}

extension DiffEdit {
    /// A shorter spelling for tables of expected edits.
    static func edit(
        _ operation: Operation, _ sectionID: String?, path: String? = nil, old: String? = nil, new: String? = nil
    ) -> DiffEdit {
        DiffEdit(operation: operation, sectionID: sectionID, path: path, old: old, new: new)
    }
}
