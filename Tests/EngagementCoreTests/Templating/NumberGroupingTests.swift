import Foundation
import Testing

@testable import EngagementCore

/// `TemplateFunctions.grouped` rounds on decimal digits without Foundation's number
/// formatting; it must agree with the Foundation implementation it replaced.
@Suite("Number grouping")
struct NumberGroupingTests {
    /// The former implementation: Foundation `Decimal` rounding of the "%.15g" text.
    static func reference(_ value: Double, digits: Int) -> String {
        var exact = Decimal(string: String(format: "%.15g", value), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, digits, .plain)
        let plain = NSDecimalNumber(decimal: rounded).stringValue
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var integerDigits = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        var groups: [String] = []
        while integerDigits.count > 3 {
            groups.insert(String(integerDigits.suffix(3)), at: 0)
            integerDigits.removeLast(3)
        }
        groups.insert(integerDigits, at: 0)
        var result = groups.joined(separator: ",")
        if digits > 0 {
            fraction += String(repeating: "0", count: max(0, digits - fraction.count))
            result += "." + fraction
        }
        return result
    }

    @Test(
        "hand-picked values: ties, carries, tiny and huge magnitudes",
        arguments: [
            (0.0, 0, "0"), (0.0, 2, "0.00"), (0.5, 0, "1"), (0.49, 0, "0"), (999.5, 0, "1,000"),
            (8.495, 2, "8.50"), (2.675, 2, "2.68"), (1234567.5, 0, "1,234,568"), (99.995, 2, "100.00"),
            (0.0004, 2, "0.00"), (0.005, 2, "0.01"), (1e20, 0, "100,000,000,000,000,000,000"),
            (123.456, 6, "123.456000"), (0.30000000000000004, 1, "0.3"), (1e-7, 6, "0.000000"), (5e-7, 6, "0.000001"),
        ])
    func handPicked(value: Double, digits: Int, expected: String) {
        #expect(TemplateFunctions.grouped(value, digits: digits) == expected)
        #expect(Self.reference(value, digits: digits) == expected)
    }

    @Test("agrees with the Foundation implementation on 20,000 values of every magnitude")
    func agreesWithFoundation() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let magnitude = Double(Int(generator.next() % 22)) - 8
            var value = Double(generator.next() % 10_000_000) / 10_000_000 * pow(10, magnitude)
            // Ties in decimal (x.5, x.x5, ...) are the cases rounding gets wrong most often.
            if generator.next() % 4 == 0 { value = (value * 1000).rounded() / 1000 + 0.0005 }
            let digits = Int(generator.next() % 7)
            let got = TemplateFunctions.grouped(value, digits: digits)
            let expected = Self.reference(value, digits: digits)
            #expect(got == expected, "grouped(\(value), digits: \(digits))")
            if got != expected { return }
        }
    }
}
