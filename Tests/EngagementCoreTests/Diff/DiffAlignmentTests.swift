import Testing

@testable import EngagementCore

@Suite("Alignment algorithms")
struct DiffAlignmentTests {
    @Test("Myers finds a longest common subsequence of random sequences", arguments: 0..<40)
    func myersMatchesDynamicProgramming(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let old = (0..<random.next(below: 30)).map { _ in random.next(below: 4) }
        let new = (0..<random.next(below: 30)).map { _ in random.next(below: 4) }
        let matches = MyersDiff.matches(old, new)
        #expect(matches.count == Self.lcsLength(old, new))
        for match in matches { #expect(old[match.old] == new[match.new]) }
        for (earlier, later) in zip(matches, matches.dropFirst()) {
            #expect(earlier.old < later.old && earlier.new < later.new)
        }
    }

    @Test("Past its cost limit Myers still returns a valid alignment, quickly", arguments: [1, 2])
    func myersPastCostLimit(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        // Over a large alphabet, the edit distance of two random sequences far exceeds 256.
        let old = (0..<4000).map { _ in random.next(below: 2000) }
        var new = old.shuffled(using: &random)
        new.removeLast(500)
        let matches = MyersDiff.matches(old, new)
        #expect(!matches.isEmpty)
        for match in matches { #expect(old[match.old] == new[match.new]) }
        for (earlier, later) in zip(matches, matches.dropFirst()) {
            #expect(earlier.old < later.old && earlier.new < later.new)
        }
    }

    @Test("Myers handles empty and disjoint inputs")
    func myersEdges() {
        #expect(MyersDiff<Int>.matches([], []).isEmpty)
        #expect(MyersDiff.matches([1, 2], []).isEmpty)
        #expect(MyersDiff.matches([1, 2], [3, 4, 5]).isEmpty)
        #expect(MyersDiff.matches([1, 2, 3], [1, 2, 3]).map(\.new) == [0, 1, 2])
    }

    @Test(
        "The longest increasing subsequence leaves out only what is out of order",
        arguments: [
            ([0, 2, 3, 1, 4], [true, true, true, false, true]),
            ([4, 0, 1, 2, 3], [false, true, true, true, true]),
            ([0, 1, 2], [true, true, true]),
            ([], []),
        ])
    func longestIncreasingSubsequence(_ example: (values: [Int], member: [Bool])) {
        #expect(LongestIncreasingSubsequence.membership(example.values) == example.member)
    }

    static func lcsLength(_ a: [Int], _ b: [Int]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
