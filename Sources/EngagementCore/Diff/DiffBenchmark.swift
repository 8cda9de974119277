import XMLSupport

/// Synthetic revision pairs for measuring ``DocumentComparison``.
///
/// Measured on the development container (2 cores, x86_64 Linux, Swift 6.3.1, release
/// build, best of five): `syntheticPair(sections: 10_000, paragraphsPerSection: 5,
/// changes: 300, moves: 20, seed: 1)`, two documents of 10,000 sections and 50,000
/// paragraphs, compares in 0.19 s; 5,000 and 20,000 sections (edits and moves scaled
/// alike) take 0.09 s and 0.36 s, and
/// peak memory grows in step (73, 125 and 229 MB for the whole process, including both
/// trees and rendering the report).
public enum DiffBenchmark {
    /// Two revisions of a generated document, the same for the same arguments.
    ///
    /// The old document has `sections` sections (every fourth nested in the top-level
    /// section before it), each with a heading and `paragraphsPerSection` paragraphs of
    /// about twenty words. The new one has `changes` paragraphs edited (a word replaced,
    /// inserted or deleted, or the paragraph rewritten) and `moves` top-level sections moved
    /// elsewhere.
    ///
    /// - Returns: the root `<html>` elements, as ``DocumentComparison/compare(old:new:)``
    ///   takes them.
    public static func syntheticPair(sections: Int, paragraphsPerSection: Int, changes: Int, moves: Int, seed: UInt64)
        -> (old: SourceElement, new: SourceElement)
    {
        var random = SplitMix64(seed: seed)
        var outline: [Section] = []
        for index in 0..<max(0, sections) {
            let section = Section(
                id: "section-\(index)", heading: "Section \(index) " + sentence(words: 3, &random),
                paragraphs: (0..<max(0, paragraphsPerSection)).map { _ in sentence(words: 20, &random) })
            if index % 4 == 3, !outline.isEmpty {
                outline[outline.count - 1].children.append(section)
            } else {
                outline.append(section)
            }
        }
        let old = document(outline)
        var revised = outline
        edit(&revised, changes: changes, &random)
        move(&revised, moves: moves, &random)
        return (old, document(revised))
    }

    // MARK: Model

    private struct Section {
        var id: String
        var heading: String
        var paragraphs: [String]
        var children: [Section] = []
    }

    private static func edit(_ outline: inout [Section], changes: Int, _ random: inout SplitMix64) {
        // Paragraph addresses: top-level index, child index (-1 for the section itself),
        // paragraph index; a set keeps each paragraph to one edit.
        var edited: Set<[Int]> = []
        let paragraphCount = outline.reduce(0) {
            $0 + $1.paragraphs.count + $1.children.reduce(0) { $0 + $1.paragraphs.count }
        }
        let target = min(changes, paragraphCount)
        while edited.count < target {
            let top = random.next(below: outline.count)
            let child = random.next(below: outline[top].children.count + 1) - 1
            let count = child < 0 ? outline[top].paragraphs.count : outline[top].children[child].paragraphs.count
            guard count > 0 else { continue }
            let paragraph = random.next(below: count)
            guard edited.insert([top, child, paragraph]).inserted else { continue }
            if child < 0 {
                outline[top].paragraphs[paragraph] = revise(outline[top].paragraphs[paragraph], &random)
            } else {
                outline[top].children[child].paragraphs[paragraph] = revise(
                    outline[top].children[child].paragraphs[paragraph], &random)
            }
        }
    }

    private static func revise(_ paragraph: String, _ random: inout SplitMix64) -> String {
        var words = paragraph.split(separator: " ").map(String.init)
        let position = random.next(below: words.count)
        switch random.next(below: 4) {
        case 0: words[position] = vocabulary[random.next(below: vocabulary.count)] + "ed"
        case 1: words.insert(vocabulary[random.next(below: vocabulary.count)], at: position)
        case 2 where words.count > 1: words.remove(at: position)
        default: return sentence(words: words.count, &random)
        }
        return words.joined(separator: " ")
    }

    private static func move(_ outline: inout [Section], moves: Int, _ random: inout SplitMix64) {
        guard outline.count > 1 else { return }
        for _ in 0..<max(0, moves) {
            let section = outline.remove(at: random.next(below: outline.count))
            outline.insert(section, at: random.next(below: outline.count + 1))
        }
    }

    // MARK: Elements

    private static func document(_ outline: [Section]) -> SourceElement {
        let title = element("title", [.text("Synthetic document")])
        let head = element("head", [.element(title)])
        let body = element("body", outline.map { .element(section($0)) })
        return element("html", [.element(head), .element(body)], attributes: [.init(name: "lang", value: "en")])
    }

    private static func section(_ section: Section) -> SourceElement {
        var children: [SourceElement.Child] = [
            .element(element(section.children.isEmpty ? "h3" : "h2", [.text(section.heading)]))
        ]
        children += section.paragraphs.map { .element(element("p", [.text($0)])) }
        children += section.children.map { .element(self.section($0)) }
        return element("section", children, attributes: [.init(name: "id", value: section.id)])
    }

    private static func element(
        _ name: String, _ children: [SourceElement.Child], attributes: [SourceElement.Attribute] = []
    ) -> SourceElement {
        SourceElement(
            name: name, namespaceURI: "http://www.w3.org/1999/xhtml", attributes: attributes, children: children,
            position: .start)
    }

    private static func sentence(words: Int, _ random: inout SplitMix64) -> String {
        (0..<max(1, words)).map { _ in vocabulary[random.next(below: vocabulary.count)] }.joined(separator: " ")
    }

    private static let vocabulary = [
        "patient", "referral", "clinic", "waiting", "booking", "review", "stakeholder", "journey", "target", "measure",
        "partner", "service", "outcome", "capacity", "follow-up", "survey", "score", "owner", "milestone", "risk",
        "the", "and", "of", "with", "for", "every", "each", "month", "team", "plan", "care", "time", "first", "local",
    ]
}
