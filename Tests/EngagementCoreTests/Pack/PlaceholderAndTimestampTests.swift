import Foundation
import Testing

@testable import EngagementCore

/// The revision number and input fingerprint are filled into a document's bytes after it
/// is rendered; revisions are stamped in UTC to the second.
@Suite("Placeholders and timestamps")
struct PlaceholderAndTimestampTests {
    typealias Placeholder = RenderedPackDocument.Placeholder
    static let values = [Placeholder.revision: "12", Placeholder.inputHash: "0123456789abcdef"]

    @Test(
        "placeholders are replaced wherever they stand; other text, private-use characters included, is kept",
        arguments: [
            ("no placeholder at all", "no placeholder at all"),
            ("\(Placeholder.revision)", "12"),
            ("Revision \(Placeholder.revision).", "Revision 12."),
            ("\(Placeholder.revision)\(Placeholder.inputHash)", "120123456789abcdef"),
            ("é \(Placeholder.inputHash) – 🙂", "é 0123456789abcdef – 🙂"),
            ("\u{E000}other\u{E001} \u{E123}", "\u{E000}other\u{E001} \u{E123}"),
            ("\u{E000}revision", "\u{E000}revision"),
            ("a\u{E000}\(Placeholder.revision)b", "a\u{E000}12b"),
        ])
    func substitutesPlaceholders(text: String, expected: String) {
        #expect(RenderedPackDocument.substitute(Self.values, in: Array(text.utf8)) == Array(expected.utf8))
        #expect(RenderedPackDocument.substitute(Self.values, in: text) == expected)
    }

    @Test(
        "a revision's timestamp is what ISO8601DateFormatter writes",
        arguments: [0.0, 1_795_000_000.0, 1_795_000_000.999, 951_782_400.5, 4_102_444_799.0, 1_000_000_000.25])
    func timestampMatchesFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(PackPublisher.timestamp(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test("timestamps worked out by hand")
    func timestampsByHand() {
        #expect(PackPublisher.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(PackPublisher.timestamp(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(PackPublisher.timestamp(Date(timeIntervalSince1970: 1_795_000_000.999)) == "2026-11-18T11:06:40Z")
    }
}
