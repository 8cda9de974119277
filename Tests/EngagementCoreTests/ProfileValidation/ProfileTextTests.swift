import Foundation
import Testing

@testable import EngagementCore

/// The fast paths of `ProfileText` must agree with the Foundation calls they replace.
@Suite("Profile text fast paths")
struct ProfileTextTests {
    static func foundationDecimal(_ text: String) -> Decimal? {
        Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
    }

    @Test(
        "decimal() agrees with Foundation in value and in how the value prints",
        arguments: [
            "0", "7", "-7", "12.50", "0.05", "-0.5", "1000000", "123456789012345678", "1234567890123456789",
            "3.14159265358979", "00012", "12.", ".5", "-", "", " 42 ", "4e3", "1,5", "12.3.4", "--1", "1-", "0.000000001",
            "99999999999999999.9",
        ])
    func decimalAgrees(text: String) {
        let fast = ProfileText.decimal(text)
        let reference = Self.foundationDecimal(text)
        #expect(fast == reference, "\(text)")
        #expect(fast?.description == reference?.description, "\(text)")
    }

    @Test("decimal() agrees with Foundation on 10,000 generated numbers")
    func decimalAgreesOnGeneratedNumbers() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<10_000 {
            let integer = generator.next() % 10_000_000
            let fraction = generator.next() % 1000
            let text: String
            switch generator.next() % 4 {
            case 0: text = "\(integer)"
            case 1: text = "-\(integer).\(fraction)"
            case 2: text = "\(integer).\(String(fraction).padding(toLength: 3, withPad: "0", startingAt: 0))"
            default: text = "0.\(String(repeating: "0", count: Int(generator.next() % 5)))\(fraction)"
            }
            let fast = ProfileText.decimal(text)
            let reference = Self.foundationDecimal(text)
            #expect(fast == reference && fast?.description == reference?.description, "\(text)")
            if fast != reference { return }
        }
    }

    @Test(
        "trimmed() agrees with Foundation's whitespace and newline trimming",
        arguments: ["id-1", " id-1", "id-1 ", "\n\tid 1\r\n", "", " ", "\u{00A0}x\u{00A0}", "x\u{2028}", "é", " é ", "a b"])
    func trimmedAgrees(text: String) {
        #expect(ProfileText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
