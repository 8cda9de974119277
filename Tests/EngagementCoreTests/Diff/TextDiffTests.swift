import Testing

@testable import EngagementCore

@Suite("Word diff")
struct TextDiffTests {
    typealias Fragment = TextDiff.Fragment
    typealias WordCase = (old: String, new: String, fragments: [Fragment])

    static let cases: [WordCase] = [
        // One word.
        (
            "The quick brown fox.", "The quick red fox.",
            [.unchanged("The quick "), .deleted("brown"), .inserted("red"), .unchanged(" fox.")]
        ),
        // A word added; its space goes with it.
        (
            "Review every month.", "Review every calendar month.",
            [.unchanged("Review every "), .inserted("calendar "), .unchanged("month.")]
        ),
        // Punctuation is a token of its own.
        (
            "Costs, benefits.", "Costs; benefits.",
            [.unchanged("Costs"), .deleted(","), .inserted(";"), .unchanged(" benefits.")]
        ),
        // Two edits around " and " (a short word) merge into one.
        (
            "red and green apples in the basket", "blue and yellow apples in the basket",
            [.deleted("red and green"), .inserted("blue and yellow"), .unchanged(" apples in the basket")]
        ),
        // Around ", " too.
        (
            "Owners: Tom, Aisha and the clinical leads agree.", "Owners: Karen, Grace and the clinical leads agree.",
            [
                .unchanged("Owners: "), .deleted("Tom, Aisha"), .inserted("Karen, Grace"),
                .unchanged(" and the clinical leads agree."),
            ]
        ),
        // " with " is a real word between them, so the edits stay apart.
        (
            "red with green apples in the basket", "blue with yellow apples in the basket",
            [
                .deleted("red"), .inserted("blue"), .unchanged(" with "), .deleted("green"), .inserted("yellow"),
                .unchanged(" apples in the basket"),
            ]
        ),
        // Equal texts are one unchanged fragment.
        ("Same text.", "Same text.", [.unchanged("Same text.")]),
    ]

    @Test("Word diffs mark the changed words and merge edits separated by trivial runs", arguments: cases)
    func fragments(_ example: WordCase) {
        let diff = TextDiff(old: example.old, new: example.new)
        #expect(diff.fragments == example.fragments)
        #expect(!diff.isReplacement)
        #expect(diff.oldText == example.old)
        #expect(diff.newText == example.new)
    }

    @Test(
        "A text more than 60% changed is one deletion and one insertion",
        arguments: [
            ("Alpha beta gamma delta.", "Completely different words here."),
            ("", "Now there is text."),
            ("a b c d e", "a x y z w"),
        ])
    func replacement(_ example: (old: String, new: String)) {
        let diff = TextDiff(old: example.old, new: example.new)
        #expect(diff.isReplacement)
        #expect(diff.fragments == (example.old.isEmpty ? [] : [.deleted(example.old)]) + [.inserted(example.new)])
    }

    @Test("Tokens are words, whitespace runs and single punctuation characters")
    func tokens() {
        let tokens = DiffTokenizer.tokens("NPS is 31.4;  fine")
        #expect(tokens.map(\.text) == ["NPS", " ", "is", " ", "31", ".", "4", ";", "  ", "fine"])
        #expect(
            tokens.map(\.kind) == [
                .word, .space, .word, .space, .word, .punctuation, .word, .punctuation, .space, .word,
            ])
    }

    @Test(
        "Trivial runs are under three characters or at most two short tokens",
        arguments: [
            (" ", true), (", ", true), (" of ", true), (" and ", true), (" with ", false), (" a b ", true),
            (" a b c ", false),
        ])
    func trivialRuns(_ example: (text: String, trivial: Bool)) {
        #expect(TextDiff.isTrivial(DiffTokenizer.tokens(example.text)) == example.trivial)
    }
}
