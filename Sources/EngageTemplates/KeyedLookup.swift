/// A location path that chooses elements by the values of their attributes:
/// `/client/stakeholders/stakeholder[@id = current()/@owner]/name`,
/// `/client/measurements/measurement[@expectation = $e/@id and @date = $f/@latest-date][last()]`.
///
/// Such a path depends on which of the parent's elements of that name carry those values,
/// not on every element's attributes and the whole list: a render records one list line
/// of exactly the matching children (``TraceHash/listPath(parent:named:keys:)``), so that
/// adding, removing or editing an element that does not match leaves the section current.
package struct KeyedLookup {
    /// The path to the parents of the chosen elements, from where the whole path starts
    /// (`/client/stakeholders`, `$stage`; `.` for the context node).
    package let parentPath: String
    /// The name of the chosen elements.
    package let name: String
    /// Each attribute and the expression giving the value it must equal: a string literal
    /// or a path from the root, a variable or `current()`, never from the candidate.
    package let keys: [(attribute: String, value: String)]
    /// The path without the predicates of the keyed step: the candidates, and the nested
    /// reads below them (`STEP/@id`), which the lookup's line replaces.
    package let stepPath: String
    /// The number of element steps after the keyed step (`name` in `stakeholder[...]/name`).
    package let elementStepsAfter: Int

    /// The lookup `expression` performs, or nil when it is not one location path with
    /// exactly one step chosen by `@ATTR = VALUE` conditions (joined by `and`, in one or
    /// several predicates, optionally followed by a position: `[1]`, `[last()]`).
    package init?(_ expression: String) {
        let text = expression.replacingOccurrences(of: "current()", with: "self::node()")
        guard let steps = Self.steps(of: text) else { return nil }
        var keyed: Int?
        for (index, step) in steps.enumerated() where !step.predicates.isEmpty {
            guard keyed == nil else { return nil }
            keyed = index
        }
        guard let keyedIndex = keyed else { return nil }
        // Every step is a name (the first may be a variable, `.` or `self::node()`), so that
        // which elements the path reaches is decided by names and the one lookup.
        for (index, step) in steps.enumerated() {
            guard Self.isPlainStep(step.name, first: index == 0, last: index == steps.count - 1) else { return nil }
        }
        let step = steps[keyedIndex]
        guard Self.isName(step.name) else { return nil }
        var keys: [(attribute: String, value: String)] = []
        var positional = false
        for predicate in step.predicates {
            if Self.isPosition(predicate) {
                positional = true
                continue
            }
            // A condition after a position would choose among the first few: not a lookup.
            guard !positional, let conditions = Self.conditions(in: predicate) else { return nil }
            keys += conditions
        }
        guard !keys.isEmpty else { return nil }
        let isAbsolute = text.hasPrefix("/")
        let before = steps[..<keyedIndex].map(\.name).joined(separator: "/")
        parentPath = isAbsolute ? (before.isEmpty ? "/" : before) : (before.isEmpty ? "." : before)
        name = step.name
        self.keys = keys
        stepPath = steps[...keyedIndex].map(\.name).joined(separator: "/")
        elementStepsAfter = steps[(keyedIndex + 1)...].filter { !$0.name.hasPrefix("@") && $0.name != "text()" }.count
    }

    /// The steps of a single location path, split at the slashes outside brackets and
    /// quotes, each with its predicates' contents; nil for anything else (a union, a
    /// function call, `//`, an operator).
    private static func steps(of text: String) -> [(name: String, predicates: [String])]? {
        var steps: [(name: String, predicates: [String])] = []
        var name = ""
        var predicates: [String] = []
        var predicate = ""
        var depth = 0
        var quote: Character?
        var characters = Substring(text.trimmingXPathSpace)
        if characters.hasPrefix("/") {
            characters = characters.dropFirst()
            steps.append(("", []))  // the root: joined back as the leading "/"
        }
        for character in characters {
            if let open = quote {
                predicate.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                guard depth > 0 else { return nil }
                quote = character
                predicate.append(character)
            case "[":
                if depth > 0 { predicate.append(character) }
                depth += 1
            case "]":
                depth -= 1
                guard depth >= 0 else { return nil }
                if depth == 0 {
                    predicates.append(predicate)
                    predicate = ""
                } else {
                    predicate.append(character)
                }
            case "/" where depth == 0:
                guard !name.isEmpty else { return nil }  // "//"
                steps.append((name, predicates))
                name = ""
                predicates = []
            default:
                if depth > 0 {
                    predicate.append(character)
                } else {
                    // Predicates end a step: nothing but "/" may follow them.
                    guard predicates.isEmpty else { return nil }
                    name.append(character)
                }
            }
        }
        guard depth == 0, quote == nil, !name.isEmpty else { return nil }
        steps.append((name, predicates))
        return steps
    }

    private static func isPlainStep(_ step: String, first: Bool, last: Bool) -> Bool {
        if first, step.isEmpty || step == "." || step == "self::node()" { return true }
        if first, step.hasPrefix("$") { return isName(String(step.dropFirst())) }
        if last, step.hasPrefix("@") { return isName(String(step.dropFirst())) }
        if last, step == "text()" { return true }
        return isName(step)
    }

    /// A name without a prefix: letters, digits, `-`, `_`, `.`, starting with a letter or `_`.
    private static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// `1`, `2`, `last()`: a position among what the conditions before it chose.
    private static func isPosition(_ predicate: String) -> Bool {
        let text = predicate.trimmingXPathSpace
        return text == "last()" || (!text.isEmpty && text.allSatisfy(\.isASCIIDigitCharacter))
    }

    /// `@a = VALUE and @b = VALUE`: each attribute with its value's expression; nil when
    /// the predicate is anything else.
    private static func conditions(in predicate: String) -> [(attribute: String, value: String)]? {
        var conditions: [(attribute: String, value: String)] = []
        for part in predicate.components(separatedBy: " and ") {
            let sides = part.components(separatedBy: "=")
            guard sides.count == 2 else { return nil }
            let attribute = sides[0].trimmingXPathSpace
            let value = sides[1].trimmingXPathSpace
            guard attribute.hasPrefix("@"), isName(String(attribute.dropFirst())), isContextFree(value) else { return nil }
            conditions.append((String(attribute.dropFirst()), value))
        }
        return conditions
    }

    /// A string literal, or a plain path from the root, a variable or the context node
    /// (`current()`): its value does not depend on the candidate being tested.
    private static func isContextFree(_ value: String) -> Bool {
        if let first = value.first, first == "'" || first == "\"" {
            return value.count >= 2 && value.last == first && !value.dropFirst().dropLast().contains(first)
        }
        guard value.hasPrefix("/") || value.hasPrefix("$") || value.hasPrefix("self::node()") else { return false }
        guard !value.contains("//"), !value.contains("["), !value.contains(" ") else { return false }
        let rest = value.hasPrefix("self::node()") ? String(value.dropFirst("self::node()".count)) : value
        return rest.split(separator: "/").enumerated().allSatisfy { index, step in
            if index == 0, step.hasPrefix("$") { return isName(String(step.dropFirst())) }
            return isName(step.hasPrefix("@") ? String(step.dropFirst()) : String(step))
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    /// Without the XPath whitespace (space, tab, newline, return) around it.
    fileprivate var trimmingXPathSpace: String {
        let space: Set<Character> = [" ", "\t", "\n", "\r"]
        var text = Substring(self)
        while let first = text.first, space.contains(first) { text = text.dropFirst() }
        while let last = text.last, space.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
