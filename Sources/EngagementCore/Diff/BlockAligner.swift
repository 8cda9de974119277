/// Aligns the blocks of two versions of a section (or the cells of two versions of a row)
/// and describes each one's change.
///
/// Blocks are first aligned by content with a Myers diff, so identical blocks anchor the
/// alignment. Between two anchors, deleted and inserted blocks of the same element are
/// then paired as one modified block: the pairing keeps order, pairs as many as it can,
/// and among equally many prefers blocks that share words, so a new paragraph inserted
/// just before an edited one does not steal the edit.
enum BlockAligner {
    /// One step of an alignment, with indices into the old and new lists.
    enum Step: Equatable {
        case same(Int, Int)
        case deleted(Int)
        case inserted(Int)
        case paired(Int, Int)
    }

    /// Above this many candidate pairs in one gap, pairing falls back to order alone, to
    /// keep a rewritten table from costing quadratic time and memory.
    static let scoredPairingLimit = 4096

    /// The changes from `old` to `new`, every text block included.
    static func diff(old: [DiffBlock], new: [DiffBlock]) -> [BlockDiff] {
        var result: [BlockDiff] = []
        for step in align(old, new) {
            switch step {
            case .same(let oldIndex, let newIndex):
                guard new[newIndex].kind != .container else { continue }
                result.append(unchanged(new[newIndex], oldPath: old[oldIndex].path))
            case .deleted(let oldIndex):
                guard old[oldIndex].kind != .container else { continue }
                result.append(deleted(old[oldIndex]))
            case .inserted(let newIndex):
                guard new[newIndex].kind != .container else { continue }
                result.append(inserted(new[newIndex]))
            case .paired(let oldIndex, let newIndex):
                result.append(modified(old[oldIndex], new[newIndex]))
            }
        }
        return result
    }

    /// The blocks of a section with the same content in both documents.
    /// Paths follow from content, so equal sections have equal paths too.
    static func unchanged(_ blocks: [DiffBlock]) -> [BlockDiff] {
        blocks.compactMap { $0.kind == .container ? nil : unchanged($0, oldPath: nil) }
    }

    static func unchanged(_ block: DiffBlock, oldPath: String?) -> BlockDiff {
        BlockDiff(
            change: .unchanged, element: block.name, path: block.path, oldPath: oldPath == block.path ? nil : oldPath,
            oldText: block.text, newText: block.text, cells: block.cells.map { unchanged($0, oldPath: nil) })
    }

    static func inserted(_ block: DiffBlock) -> BlockDiff {
        BlockDiff(
            change: .inserted, element: block.name, path: block.path, oldText: nil, newText: block.text,
            cells: block.cells.map(inserted))
    }

    static func deleted(_ block: DiffBlock) -> BlockDiff {
        BlockDiff(
            change: .deleted, element: block.name, path: block.path, oldText: block.text, newText: nil,
            cells: block.cells.map(deleted))
    }

    static func modified(_ old: DiffBlock, _ new: DiffBlock) -> BlockDiff {
        let attributes = AttributeChange.changes(from: old.attributes, to: new.attributes, elementPath: new.path)
        if old.kind == .row {
            return BlockDiff(
                change: .modified, element: new.name, path: new.path, oldPath: old.path == new.path ? nil : old.path,
                oldText: old.text, newText: new.text, cells: diff(old: old.cells, new: new.cells),
                attributeChanges: attributes)
        }
        let isContainer = new.kind == .container
        return BlockDiff(
            change: .modified, element: new.name, path: new.path, oldPath: old.path == new.path ? nil : old.path,
            oldText: isContainer ? nil : old.text, newText: isContainer ? nil : new.text,
            textDiff: old.text == new.text ? nil : TextDiff(old: old.text, new: new.text),
            attributeChanges: attributes, isContainer: isContainer)
    }

    // MARK: Alignment

