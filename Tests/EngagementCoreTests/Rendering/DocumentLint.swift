import Foundation
import XMLSupport
import EngagementCore

/// Faults a reader would notice in a rendered document's text: counts that disagree with
/// their noun, blanks where a value belongs, doubled words, raw profile ids, instructions
/// meant for the tool's user, and sentences pasted again and again. Checks what the
/// reader sees: the text of each block (paragraph, list item, cell, heading, caption).
struct DocumentLint {
    enum Rule: String, CaseIterable, Sendable {
        /// "1 touchpoints", "the one stakeholders", "1 of 8 are".
        case countNoun = "count-noun"
        /// "discounted at – a year": a dash standing where a value was missing.
        case blank
        /// "the the".
        case doubledWord = "doubled-word"
        /// "by 31 days after 1 March 2027": a date the reader has to count out.
        case countedDate = "counted-date"
        /// "66 %": English puts no space before the sign.
        case spaceBeforePercent = "space-before-percent"
        /// "Stakeholder sh-md-workplace": an id of the profile shown to a reader.
        case rawID = "raw-id"
        /// "edit the profile ... and regenerate": words for the tool's user.
        case toolInstruction = "tool-instruction"
        /// A sentence of eight words or more, ending as a sentence does, pasted more than
        /// twice in one document.
        case repeatedSentence = "repeated-sentence"
        /// A glossary term the rest of the document never uses.
        case unusedGlossaryTerm = "unused-glossary-term"
        /// "Mr Anil Kapoor, influential but not yet on board": the engagement team's
        /// assessment of a named person, in the client edition (checked per block and per
        /// table row, ``engagementLabels(in:people:)``).
        case engagementLabel = "engagement-label"
        /// "Following the Green Book" to a private client, "optimism bias" where the
        /// appraisal applies none: a method that does not apply (``foreignMethods(in:method:optimismBias:)``).
        case foreignMethod = "foreign-method"
        /// A document that does not open with a summary (`<section id="summary">` or
        /// `executive-summary`) of at most ``summaryWordLimit`` words.
        case summary
    }

    /// About a printed A4 page and a half of body text.
    static let summaryWordLimit = 600

    struct Finding: CustomStringConvertible, Sendable {
        var rule: Rule
        var match: String
        var block: String

        var description: String { "[\(rule.rawValue)] “\(match)” in: \(block.prefix(200))" }
    }

    /// The profile's ids that a reader must never see: those with a hyphen (`sh-ceo`,
    /// `exp-uptime`); a one-word id could be an ordinary word of the text.
    var ids: Set<String> = []

    /// Plural nouns the templates count; "1" or "one" before one of them is a fault.
    static let countedNouns: Set<String> = [
        "touchpoints", "stakeholders", "expectations", "days", "weeks", "months", "years", "steps", "points",
        "people", "groups", "risks", "values", "goals", "options", "reviews", "measurements", "responses",
        "segments", "stages", "actions", "changes", "items", "meetings", "members", "readings", "gaps",
        "impacts", "activities", "escalations", "preferences", "customers", "staff", "sites", "teams",
    ]

    static let blockNames: Set<String> = ["p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt", "dd", "figcaption", "title", "desc"]

    /// The text of each block of `root`, whitespace collapsed, in document order.
    static func blocks(of root: XMLOutputElement) -> [String] {
        var blocks: [String] = []
        func text(of element: XMLOutputElement) -> String {
            element.children.map { child in
                switch child {
                case .text(let text): text
                case .element(let nested): text(of: nested)
                }
            }.joined()
        }
        func walk(_ element: XMLOutputElement) {
            if blockNames.contains(element.name) {
                blocks.append(text(of: element).split(whereSeparator: \.isWhitespace).joined(separator: " "))
                return
            }
            for case .element(let child) in element.children { walk(child) }
        }
        walk(root)
        return blocks
    }

    /// Every finding in one document's blocks.
    func findings(in blocks: [String]) -> [Finding] {
        var found: [Finding] = []
        for block in blocks {
            found += Self.findingsInBlock(block, ids: ids)
        }
        found += Self.repeatedSentences(in: blocks)
        return found
    }

