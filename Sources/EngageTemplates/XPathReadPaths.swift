import EngageBasics
import Foundation

/// Finds the location paths inside an XPath 1.0 expression, with their predicates
/// removed, so that a render can record which parts of the model an expression read even
/// when its result is a number or a string (`count(stakeholders/stakeholder)`).
///
/// Removing predicates over-approximates on purpose: `stakeholder[@level='executive']`
/// depends on every stakeholder's level, so every stakeholder is recorded. A section is
/// then never reported current when an input it depends on has changed.
///
/// Works on UTF-8 bytes: it runs for every distinct expression of every template, and
/// XPath's punctuation is ASCII, which never occurs inside a multi-byte sequence.
package enum XPathReadPaths {
    private enum Kind: Equatable {
        case literal, number, variable
        case name  // a name test, axis name or node type
        case function  // a name followed by "("
        case slash, doubleSlash, dot, dotDot, at, axis, star
        case openBracket, closeBracket, openParen, closeParen, comma
        case `operator`  // | + - = != < <= > >= and or div mod, and * as multiply
    }

    private struct Token {
        var kind: Kind
        /// The bytes the token is written as in a path.
        var text: Range<Int>
        /// A node type test, `text()`: written as its name followed by "()".
        var isNodeType = false
    }

    /// The location paths of `expression`, predicates stripped, each a valid expression
    /// of its own; nested paths inside predicates and function arguments are included.
    package static func paths(in expression: String) -> [String] {
        reads(in: expression).paths
    }

    /// The read paths of `expression` (``paths(in:)``) and the paths of the steps that
    /// carry a predicate (`/a/b` for `/a/b[1]/c`): a predicate chooses among its step's
    /// nodes, so which of them exist and their order (their places) are read as well.
    package static func reads(in expression: String) -> (paths: [String], places: [String]) {
        let analysis = analyze(expression)
        return (analysis.paths, analysis.places)
    }

    /// ``reads(in:)``, and the names of the functions `expression` calls (each once, in
    /// the order written), found by the same scan.
    package static func analyze(_ expression: String) -> (paths: [String], places: [String], functions: [String]) {
        // current() is the context node the evaluation started from: read it as self.
        var text = withCurrentAsSelf(expression)
        var found: [String] = []
        var places: [String] = []
        var functions: [String] = []
        var scratch: [UInt8] = []
        text.withUTF8 { bytes in
            collect(bytes, bytes.indices, into: &found, places: &places, scratch: &scratch, nestedOnly: false, functions: &functions, findsFunctions: true)
        }
        return (found, places, functions)
    }

    /// `expression` without its outermost predicates: for a single location path
    /// (`a/b[@id = $x]/c`), the read path ``paths(in:)`` gives for it. `expression` comes
    /// trimmed.
    package static func withoutPredicates(_ expression: String) -> String {
        guard expression.utf8.contains(UInt8(ascii: "[")) else { return expression }
        var text = expression
        return text.withUTF8 { buffer in
            var kept: [UInt8] = []
            kept.reserveCapacity(buffer.count)
            var next = 0
            for predicate in predicates(in: buffer, buffer.indices) {
                // Drop "[" ... "]" around the predicate's contents.
                kept += buffer[next..<(predicate.lowerBound - 1)]
                next = predicate.upperBound + 1
            }
            if next < buffer.count { kept += buffer[next...] }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// `expression` with every `current()` written as `self::node()`.
    private static func withCurrentAsSelf(_ expression: String) -> String {
        let replaced = expression.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let pattern = currentCall
            func isCall(at index: Int) -> Bool {
                var offset = 0
                while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
                return offset == pattern.count
            }
            var matches: [Int] = []
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == UInt8(ascii: "c"), isCall(at: index) {
                    matches.append(index)
                    index += pattern.count
                } else {
                    index += 1
                }
            }
            guard !matches.isEmpty else { return expression }
            // Foundation's search treats canonically equivalent text as equal: keep its
            // answer for the rare expression with non-ASCII text.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 3 * matches.count)
            var start = 0
            for match in matches {
                result += bytes[start..<match]
                result += "self::node()".utf8
                start = match + pattern.count
            }
            result += bytes[start...]
            return String(decoding: result, as: UTF8.self)
        }
        if let replaced, let replaced { return replaced }
        return expression.replacingOccurrences(of: "current()", with: "self::node()")
    }

    /// Appends the paths of `bytes[range]` not found yet, then those inside its predicates;
    /// with `nestedOnly`, only absolute paths and those from variables or the starting
    /// node, since relative paths inside a predicate read the candidate. `path` is scratch
    /// space. With `findsFunctions` (the outermost call, which sees every token), the names
    /// of the functions called go to `functions`.
    private static func collect(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into found: inout [String], places: inout [String],
        scratch path: inout [UInt8], nestedOnly: Bool, functions: inout [String], findsFunctions: Bool = false
    ) {
        func keep(_ path: String) -> Bool {
            !nestedOnly || path.hasPrefix("/") || path.hasPrefix("$") || path.hasPrefix("self::node()")
        }
        guard let tokens = tokenize(bytes, range) else { return }
        if findsFunctions {
            for token in tokens where token.kind == .function {
                let name = String(decoding: bytes[token.text], as: UTF8.self)
                if !functions.contains(name) { functions.append(name) }
            }
        }
        // Predicates of a location step, with the path up to that step: a relative path
        // inside one (`expectation[@status = 'missed']`) reads from the step's nodes, so it
        // is recorded below that path (`expectation/@status`).
        var stepPredicates: [(prefix: String, range: Range<Int>)] = []
        var index = 0
        var previous: Kind?
        while index < tokens.count {
            let token = tokens[index].kind
            // "/" after ")" continues a filter expression such as (a | b)/c, whose steps
            // are relative to nodes found inside the brackets (recorded there).
            if token == .slash || token == .doubleSlash, previous == .closeParen {
                index += 1
                while index < tokens.count, continuesFilterExpression(tokens[index].kind) { index += 1 }
                previous = .name
                continue
            }
            if startsPath(token, previous: previous) {
                let pathStart = index
                // Most paths are written in one piece: `span`, until a predicate, a space or
                // a node type test makes them be assembled in `path`.
                var span = tokens[index].text.lowerBound..<tokens[index].text.lowerBound
                var isSpan = true
                var depth = 0
                var last: Kind?
                var predicateStart = 0
                var predicatePrefix = ""
                while index < tokens.count {
                    let current = tokens[index]
                    if depth == 0 {
                        if current.kind == .openBracket {
                            depth = 1
                            predicateStart = current.text.upperBound
                            predicatePrefix = isSpan ? String(decoding: bytes[span], as: UTF8.self) : String(decoding: path, as: UTF8.self)
                            if !predicatePrefix.isEmpty, keep(predicatePrefix), !places.contains(predicatePrefix) {
                                places.append(predicatePrefix)
                            }
                        } else if continuesPath(current.kind, after: last) {
                            if isSpan, current.text.lowerBound == span.upperBound, !current.isNodeType {
                                span = span.lowerBound..<current.text.upperBound
                            } else {
                                if isSpan {
                                    path.removeAll(keepingCapacity: true)
                                    path += bytes[span]
                                    isSpan = false
                                }
                                path += bytes[current.text]
                                if current.isNodeType { path += "()".utf8 }
                            }
                            last = current.kind
                        } else {
                            break
                        }
                    } else {
                        if current.kind == .openBracket { depth += 1 }
                        if current.kind == .closeBracket {
                            depth -= 1
                            if depth == 0, !predicatePrefix.isEmpty {
                                stepPredicates.append((predicatePrefix, predicateStart..<current.text.lowerBound))
                            }
                        }
                    }
                    index += 1
                }
                if let last, last != .slash, last != .doubleSlash, last != .at, last != .axis {
                    let text = isSpan ? String(decoding: bytes[span], as: UTF8.self) : String(decoding: path, as: UTF8.self)
                    if keep(text) {
                        // count(PATH) reads which nodes there are, not what they hold.
                        if isCounted(tokens, pathStart..<index, in: bytes) {
                            if !places.contains(text) { places.append(text) }
                        } else if !found.contains(text) {
                            found.append(text)
                        }
                    }
                }
                previous = last
                continue
            }
            previous = token
            index += 1
        }
        // Paths inside predicates are found by scanning again from each "[".
        for (prefix, predicate) in stepPredicates {
            var nested: [String] = []
            var nestedPlaces: [String] = []
            collect(bytes, predicate, into: &nested, places: &nestedPlaces, scratch: &path, nestedOnly: false, functions: &functions)
            func below(_ inner: String) -> String {
                let isOwnContext = inner.hasPrefix("/") || inner.hasPrefix("$") || inner.hasPrefix("self::node()")
                return isOwnContext ? inner : prefix + "/" + inner
            }
            for inner in nested.map(below) where !found.contains(inner) { found.append(inner) }
            for inner in nestedPlaces.map(below) where !places.contains(inner) { places.append(inner) }
        }
        let handled = Set(stepPredicates.map(\.range.lowerBound))
        for predicate in predicates(in: bytes, range) where !handled.contains(predicate.lowerBound) {
            collect(bytes, predicate, into: &found, places: &places, scratch: &path, nestedOnly: true, functions: &functions)
        }
    }

    /// Whether the tokens `path` are the whole argument of a call of count().
    private static func isCounted(_ tokens: [Token], _ path: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.lowerBound >= 2, path.upperBound < tokens.count, tokens[path.upperBound].kind == .closeParen,
            tokens[path.lowerBound - 1].kind == .openParen, tokens[path.lowerBound - 2].kind == .function
        else { return false }
        return bytes[tokens[path.lowerBound - 2].text].elementsEqual("count".utf8)
    }

    /// The contents of the outermost `[...]` of `bytes[range]`, brackets inside string
    /// literals ignored.
    private static func predicates(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        let expression = bytes[range]
        guard expression.contains(UInt8(ascii: "[")) else { return [] }
        var ranges: [Range<Int>] = []
        var depth = 0
        var start: Int?
        var quote: UInt8?
        func visit(_ character: UInt8, at position: Int, length: Int) {
            if let open = quote {
                if character == open { quote = nil }
                return
            }
            if character == UInt8(ascii: "'") || character == UInt8(ascii: "\"") {
                quote = character
            } else if character == UInt8(ascii: "[") {
                if depth == 0 { start = position + length }
                depth += 1
            } else if character == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0, let begin = start { ranges.append(begin..<position) }
            }
        }
        if expression.allSatisfy({ $0 < 0x80 }) {
            for position in range { visit(bytes[position], at: position, length: 1) }
        } else {
            // A quote or bracket followed by a combining mark is one character, and then
            // none of these: scan by characters, as the text would be read.
            var position = range.lowerBound
            for character in String(decoding: expression, as: UTF8.self) {
                let length = character.utf8.count
                visit(length == 1 ? bytes[position] : 0, at: position, length: length)
                position += length
            }
        }
        return ranges
    }

    private static func continuesFilterExpression(_ kind: Kind) -> Bool {
        switch kind {
        case .slash, .doubleSlash, .at, .axis, .star, .dot, .dotDot, .name: true
        default: false
        }
    }

    private static func startsPath(_ token: Kind, previous: Kind?) -> Bool {
        switch token {
        case .slash, .doubleSlash, .dot, .dotDot, .at, .variable: return true
        case .name: return true
        case .star: return !isOperatorPosition(previous)
        default: return false
        }
    }

    private static func continuesPath(_ token: Kind, after last: Kind?) -> Bool {
        switch last {
        case nil: return true
        case .slash?, .doubleSlash?, .at?, .axis?:
            switch token {
            case .name, .star, .at, .dot, .dotDot, .function: return true
            default: return false
            }
        case .name?:
            return token == .slash || token == .doubleSlash || token == .axis
        default:
            return token == .slash || token == .doubleSlash
        }
    }

    /// XPath 1.0 section 3.7: after these tokens, `*` and names are operands, not operators.
    private static func isOperatorPosition(_ previous: Kind?) -> Bool {
        guard let previous else { return false }
        switch previous {
        case .at, .axis, .openParen, .openBracket, .comma, .operator, .slash, .doubleSlash: return false
        default: return true
        }
    }

    private static let currentCall = Array("current()".utf8)
    private static let operatorNames: [[UInt8]] = ["and", "or", "div", "mod"].map { Array($0.utf8) }
    private static let nodeTypes: [[UInt8]] = ["node", "text", "comment", "processing-instruction"].map { Array($0.utf8) }

    private static func tokenize(_ characters: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Token]? {
        // XPath's grammar is defined on Unicode scalars; only names hold non-ASCII ones.
        var tokens: [Token] = []
        tokens.reserveCapacity(range.count / 2 + 1)
        let end = range.upperBound
        var index = range.lowerBound
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        func isSpace(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
        }
        /// The length of the name start character at `position`, or 0.
        func nameStart(at position: Int) -> Int {
            let c = characters[position]
            if c < 0x80 {
                return (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || c == UInt8(ascii: "_") ? 1 : 0
            }
            let (scalar, length) = decode(at: position)
            return scalar.properties.isAlphabetic ? length : 0
        }
        /// The length of the name character at `position`, or 0.
        func nameChar(at position: Int) -> Int {
            let c = characters[position]
            if isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") { return 1 }
            return nameStart(at: position)
        }
        func decode(at position: Int) -> (Unicode.Scalar, Int) {
            var iterator = characters[position..<end].makeIterator()
            var decoder = UTF8()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return ("\u{FFFD}", 1) }
            return (scalar, UTF8.width(scalar))
        }
        func equals(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
            range.count == word.count && characters[range].elementsEqual(word)
        }
        while index < end {
            let c = characters[index]
            let next: UInt8? = index + 1 < end ? characters[index + 1] : nil
            if isSpace(c) { index += 1; continue }
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                guard let close = characters[(index + 1)..<end].firstIndex(of: c) else { return nil }
                tokens.append(Token(kind: .literal, text: index..<(close + 1)))
                index = close + 1
                continue
            }
            if isDigit(c) || (c == UInt8(ascii: ".") && next.map(isDigit) == true) {
                var stop = index
                while stop < end, isDigit(characters[stop]) || characters[stop] == UInt8(ascii: ".") { stop += 1 }
                tokens.append(Token(kind: .number, text: index..<stop))
                index = stop
                continue
            }
            if c == UInt8(ascii: "$") {
                var stop = index + 1
                while stop < end {
                    let length = nameChar(at: stop)
                    guard length > 0 else { break }
                    stop += length
                }
                tokens.append(Token(kind: .variable, text: index..<stop))
                index = stop
                continue
            }
            if nameStart(at: index) > 0 {
                var stop = index
                while stop < end {
                    // "::" ends a name (axis); a single ":" is a prefix separator.
                    if characters[stop] == UInt8(ascii: ":"), stop + 1 < end, characters[stop + 1] == UInt8(ascii: ":") { break }
                    let length = nameChar(at: stop)
                    guard length > 0 else { break }
                    stop += length
                }
                let name = index..<stop
                var lookahead = stop
                while lookahead < end, isSpace(characters[lookahead]) { lookahead += 1 }
                let followedByParen = lookahead < end && characters[lookahead] == UInt8(ascii: "(")
                if isOperatorPosition(tokens.last?.kind), operatorNames.contains(where: { equals(name, $0) }) {
                    tokens.append(Token(kind: .operator, text: name))
                } else if followedByParen, !nodeTypes.contains(where: { equals(name, $0) }) {
                    tokens.append(Token(kind: .function, text: name))
                } else if followedByParen {
                    // A node type test: keep "text()" whole as one name step.
                    var close = lookahead
                    while close < end, characters[close] != UInt8(ascii: ")") { close += 1 }
                    tokens.append(Token(kind: .name, text: name, isNodeType: true))
                    index = min(close + 1, end)
                    continue
                } else {
                    tokens.append(Token(kind: .name, text: name))
                }
                index = stop
                continue
            }
            if let next {
                let kind: Kind? =
                    switch (c, next) {
                    case (UInt8(ascii: "/"), UInt8(ascii: "/")): .doubleSlash
                    case (UInt8(ascii: "."), UInt8(ascii: ".")): .dotDot
                    case (UInt8(ascii: ":"), UInt8(ascii: ":")): .axis
                    case (UInt8(ascii: "!"), UInt8(ascii: "=")), (UInt8(ascii: "<"), UInt8(ascii: "=")),
                        (UInt8(ascii: ">"), UInt8(ascii: "=")): .operator
                    default: nil
                    }
                if let kind {
                    tokens.append(Token(kind: kind, text: index..<(index + 2)))
                    index += 2
                    continue
                }
            }
            let kind: Kind
            switch c {
            case UInt8(ascii: "/"): kind = .slash
            case UInt8(ascii: "."): kind = .dot
            case UInt8(ascii: "@"): kind = .at
            case UInt8(ascii: "["): kind = .openBracket
            case UInt8(ascii: "]"): kind = .closeBracket
            case UInt8(ascii: "("): kind = .openParen
            case UInt8(ascii: ")"): kind = .closeParen
            case UInt8(ascii: ","): kind = .comma
            case UInt8(ascii: "*"): kind = isOperatorPosition(tokens.last?.kind) ? .operator : .star
            case UInt8(ascii: "|"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "<"),
                UInt8(ascii: ">"):
                kind = .operator
            default: return nil
            }
            tokens.append(Token(kind: kind, text: index..<(index + 1)))
            index += 1
        }
        return tokens
    }
}
