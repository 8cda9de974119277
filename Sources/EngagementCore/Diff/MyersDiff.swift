/// A minimal alignment of two sequences: Myers' O(ND) difference algorithm in its
/// linear-space form (the "middle snake" bisection of section 4b of Myers' paper).
///
/// Both block alignment and word diffs go through here. The linear-space variant matters
/// for whole rewritten tables or paragraphs: the greedy form keeps one V array per edit
/// step, which grows with D squared, while this keeps two arrays of N + M entries.
struct MyersDiff<Element: Equatable> {
    /// One kept element: its index in the old and in the new sequence.
    struct Match: Hashable, Sendable {
        var old: Int
        var new: Int
    }

    private let old: [Element]
    private let new: [Element]
    private var result: [Match] = []
    private var forward: [Int] = []
    private var backward: [Int] = []

    /// The elements kept, increasing in both indices; everything else in `old` is deleted
    /// and everything else in `new` inserted.
    static func matches(_ old: [Element], _ new: [Element]) -> [Match] {
        var diff = MyersDiff(old: old, new: new)
        diff.result.reserveCapacity(min(old.count, new.count))
        let capacity = (old.count + new.count + 1) / 2 * 2 + 4
        diff.forward = Array(repeating: -1, count: capacity)
        diff.backward = Array(repeating: -1, count: capacity)
        diff.align(0, old.count, 0, new.count)
        return diff.result
    }

    private init(old: [Element], new: [Element]) {
        self.old = old
        self.new = new
    }

    /// Aligns `old[oldLow..<oldHigh]` with `new[newLow..<newHigh]`, appending matches in order.
    private mutating func align(_ oldLow: Int, _ oldHigh: Int, _ newLow: Int, _ newHigh: Int) {
        var oldLow = oldLow
        var newLow = newLow
        // A common prefix and suffix are matched directly: most real edits are local, so
        // this leaves the search only the region around them.
        while oldLow < oldHigh, newLow < newHigh, old[oldLow] == new[newLow] {
            result.append(Match(old: oldLow, new: newLow))
            oldLow += 1
            newLow += 1
        }
        var oldEnd = oldHigh
        var newEnd = newHigh
        while oldEnd > oldLow, newEnd > newLow, old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        if oldEnd > oldLow, newEnd > newLow,
            let (x, y) = middleSnake(oldLow, oldEnd, newLow, newEnd),
            (x, y) != (oldLow, newLow), (x, y) != (oldEnd, newEnd)
        {
            align(oldLow, x, newLow, y)
            align(x, oldEnd, y, newEnd)
        }
        for offset in 0..<(oldHigh - oldEnd) {
            result.append(Match(old: oldEnd + offset, new: newEnd + offset))
        }
    }

    /// The point where the forward and backward searches of a shortest edit script meet,
    /// in absolute indices, or nil when the two ranges have nothing in common.
    private mutating func middleSnake(_ oldLow: Int, _ oldHigh: Int, _ newLow: Int, _ newHigh: Int) -> (Int, Int)? {
        let n = oldHigh - oldLow
        let m = newHigh - newLow
        let maxD = (n + m + 1) / 2
        let offset = maxD
        let length = 2 * maxD + 2
        for index in 0..<length {
            forward[index] = -1
            backward[index] = -1
        }
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        let delta = n - m
        // With an odd delta the paths can first overlap on a forward step, otherwise on a
        // backward one.
        let checkOnForward = delta % 2 != 0
        var forwardStart = 0
        var forwardEnd = 0
        var backwardStart = 0
        var backwardEnd = 0
        for d in 0..<maxD {
            var k = -d + forwardStart
            while k <= d - forwardEnd {
                let index = offset + k
                var x =
                    (k == -d || (k != d && forward[index - 1] < forward[index + 1]))
                    ? forward[index + 1] : forward[index - 1] + 1
                var y = x - k
                while x < n, y < m, old[oldLow + x] == new[newLow + y] {
                    x += 1
                    y += 1
                }
                forward[index] = x
                if x > n {
                    forwardEnd += 2
                } else if y > m {
                    forwardStart += 2
                } else if checkOnForward {
                    let other = offset + delta - k
                    if other >= 0, other < length, backward[other] != -1, x >= n - backward[other] {
                        return (oldLow + x, newLow + y)
                    }
                }
                k += 2
            }
            k = -d + backwardStart
            while k <= d - backwardEnd {
                let index = offset + k
                var x =
                    (k == -d || (k != d && backward[index - 1] < backward[index + 1]))
                    ? backward[index + 1] : backward[index - 1] + 1
                var y = x - k
                while x < n, y < m, old[oldHigh - x - 1] == new[newHigh - y - 1] {
                    x += 1
                    y += 1
                }
                backward[index] = x
                if x > n {
                    backwardEnd += 2
                } else if y > m {
                    backwardStart += 2
                } else if !checkOnForward {
                    let other = offset + delta - k
                    if other >= 0, other < length, forward[other] != -1 {
                        let forwardX = forward[other]
                        let forwardY = forwardX - (other - offset)
                        if forwardX >= n - x {
                            return (oldLow + forwardX, newLow + forwardY)
                        }
                    }
                }
                k += 2
            }
        }
        return nil
    }
}
