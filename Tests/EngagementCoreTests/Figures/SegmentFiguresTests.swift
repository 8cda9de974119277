import Foundation
import Testing

@testable import EngagementCore

@Suite("Segments")
struct SegmentFiguresTests: FigureFixtures {
    typealias Case = (segments: [(share: String, core: Bool)], core: String, nonCore: String, unsegmented: String)

    static let cases: [Case] = [
        // Core 40 + 35 = 75; non-core 25; 100 - 75 - 25 = 0.
        ([("40", true), ("35", true), ("25", false)], "75", "25", "0"),
        // Northgate: core 78.5 + 9.0 = 87.5; non-core 6.4 + 1.6 = 8; 100 - 87.5 - 8 = 4.5 outside any segment.
        ([("78.5", true), ("9.0", true), ("6.4", false), ("1.6", false)], "87.5", "8", "4.5"),
        // No segments: all revenue unsegmented.
        ([], "0", "0", "100"),
    ]

    @Test("Core and non-core shares are sums of revenue shares", arguments: cases)
    func shares(_ example: Case) throws {
        let segments = try example.segments.enumerated().map { index, segment in
            ClientProfile.Segment(
                id: "seg-\(index)", name: "", description: nil, revenueShare: try decimal(segment.share),
                isCore: segment.core)
        }
        let figures = SegmentFigures(segments: segments)
        try expectDecimal(figures.coreShare, equals: example.core, places: 1)
        try expectDecimal(figures.nonCoreShare, equals: example.nonCore, places: 1)
        try expectDecimal(figures.unsegmentedShare, equals: example.unsegmented, places: 1)
        #expect(figures.coreSegmentIDs == segments.filter(\.isCore).map(\.id))
    }
}
