import Foundation

/// Finds the location paths inside an XPath 1.0 expression, with their predicates
/// removed, so that a render can record which parts of the model an expression read even
/// when its result is a number or a string (`count(stakeholders/stakeholder)`).
///
/// Removing predicates over-approximates on purpose: `stakeholder[@level='executive']`
/// depends on every stakeholder's level, so every stakeholder is recorded. A section is
/// then never reported current when an input it depends on has changed.
enum XPathReadPaths {
    private enum Token: Equatable {
        case literal
        case number
        case variable(String)
        case name(String)  // a name test, axis name or node type
        case function(String)  // a name followed by "("
        case slash, doubleSlash, dot, dotDot, at, axis, star
        case openBracket, closeBracket, openParen, closeParen, comma
        case `operator`  // | + - = != < <= > >= and or div mod, and * as multiply
    }

    /// The location paths of `expression`, predicates stripped, each a valid expression
    /// of its own; nested paths inside predicates and function arguments are included.
    static func paths(in expression: String) -> [String] {
        // current() is the context node the evaluation started from: read it as self.
        let expression = expression.replacingOccurrences(of: "current()", with: "self::node()")
        guard let tokens = tokenize(expression) else { return [] }
        var found: [String] = []
        var index = 0
        var previous: Token?
        while index < tokens.count {
            let (token, text) = tokens[index]
            // "/" after ")" continues a filter expression such as (a | b)/c, whose steps
            // are relative to nodes found inside the brackets (recorded there).
            if token == .slash || token == .doubleSlash, previous == .closeParen {
                index += 1
                while index < tokens.count, [.slash, .doubleSlash, .at, .axis, .star, .dot, .dotDot].contains(tokens[index].0)
                    || { if case .name = tokens[index].0 { return true }; return false }()
                {
                    index += 1
                }
                previous = .name("")
                continue
            }
            if startsPath(token, previous: previous) {
                var path = ""
                var depth = 0
                var last: Token?
                while index < tokens.count {
                    let (current, currentText) = tokens[index]
                    if depth == 0 {
                        if current == .openBracket {
                            depth = 1
                        } else if continuesPath(current, after: last) {
                            path += currentText
                            last = current
                        } else {
                            break
                        }
                    } else {
                        if current == .openBracket { depth += 1 }
                        if current == .closeBracket { depth -= 1 }
                    }
                    index += 1
                }
                if let last, ![.slash, .doubleSlash, .at, .axis].contains(last) {
                    found.append(path)
                }
                previous = last
                continue
            }
            _ = text
            previous = token
            index += 1
        }
        // Paths inside predicates are found by scanning again from each "[".
        var nested: [String] = []
        var depth = 0
        var start: String.Index?
        var quote: Character?
        for position in expression.indices {
            let character = expression[position]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "'" || character == "\"" { quote = character; continue }
            if character == "[" {
                if depth == 0 { start = expression.index(after: position) }
                depth += 1
            } else if character == "]" {
                depth -= 1
                if depth == 0, let begin = start {
                    nested += Self.paths(in: String(expression[begin..<position])).filter {
                        $0.hasPrefix("/") || $0.hasPrefix("$") || $0.hasPrefix("self::node()")
                    }
                }
            }
        }
        var seen: Set<String> = []
        return (found + nested).filter { seen.insert($0).inserted }
    }

    private static func startsPath(_ token: Token, previous: Token?) -> Bool {
        switch token {
        case .slash, .doubleSlash, .dot, .dotDot, .at, .variable: return true
        case .name: return true
        case .star: return !isOperatorPosition(previous)
        default: return false
        }
    }

