import Foundation
import Testing

@testable import XMLSupport

/// The diagnostic value every layer reports problems with.
@Suite("Diagnostic")
struct DiagnosticTests {
    static func diagnostic(
        _ file: String, _ line: Int, _ column: Int, _ severity: Diagnostic.Severity = .error, _ summary: String = "S."
    ) -> Diagnostic {
        Diagnostic(severity: severity, file: file, position: SourcePosition(line: line, column: column), summary: summary)
    }

    @Test func formattedTextIsFileLineColumnSeverityAndMessage() {
        let diagnostic = Diagnostic(
            severity: .warning, file: "plan.xml", position: SourcePosition(line: 12, column: 5),
            summary: "The review date has passed.", fix: "Add a later review.")
        #expect(diagnostic.formatted == "plan.xml:12:5: warning: The review date has passed. Add a later review.")
        #expect(diagnostic.position == SourcePosition(line: 12, column: 5))
    }

    @Test(
        "A missing or empty fix leaves the message as the summary",
        arguments: [nil, ""] as [String?]
    )
    func messageWithoutFixIsTheSummary(fix: String?) {
        let diagnostic = Diagnostic(file: "a.xml", position: .start, summary: "Broken.", fix: fix)
        #expect(diagnostic.message == "Broken.")
        #expect(diagnostic.formatted == "a.xml:1:1: error: Broken.")
    }

    @Test func sortedForDisplayOrdersByFileLineColumnThenErrorsFirst() {
        let unsorted = [
            Self.diagnostic("b.xml", 1, 1),
            Self.diagnostic("a.xml", 10, 1),
            Self.diagnostic("a.xml", 2, 7, .warning),
            Self.diagnostic("a.xml", 2, 7, .error),
            Self.diagnostic("a.xml", 2, 3),
        ]
        let sorted = unsorted.sortedForDisplay()
        #expect(sorted.map { "\($0.file):\($0.line):\($0.column):\($0.severity.rawValue)" } == [
            "a.xml:2:3:error", "a.xml:2:7:error", "a.xml:2:7:warning", "a.xml:10:1:error", "b.xml:1:1:error",
        ])
    }

    @Test func containsErrorsIgnoresWarnings() {
        #expect(![Self.diagnostic("a", 1, 1, .warning)].containsErrors)
        #expect([Self.diagnostic("a", 1, 1, .warning), Self.diagnostic("a", 2, 1)].containsErrors)
        #expect(![Diagnostic]().containsErrors)
    }

    @Test func errorsSortBeforeWarnings() {
        #expect(Diagnostic.Severity.error < .warning)
        #expect(!(Diagnostic.Severity.warning < .error))
        #expect([Diagnostic.Severity.warning, .error].sorted() == [.error, .warning])
    }

    @Test func diagnosticsSurviveAJSONRoundTrip() throws {
        let original = Diagnostic(
            file: "x.xml", position: SourcePosition(line: 3, column: 4), summary: "Bad.", fix: "Fix it.")
        let decoded = try JSONDecoder().decode(Diagnostic.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
    }
}