    /// ICU's expressions rather than Swift's `Regex`: in the debug build the tests run,
    /// the corpus test took 244 s with `Regex` and takes 35 s with these.
    private static func pattern(_ source: String) -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: source) } catch { preconditionFailure("\(source): \(error)") }
    }

    private static let countNoun = pattern(#"(?<![\w\-.,£$€])(?:1|[Oo]ne) ([a-z]+)\b"#)
    private static let oneOfManyAre = pattern(#"(?<![\w\-.,])1 of [0-9]+ are\b"#)
    private static let dashForValue = pattern(#"\b(?:at|of|by|from|to|on|for|with|than|is|was|are) [–—](?=[\s.,;:)]|$)|\(\s*\)|\s[,;:](?=\s|$)"#)
    private static let doubledWord = pattern(#"(?<![\w\-’'])([A-Za-z]+) \1(?![\w\-’'])"#)
    private static let spaceBeforePercent = pattern(#"[0-9] %"#)
    private static let countedDate = pattern(#"\b[0-9]+ (?:days|weeks) (?:after|before) [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}\b"#)
    private static let hyphenatedToken = pattern(#"(?<![\w\-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w\-])"#)
    private static let toolWords = pattern(#"(?i)\bregenerat\w*|\b(?:client|the) profile\b|\bengage (?:generate|validate|status|regenerate)\b"#)

    static func findingsInBlock(_ block: String, ids: Set<String>) -> [Finding] {
        var found: [Finding] = []
        let text = block as NSString
        func matches(_ expression: NSRegularExpression) -> [NSTextCheckingResult] {
            expression.matches(in: block, range: NSRange(location: 0, length: text.length))
        }
        func add(_ rule: Rule, _ match: NSTextCheckingResult) {
            found.append(Finding(rule: rule, match: text.substring(with: match.range), block: block))
        }
        // Count and noun: "1 touchpoints", "one stakeholders", "the one stakeholders",
        // "1 of 8 are" (a number of one, not part of "tier-1" or "1.5" or "2,001").
        for match in matches(countNoun) where countedNouns.contains(text.substring(with: match.range(at: 1))) { add(.countNoun, match) }
        for match in matches(oneOfManyAre) { add(.countNoun, match) }
        for match in matches(dashForValue) { add(.blank, match) }
        // Whole words only: "on on-time" is two different words.
        for match in matches(doubledWord) { add(.doubledWord, match) }
        for match in matches(spaceBeforePercent) { add(.spaceBeforePercent, match) }
        for match in matches(countedDate) { add(.countedDate, match) }
        if !ids.isEmpty {
            for match in matches(hyphenatedToken) where ids.contains(text.substring(with: match.range)) { add(.rawID, match) }
        }
        for match in matches(toolWords) { add(.toolInstruction, match) }
        return found
    }

    /// Sentences of eight words or more that appear more than twice in the document.
    static func repeatedSentences(in blocks: [String]) -> [Finding] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for block in blocks {
            var sentences: [Substring] = []
            var start = block.startIndex
            var index = block.startIndex
            while index < block.endIndex {
                let next = block.index(after: index)
                if ".!?".contains(block[index]), next < block.endIndex, block[next] == " " {
                    sentences.append(block[start..<next])
                    start = block.index(after: next)
                }
                index = next
            }
            sentences.append(block[start...])
            for sentence in sentences {
                let text = String(sentence)
                // A sentence ends as one: a label repeated across tables (a group's name in
                // the impact, readiness and training tables) is not a pasted sentence.
                guard text.split(separator: " ").count >= 8, let last = text.last, ".!?".contains(last) else { continue }
                if counts[text] == nil { order.append(text) }
                counts[text, default: 0] += 1
            }
        }
        return order.filter { counts[$0, default: 0] > 2 }.map {
            Finding(rule: .repeatedSentence, match: "×\(counts[$0, default: 0])", block: $0)
        }
    }

    /// The terms of the document's glossary (`<section id="glossary">`, its `<dt>`s) that
    /// the rest of the document does not use, as whole words in any case.
    static func unusedGlossaryTerms(in root: XMLOutputElement) -> [Finding] {
        var terms: [String] = []
        func strippingGlossary(_ element: XMLOutputElement) -> XMLOutputElement {
            var copy = element
            copy.children = element.children.compactMap { child in
                guard case .element(let nested) = child else { return child }
                if nested.name == "section", nested.attributes["id"] == "glossary" {
                    terms += nested.elements.flatMap(\.elements).filter { $0.name == "dt" }.map { blocks(of: $0).joined() }
                    return nil
                }
                return .element(strippingGlossary(nested))
            }
            return copy
        }
        let text = blocks(of: strippingGlossary(root)).joined(separator: "\n") as NSString
        return terms.filter { term in
            let word = pattern("(?i)\\b" + NSRegularExpression.escapedPattern(for: term) + "\\b")
            return word.firstMatch(in: text as String, range: NSRange(location: 0, length: text.length)) == nil
        }.map { Finding(rule: .unusedGlossaryTerm, match: $0, block: "Glossary") }
    }

    private static let engagementWords = pattern(
        #"(?i)\b(?:unaware|resistant|not yet on board|engagement now)\b|\b(?:neutral|supportive|leading)(?: →|, as needed| today)|(?:→ |to become )(?:neutral|supportive|leading)\b"#)

    /// Blocks and table rows that name one of `people` next to an engagement label:
    /// what the client edition must never print.
    static func engagementLabels(in root: XMLOutputElement, people: [String]) -> [Finding] {
        var rows: [String] = []
        func walk(_ element: XMLOutputElement) {
            if element.name == "tr" { rows.append(blocks(of: element).joined(separator: " | ")) }
            for case .element(let child) in element.children { walk(child) }
        }
        walk(root)
        var found: [Finding] = []
        for text in blocks(of: root) + rows {
            guard let name = people.first(where: text.contains) else { continue }
            let range = NSRange(location: 0, length: (text as NSString).length)
            if let label = engagementWords.firstMatch(in: text, range: range) {
                found.append(Finding(rule: .engagementLabel, match: "\(name): \((text as NSString).substring(with: label.range))", block: text))
            }
        }
        return found
    }

    private static let publicSectorMethods = pattern(#"\b(?:Green Book|HM Treasury|PRINCE2|Five Case Model)\b"#)
    private static let projectBoard = pattern(#"\bproject board\b"#)
    private static let optimismBias = pattern(#"(?i)\boptimism bias\b"#)

    /// Blocks that name a method the client does not use: the UK public sector's for a
    /// private client, a PRINCE2 board under a steering committee, optimism bias when
    /// the appraisal applies none.
    static func foreignMethods(in blocks: [String], method: MethodFigures, optimismBias: Decimal) -> [Finding] {
        var found: [Finding] = []
        for block in blocks {
            let range = NSRange(location: 0, length: (block as NSString).length)
            var expressions: [NSRegularExpression] = []
            if method.sector == .private { expressions.append(publicSectorMethods) }
            if method.governance == .steeringCommittee { expressions.append(projectBoard) }
            if optimismBias == 0 { expressions.append(Self.optimismBias) }
            for expression in expressions {
                if let match = expression.firstMatch(in: block, range: range) {
                    found.append(Finding(rule: .foreignMethod, match: (block as NSString).substring(with: match.range), block: block))
                }
            }
        }
        return found
    }

    /// The document's first section after its cover must be its summary, short enough to
    /// read first.
    static func summaryFindings(in root: XMLOutputElement) -> [Finding] {
        func sections(_ element: XMLOutputElement) -> [XMLOutputElement] {
            element.name == "section" ? [element] : element.elements.flatMap(sections)
        }
        guard let first = sections(root).first(where: { $0.attributes["id"] != "cover" }) else { return [Finding(rule: .summary, match: "no section", block: "")] }
        let id = first.attributes["id"] ?? ""
        guard id == "summary" || id == "executive-summary" else {
            return [Finding(rule: .summary, match: "first section \(id)", block: "")]
        }
        let words = summaryWords(first)
        return words > summaryWordLimit ? [Finding(rule: .summary, match: "\(words) words", block: id)] : []
    }

    /// The words of a section's blocks.
    static func summaryWords(_ section: XMLOutputElement) -> Int {
        blocks(of: section).reduce(0) { $0 + $1.split(separator: " ").count }
    }

    /// The ids of `profile` (its text) with a hyphen in them.
    static func ids(inProfile profile: String) -> Set<String> {
        let text = profile as NSString
        let ids = pattern(#"\bid="([^"]+)""#).matches(in: profile, range: NSRange(location: 0, length: text.length))
        return Set(ids.map { text.substring(with: $0.range(at: 1)) }.filter { $0.contains("-") })
    }
}