    private static func continuesPath(_ token: Token, after last: Token?) -> Bool {
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
    private static func isOperatorPosition(_ previous: Token?) -> Bool {
        guard let previous else { return false }
        switch previous {
        case .at, .axis, .openParen, .openBracket, .comma, .operator, .slash, .doubleSlash: return false
        default: return true
        }
    }

    private static func tokenize(_ expression: String) -> [(Token, String)]? {
        // Unicode scalars, not Characters: XPath's grammar is defined on them, and grapheme
        // breaking would dominate template compilation.
        let characters = Array(expression.unicodeScalars)
        var tokens: [(Token, String)] = []
        var index = 0
        func text(_ range: Range<Int>) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: characters[range])
            return result
        }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
        func isNameStart(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value > 0x7F && c.properties.isAlphabetic)
        }
        func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || isDigit(c) || c == "-" || c == "." || c == ":" }
        while index < characters.count {
            let c = characters[index]
            let next: Unicode.Scalar? = index + 1 < characters.count ? characters[index + 1] : nil
            if isSpace(c) { index += 1; continue }
            if c == "'" || c == "\"" {
                guard let end = characters[(index + 1)...].firstIndex(of: c) else { return nil }
                tokens.append((.literal, text(index..<(end + 1))))
                index = end + 1
                continue
            }
            if isDigit(c) || (c == "." && next.map(isDigit) == true) {
                var end = index
                while end < characters.count, isDigit(characters[end]) || characters[end] == "." { end += 1 }
                tokens.append((.number, text(index..<end)))
                index = end
                continue
            }
            if c == "$" {
                var end = index + 1
                while end < characters.count, isNameChar(characters[end]) { end += 1 }
                tokens.append((.variable(text((index + 1)..<end)), text(index..<end)))
                index = end
                continue
            }
            if isNameStart(c) {
                var end = index
                while end < characters.count, isNameChar(characters[end]) {
                    // "::" ends a name (axis); a single ":" is a prefix separator.
                    if characters[end] == ":", end + 1 < characters.count, characters[end + 1] == ":" { break }
                    end += 1
                }
                let name = text(index..<end)
                var lookahead = end
                while lookahead < characters.count, isSpace(characters[lookahead]) { lookahead += 1 }
                let followedByParen = lookahead < characters.count && characters[lookahead] == "("
                let previous = tokens.last?.0
                if isOperatorPosition(previous), ["and", "or", "div", "mod"].contains(name) {
                    tokens.append((.operator, " \(name) "))
                } else if followedByParen, !["node", "text", "comment", "processing-instruction"].contains(name) {
                    tokens.append((.function(name), name))
                } else if followedByParen {
                    // A node type test: keep "text()" whole as one name step.
                    var close = lookahead
                    while close < characters.count, characters[close] != ")" { close += 1 }
                    tokens.append((.name(name), name + "()"))
                    index = min(close + 1, characters.count)
                    continue
                } else {
                    tokens.append((.name(name), name))
                }
                index = end
                continue
            }
            if let next {
                switch (c, next) {
                case ("/", "/"): tokens.append((.doubleSlash, "//")); index += 2; continue
                case (".", "."): tokens.append((.dotDot, "..")); index += 2; continue
                case (":", ":"): tokens.append((.axis, "::")); index += 2; continue
                case ("!", "="), ("<", "="), (">", "="): tokens.append((.operator, text(index..<(index + 2)))); index += 2; continue
                default: break
                }
            }
            switch c {
            case "/": tokens.append((.slash, "/"))
            case ".": tokens.append((.dot, "."))
            case "@": tokens.append((.at, "@"))
            case "[": tokens.append((.openBracket, "["))
            case "]": tokens.append((.closeBracket, "]"))
            case "(": tokens.append((.openParen, "("))
            case ")": tokens.append((.closeParen, ")"))
            case ",": tokens.append((.comma, ","))
            case "*":
                tokens.append(isOperatorPosition(tokens.last?.0) ? (.operator, "*") : (.star, "*"))
            case "|", "+", "-", "=", "<", ">": tokens.append((.operator, String(c)))
            default: return nil
            }
            index += 1
        }
        return tokens
    }
}