    static func align(_ old: [DiffBlock], _ new: [DiffBlock]) -> [Step] {
        var steps: [Step] = []
        var oldIndex = 0
        var newIndex = 0
        func closeGap(_ oldEnd: Int, _ newEnd: Int) {
            steps += pairGap(old, oldIndex..<oldEnd, new, newIndex..<newEnd)
        }
        for match in MyersDiff.matches(old, new) {
            closeGap(match.old, match.new)
            steps.append(.same(match.old, match.new))
            oldIndex = match.old + 1
            newIndex = match.new + 1
        }
        closeGap(old.count, new.count)
        return steps
    }

    /// The steps for one gap between anchors: pairs in order, and before each pair the
    /// unpaired deletions, then the unpaired insertions.
    private static func pairGap(_ old: [DiffBlock], _ oldRange: Range<Int>, _ new: [DiffBlock], _ newRange: Range<Int>)
        -> [Step]
    {
        let pairs = pairs(Array(old[oldRange]), Array(new[newRange]))
        var steps: [Step] = []
        var oldIndex = oldRange.lowerBound
        var newIndex = newRange.lowerBound
        for pair in pairs {
            let oldPaired = oldRange.lowerBound + pair.old
            let newPaired = newRange.lowerBound + pair.new
            steps += (oldIndex..<oldPaired).map(Step.deleted) + (newIndex..<newPaired).map(Step.inserted)
            steps.append(.paired(oldPaired, newPaired))
            oldIndex = oldPaired + 1
            newIndex = newPaired + 1
        }
        steps +=
            (oldIndex..<oldRange.upperBound).map(Step.deleted) + (newIndex..<newRange.upperBound).map(Step.inserted)
        return steps
    }

    /// Order-keeping pairs of same-element blocks: as many as possible, then the most
    /// shared words.
    static func pairs(_ old: [DiffBlock], _ new: [DiffBlock]) -> [MyersDiff<String>.Match] {
        guard !old.isEmpty, !new.isEmpty else { return [] }
        func key(_ block: DiffBlock) -> String { "\(block.kind)|\(block.name)" }
        if old.count == 1, new.count == 1 {
            return key(old[0]) == key(new[0]) ? [.init(old: 0, new: 0)] : []
        }
        guard old.count * new.count <= scoredPairingLimit else {
            return MyersDiff.matches(old.map(key), new.map(key))
        }
        let oldWords = old.map(words)
        let newWords = new.map(words)
        let columns = new.count + 1
        // best[i * columns + j]: the best score pairing old[..<i] with new[..<j].
        var best = Array(repeating: 0.0, count: (old.count + 1) * columns)
        func score(_ i: Int, _ j: Int) -> Double? {
            guard key(old[i]) == key(new[j]) else { return nil }
            return 1 + similarity(oldWords[i], newWords[j])
        }
        for i in 1...old.count {
            for j in 1...new.count {
                var value = max(best[(i - 1) * columns + j], best[i * columns + j - 1])
                if let score = score(i - 1, j - 1) { value = max(value, best[(i - 1) * columns + j - 1] + score) }
                best[i * columns + j] = value
            }
        }
        var pairs: [MyersDiff<String>.Match] = []
        var i = old.count
        var j = new.count
        while i > 0, j > 0 {
            if let score = score(i - 1, j - 1), best[i * columns + j] == best[(i - 1) * columns + j - 1] + score {
                pairs.append(.init(old: i - 1, new: j - 1))
                i -= 1
                j -= 1
            } else if best[i * columns + j] == best[(i - 1) * columns + j] {
                i -= 1
            } else {
                j -= 1
            }
        }
        return pairs.reversed()
    }

    private static func words(_ block: DiffBlock) -> [Substring: Int] {
        var counts: [Substring: Int] = [:]
        for token in DiffTokenizer.tokens(block.text) where token.kind == .word {
            counts[token.text, default: 0] += 1
        }
        return counts
    }

    /// The Dice coefficient of two bags of words: 1 for the same words, 0 for none shared.
    private static func similarity(_ old: [Substring: Int], _ new: [Substring: Int]) -> Double {
        let total = old.values.reduce(0, +) + new.values.reduce(0, +)
        guard total > 0 else { return 1 }
        var shared = 0
        for (word, count) in old { shared += min(count, new[word] ?? 0) }
        return Double(2 * shared) / Double(total)
    }
}
