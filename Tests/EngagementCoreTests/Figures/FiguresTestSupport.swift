import Foundation
import Testing

// `@testable` because the profile's value types have only the compiler's internal
// memberwise initializers; tests build small profiles in place rather than from files.
@testable import EngagementCore

/// Helpers shared by the figure suites, as protocol members rather than free functions so
/// that they cannot clash with other suites' helpers in the same test module.
///
/// Static members serve the argument tables; instance members serve the test bodies.
protocol FigureFixtures {}

extension FigureFixtures {
    /// One appraisal year; omitted amounts are zero, as in the profile.
    static func year(
        _ n: Int, capex: Decimal = 0, opex: Decimal = 0, cash: Decimal = 0, nonCash: Decimal = 0, dis: Decimal = 0
    ) -> ClientProfile.YearFlows {
        ClientProfile.YearFlows(
            year: n, capex: capex, opex: opex, cashBenefits: cash, nonCashBenefits: nonCash, disBenefits: dis)
    }

    /// A decimal written as text, exact where a Double literal would not be.
    func decimal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Decimal {
        try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), sourceLocation: sourceLocation)
    }

    /// A date written `YYYY-MM-DD`.
    func date(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProfileDate {
        try #require(ProfileDate(text), sourceLocation: sourceLocation)
    }

    /// Checks that `actual`, rounded half away from zero to `places`, equals the
    /// hand-computed `expected` (text, so the table holds exact decimals), or that both are nil.
    func expectDecimal(
        _ actual: Decimal?, equals expected: String?, places: Int = 2,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        guard let expected else {
            #expect(actual == nil, "expected no value, got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        let value = try #require(actual, "expected \(expected), got nil", sourceLocation: sourceLocation)
        let wanted = try decimal(expected, sourceLocation: sourceLocation)
        let rounded = FigureMath.rounded(value, places: places)
        #expect(rounded == wanted, "\(value) rounds to \(rounded), not \(expected)", sourceLocation: sourceLocation)
    }

    /// The folder holding Package.swift, found from this file's path so tests run from anywhere.
    func packageRoot(filePath: String = #filePath) -> URL {
        // .../Tests/EngagementCoreTests/Figures/<file>.swift -> four levels up.
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
