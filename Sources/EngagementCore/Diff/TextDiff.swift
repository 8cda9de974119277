/// A word-level comparison of two versions of one block's text.
///
/// Built from a Myers diff over ``DiffTokenizer`` tokens, then tidied for reading: an
/// unchanged run too small to stand on its own between two edits (a space, a comma, "of")
/// joins them into one edit, and when most of the text changed the whole block is shown
/// as replaced instead of as a patchwork of word edits.
public struct TextDiff: Sendable, Hashable {
    /// A piece of text and what happened to it.
    public enum Fragment: Sendable, Hashable {
        case unchanged(String)
        case deleted(String)
        case inserted(String)
    }

    /// The pieces in reading order; within one edit the deleted text comes first.
    public var fragments: [Fragment]
    /// Whether most of the text changed, so the fragments are the whole old text deleted
    /// and the whole new text inserted.
    public var isReplacement: Bool

    /// The share of (non-whitespace) tokens that must change for the block to be shown
    /// as replaced.
    public static let replacementThreshold = 0.6

    /// Compares `old` with `new`.
    public init(old: String, new: String) {
        let oldTokens = DiffTokenizer.tokens(old)
        let newTokens = DiffTokenizer.tokens(new)
        var identifiers: [Substring: Int] = [:]
        func identify(_ token: DiffTokenizer.Token) -> Int {
            if let known = identifiers[token.text] { return known }
            let identifier = identifiers.count
            identifiers[token.text] = identifier
            return identifier
        }
        let matches = MyersDiff.matches(oldTokens.map(identify), newTokens.map(identify))

        let oldCount = oldTokens.count { $0.kind != .space }
        let newCount = newTokens.count { $0.kind != .space }
        let kept = matches.count { oldTokens[$0.old].kind != .space }
        let changed = (oldCount - kept) + (newCount - kept)
        if oldCount + newCount > 0, Double(changed) / Double(oldCount + newCount) > Self.replacementThreshold {
            isReplacement = true
            fragments = []
            if !old.isEmpty { fragments.append(.deleted(old)) }
            if !new.isEmpty { fragments.append(.inserted(new)) }
            return
        }
        isReplacement = false
        fragments = Self.merge(Self.runs(oldTokens, newTokens, matches)).flatMap(\.fragments)
    }

    /// The text before the change.
    public var oldText: String {
        fragments.map {
            switch $0 {
            case .unchanged(let text), .deleted(let text): text
            case .inserted: ""
            }
        }.joined()
    }

    /// The text after the change.
    public var newText: String {
        fragments.map {
            switch $0 {
            case .unchanged(let text), .inserted(let text): text
            case .deleted: ""
            }
        }.joined()
    }

    // MARK: Runs

    /// Alternating unchanged runs and edits, before tidying.
    private enum Run {
        case unchanged([DiffTokenizer.Token])
        case edit(deleted: String, inserted: String)

        var fragments: [Fragment] {
            switch self {
            case .unchanged(let tokens):
                return [.unchanged(tokens.map(\.text).joined())]
            case .edit(let deleted, let inserted):
                return (deleted.isEmpty ? [] : [.deleted(deleted)]) + (inserted.isEmpty ? [] : [.inserted(inserted)])
            }
        }
    }

    private static func runs(
        _ old: [DiffTokenizer.Token], _ new: [DiffTokenizer.Token], _ matches: [MyersDiff<Int>.Match]
    ) -> [Run] {
        var runs: [Run] = []
        var oldIndex = 0
        var newIndex = 0
        var same: [DiffTokenizer.Token] = []
        func edit(to oldEnd: Int, _ newEnd: Int) {
            guard oldIndex < oldEnd || newIndex < newEnd else { return }
            if !same.isEmpty { runs.append(.unchanged(same)) }
            same = []
            runs.append(
                .edit(
                    deleted: old[oldIndex..<oldEnd].map(\.text).joined(),
                    inserted: new[newIndex..<newEnd].map(\.text).joined()))
        }
        for match in matches {
            edit(to: match.old, match.new)
            same.append(old[match.old])
            oldIndex = match.old + 1
            newIndex = match.new + 1
        }
        edit(to: old.count, new.count)
        if !same.isEmpty { runs.append(.unchanged(same)) }
        return runs
    }

    /// Joins two edits separated only by a trivial unchanged run, so that
    /// "[-red-] and [-green-]" reads "[-red and green-]".
    private static func merge(_ runs: [Run]) -> [Run] {
        var merged: [Run] = []
        var index = 0
        while index < runs.count {
            let run = runs[index]
            if case .unchanged(let tokens) = run, isTrivial(tokens),
                case .edit(let deletedBefore, let insertedBefore)? = merged.last,
                index + 1 < runs.count, case .edit(let deletedAfter, let insertedAfter) = runs[index + 1]
            {
                let text = tokens.map(\.text).joined()
                merged[merged.count - 1] = .edit(
                    deleted: deletedBefore + text + deletedAfter, inserted: insertedBefore + text + insertedAfter)
                index += 2
                continue
            }
            merged.append(run)
            index += 1
        }
        return merged
    }

    /// Fewer than three characters, or at most two short tokens besides whitespace
    /// (three characters together), like ", " or " of ".
    static func isTrivial(_ tokens: [DiffTokenizer.Token]) -> Bool {
        let characters = tokens.reduce(0) { $0 + $1.text.count }
        if characters < 3 { return true }
        let visible = tokens.filter { $0.kind != .space }
        return visible.count <= 2 && visible.reduce(0) { $0 + $1.text.count } <= 3
    }
}
