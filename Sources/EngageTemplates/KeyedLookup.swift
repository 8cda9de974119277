/// A location path that chooses elements by the values of their attributes:
/// `/client/stakeholders/stakeholder[@id = current()/@owner]/name`,
/// `/client/measurements/measurement[@expectation = $e/@id and @date = $f/@latest-date][last()]`.
///
/// Such a path depends on which of the parent's elements of that name carry those values,
/// not on every element's attributes and the whole list: a render records one list line
/// of exactly the matching children (``TraceHash/listPath(parent:named:keys:)``), so that
/// adding, removing or editing an element that does not match leaves the section current.
package struct KeyedLookup: Sendable {
    /// The path to the parents of the chosen elements, from where the whole path starts
    /// (`/client/stakeholders`, `$stage`; `.` for the context node).
    package let parentPath: String
    /// The name of the chosen elements.
    package let name: String
    /// Each attribute and the expression giving the value it must equal: a string literal
    /// or a path from the root, a variable or `current()`, never from the candidate.
    package let keys: [(attribute: String, value: String)]
    /// How a render finds each key's value: most are an attribute of the context node
    /// (`current()/@owner`) or of a variable's node (`$e/@stakeholder`), read without an
    /// XPath evaluation.
    package enum KeyValue: Sendable, Equatable {
        case literal(String)
        case attributeOfContext(String)
        case attributeOfVariable(variable: String, attribute: String)
        /// Any other path: evaluated.
        case path
    }

    /// ``KeyValue`` of each of `keys`, in order.
    package var keyValues: [KeyValue] {
        keys.map { key in
            let value = key.value
            if let quote = value.first, quote == "'" || quote == "\"" { return .literal(String(value.dropFirst().dropLast())) }
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].hasPrefix("@") else { return .path }
            let attribute = String(parts[1].dropFirst())
            if parts[0] == "self::node()" { return .attributeOfContext(attribute) }
            if parts[0].hasPrefix("$") { return .attributeOfVariable(variable: String(parts[0].dropFirst()), attribute: attribute) }
            return .path
        }
    }

    /// The path without the predicates of the keyed step: the candidates, and the nested
    /// reads below them (`STEP/@id`), which the lookup's line replaces.
    package let stepPath: String
    /// The number of element steps after the keyed step (`name` in `stakeholder[...]/name`).
    package let elementStepsAfter: Int

    /// The lookup `expression` performs, or nil when it is not one location path with
    /// exactly one step chosen by `@ATTR = VALUE` conditions (joined by `and`, in one or
    /// several predicates, optionally followed by a position: `[1]`, `[last()]`).
    ///
    /// Works on UTF-8 bytes: it runs for every distinct expression of every template.
    package init?(_ expression: String) {
        let source = Array(expression.utf8)
        // Most expressions are no lookup: they lack "[", "@" or "=", or call a function
        // other than current(), last() and text().
        guard source.contains(Self.open), source.contains(Self.at), source.contains(Self.equals),
            Self.callsOnlyStepFunctions(source)
        else { return nil }
        let text = Self.replacingCurrent(Self.trimmed(source[...]))
        guard let steps = Self.steps(of: text) else { return nil }
        let predicated = steps.indices.filter { !steps[$0].predicates.isEmpty }
        guard predicated.count == 1, let keyedIndex = predicated.first else { return nil }
        // Every step is a name (the first may be a variable, `.` or `self::node()`), so that
        // which elements the path reaches is decided by names and the one lookup.
        for (index, step) in steps.enumerated() {
            guard Self.isPlainStep(step.name, first: index == 0, last: index == steps.count - 1) else { return nil }
        }
        let step = steps[keyedIndex]
        guard XPathReadPaths.isName(step.name) else { return nil }
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
        func joined(_ steps: ArraySlice<(name: ArraySlice<UInt8>, predicates: [ArraySlice<UInt8>])>) -> String {
            String(decoding: Array(steps.map(\.name).joined(separator: [Self.slash])), as: UTF8.self)
        }
        let isAbsolute = text.first == Self.slash
        let before = joined(steps[..<keyedIndex])
        parentPath = isAbsolute ? (before.isEmpty ? "/" : before) : (before.isEmpty ? "." : before)
        name = String(decoding: step.name, as: UTF8.self)
        self.keys = keys
        stepPath = joined(steps[...keyedIndex])
        elementStepsAfter = steps[(keyedIndex + 1)...].filter { $0.name.first != Self.at && !$0.name.elementsEqual(Self.textNode) }.count
    }

    private static let open = UInt8(ascii: "[")
    private static let close = UInt8(ascii: "]")
    private static let at = UInt8(ascii: "@")
    private static let equals = UInt8(ascii: "=")
    private static let slash = UInt8(ascii: "/")
    private static let dollar = UInt8(ascii: "$")
    private static let selfNode = Array("self::node()".utf8)
    private static let current = Array("current()".utf8)
    private static let textNode = Array("text()".utf8)
    private static let last = Array("last()".utf8)
    private static let and = Array(" and ".utf8)

    /// Whether every "(" in `bytes` opens `current()`, `last()` or `text()`.
    private static func callsOnlyStepFunctions(_ bytes: [UInt8]) -> Bool {
        var index = bytes.firstIndex(of: UInt8(ascii: "("))
        while let open = index {
            let before = bytes[..<open]
            guard before.reversed().starts(with: current.dropLast(2).reversed()) || before.reversed().starts(with: last.dropLast(2).reversed())
                || before.reversed().starts(with: textNode.dropLast(2).reversed())
            else { return false }
            index = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "("))
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        return bytes
    }

    /// `current()` written as `self::node()`, as read paths write it.
    private static func replacingCurrent(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "c"), bytes[index...].starts(with: current) {
                result += selfNode
                index += current.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// The steps of a single location path, split at the slashes outside brackets and
    /// quotes, each with its predicates' contents; nil for anything else (a union, a
    /// function call, `//`, an operator).
    private static func steps(of text: [UInt8]) -> [(name: ArraySlice<UInt8>, predicates: [ArraySlice<UInt8>])]? {
        var steps: [(name: ArraySlice<UInt8>, predicates: [ArraySlice<UInt8>])] = []
        var start = 0
        if text.first == slash {
            steps.append((text[0..<0], []))  // the root: joined back as the leading "/"
            start = 1
        }
        var nameStart = start
        var nameEnd: Int?
        var predicates: [ArraySlice<UInt8>] = []
        var predicateStart = 0
        var depth = 0
        var quote: UInt8?
        for index in start..<text.count {
            let byte = text[index]
            if let opening = quote {
                if byte == opening { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard depth > 0 else { return nil }
                quote = byte
            case open:
                if depth == 0 {
                    if nameEnd == nil { nameEnd = index }
                    predicateStart = index + 1
                }
                depth += 1
            case close:
                depth -= 1
                guard depth >= 0 else { return nil }
                if depth == 0 { predicates.append(text[predicateStart..<index]) }
            case slash where depth == 0:
                let end = nameEnd ?? index
                guard end > nameStart else { return nil }  // "//"
                steps.append((text[nameStart..<end], predicates))
                nameStart = index + 1
                nameEnd = nil
                predicates = []
            default:
                // Predicates end a step: nothing but "/" may follow them.
                guard depth > 0 || nameEnd == nil else { return nil }
            }
        }
        guard depth == 0, quote == nil else { return nil }
        let end = nameEnd ?? text.count
        guard end > nameStart else { return nil }
        steps.append((text[nameStart..<end], predicates))
        return steps
    }

    private static func isPlainStep(_ step: ArraySlice<UInt8>, first: Bool, last: Bool) -> Bool {
        if first, step.isEmpty || step.elementsEqual([UInt8(ascii: ".")]) || step.elementsEqual(selfNode) { return true }
        if first, step.first == dollar { return XPathReadPaths.isName(step.dropFirst()) }
        if last, step.first == at { return XPathReadPaths.isName(step.dropFirst()) }
        if last, step.elementsEqual(textNode) { return true }
        return XPathReadPaths.isName(step)
    }

    /// `1`, `2`, `last()`: a position among what the conditions before it chose.
    private static func isPosition(_ predicate: ArraySlice<UInt8>) -> Bool {
        let text = trimmed(predicate)
        return text.elementsEqual(last) || (!text.isEmpty && text.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    }

    /// `@a = VALUE and @b = VALUE`: each attribute with its value's expression; nil when
    /// the predicate is anything else.
    private static func conditions(in predicate: ArraySlice<UInt8>) -> [(attribute: String, value: String)]? {
        var conditions: [(attribute: String, value: String)] = []
        var rest = predicate
        while !rest.isEmpty {
            let part: ArraySlice<UInt8>
            if let start = rest.indices.first(where: { rest[$0...].starts(with: and) }) {
                part = rest[..<start]
                rest = rest[(start + and.count)...]
            } else {
                part = rest
                rest = rest[rest.endIndex...]
            }
            let sides = part.split(separator: equals, omittingEmptySubsequences: false)
            guard sides.count == 2 else { return nil }
            let attribute = trimmed(sides[0])
            let value = trimmed(sides[1])
            guard attribute.first == at, XPathReadPaths.isName(attribute.dropFirst()), isContextFree(value) else { return nil }
            conditions.append((String(decoding: attribute.dropFirst(), as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return conditions
    }

    /// A string literal, or a plain path from the root, a variable or the context node
    /// (`current()`): its value does not depend on the candidate being tested.
    private static func isContextFree(_ value: ArraySlice<UInt8>) -> Bool {
        if let first = value.first, first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            return value.count >= 2 && value.last == first && !value.dropFirst().dropLast().contains(first)
        }
        var path = value
        if path.starts(with: selfNode) {
            path = path.dropFirst(selfNode.count)
        } else if path.first != slash && path.first != dollar {
            return false
        }
        for (index, step) in path.split(separator: slash, omittingEmptySubsequences: false).enumerated() {
            if index == 0 && step.isEmpty { continue }  // from the root or the context node
            if index == 0, step.first == dollar, XPathReadPaths.isName(step.dropFirst()) { continue }
            guard XPathReadPaths.isName(step.first == at ? step.dropFirst() : step) else { return false }
        }
        return true
    }
}
