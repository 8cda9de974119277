/// The longest strictly increasing subsequence of a list of integers, by patience sorting
/// in O(n log n).
///
/// Section moves use it: the matched sections that keep their relative order form the
/// longest increasing run of old positions taken in new order, and only the others are
/// reported as moved, so moving one section does not mark every section it jumped over.
enum LongestIncreasingSubsequence {
    /// For each index of `values`, whether it belongs to one longest increasing
    /// subsequence. Among several of equal length, the one ending in the earliest
    /// smallest tail is chosen, so the answer is deterministic.
    static func membership(_ values: [Int]) -> [Bool] {
        // tails[length - 1] is the index of the smallest value ending an increasing run of
        // that length found so far; previous links each index to its predecessor.
        var tails: [Int] = []
        var previous = Array(repeating: -1, count: values.count)
        for (index, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if values[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var member = Array(repeating: false, count: values.count)
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            member[cursor] = true
            cursor = previous[cursor]
        }
        return member
    }
}
