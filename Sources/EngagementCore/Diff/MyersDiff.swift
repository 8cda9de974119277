/// A minimal alignment of two sequences: Myers' O(ND) difference algorithm in its
/// linear-space form (the "middle snake" bisection of section 4b of Myers' paper).
///
/// Both block alignment and word diffs go through here. The linear-space variant matters
/// for whole rewritten tables or paragraphs: the greedy form keeps one V array per edit
/// step, which grows with D squared, while this keeps two arrays of N + M entries.
///
/// Two safeguards, both from git's xdiff, keep unrelated inputs from costing O(N x M):
/// elements that occur on one side only are set aside before the search (they can never
/// be kept), and a search that passes a cost limit splits at its furthest point instead
/// of insisting on the shortest script, so the result may then keep slightly fewer
/// elements than the optimum.
struct MyersDiff<Element: Hashable> {
    /// One kept element: its index in the old and in the new sequence.
    struct Match: Hashable, Sendable {
        var old: Int
        var new: Int
    }

    private let old: [Element]
    private let new: [Element]
    private let costLimit: Int
    private var result: [Match] = []
    private var forward: [Int]
    private var backward: [Int]
    private let offset: Int

    /// The elements kept, increasing in both indices; everything else in `old` is deleted
    /// and everything else in `new` inserted.
    static func matches(_ old: [Element], _ new: [Element]) -> [Match] {
        let newElements = Set(new)
        let oldElements = Set(old)
        let oldKept = old.indices.filter { newElements.contains(old[$0]) }
        let newKept = new.indices.filter { oldElements.contains(new[$0]) }
        guard !oldKept.isEmpty, !newKept.isEmpty else { return [] }
        var diff = MyersDiff(old: oldKept.map { old[$0] }, new: newKept.map { new[$0] })
        diff.align(0, oldKept.count, 0, newKept.count)
        return diff.result.map { Match(old: oldKept[$0.old], new: newKept[$0.new]) }
    }

    private init(old: [Element], new: [Element]) {
        self.old = old
        self.new = new
        let total = old.count + new.count
        costLimit = max(256, Int(Double(total).squareRoot()))
        let reach = min((total + 1) / 2, costLimit) + 2
        offset = reach
        forward = Array(repeating: -1, count: 2 * reach + 1)
        backward = Array(repeating: -1, count: 2 * reach + 1)
        result.reserveCapacity(min(old.count, new.count))
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
    /// in absolute indices, or nil when the two ranges have nothing in common. Past the
    /// cost limit, the furthest point the forward search reached.
    private mutating func middleSnake(_ oldLow: Int, _ oldHigh: Int, _ newLow: Int, _ newHigh: Int) -> (Int, Int)? {
        let n = oldHigh - oldLow
        let m = newHigh - newLow
        let maxD = (n + m + 1) / 2
        let limit = min(maxD, costLimit)
        // Only diagonals -limit-1...limit+1 are ever written or read, so only they are reset.
        for index in (offset - limit - 1)...(offset + limit + 1) {
            forward[index] = -1
            backward[index] = -1
        }
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        let delta = n - m
        // With an odd delta the paths can first overlap on a forward step, otherwise on a
        // backward one.
        let checkOnForward = delta % 2 != 0
        func explored(_ k: Int) -> Bool { k >= -limit - 1 && k <= limit + 1 }
        var forwardStart = 0
        var forwardEnd = 0
        var backwardStart = 0
        var backwardEnd = 0
        for d in 0..<limit {
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
                } else if checkOnForward, explored(delta - k) {
                    let reverse = backward[offset + delta - k]
                    if reverse != -1, x >= n - reverse {
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
                } else if !checkOnForward, explored(delta - k) {
                    let forwardK = delta - k
                    let forwardX = forward[offset + forwardK]
                    if forwardX != -1, forwardX >= n - x {
                        return (oldLow + forwardX, newLow + forwardX - forwardK)
                    }
                }
                k += 2
            }
        }
        guard limit < maxD else { return nil }
        // Too costly: split where the forward search got furthest.
        var best: (x: Int, y: Int)?
        for k in -limit...limit {
            let x = forward[offset + k]
            let y = x - k
            guard x >= 0, x <= n, y >= 0, y <= m else { continue }
            if best.map({ x + y > $0.x + $0.y }) ?? true { best = (x, y) }
        }
        return best.map { (oldLow + $0.x, newLow + $0.y) }
    }
}
