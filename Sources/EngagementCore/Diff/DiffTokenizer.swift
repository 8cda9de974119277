/// Splits text into the tokens word diffs work on: words (letters, digits and the marks
/// on them), runs of whitespace, and single punctuation or symbol characters.
///
/// Punctuation stands alone so that "risk." and "risk," share the word, and whitespace is
/// a token so that the pieces join back into exactly the original text.
enum DiffTokenizer {
    struct Token: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            case word
            case space
            case punctuation
        }

        var text: Substring
        var kind: Kind
    }

    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var start = text.startIndex
        var current: Token.Kind?
        var index = text.startIndex
        while index < text.endIndex {
            let kind = Self.kind(of: text[index])
            // Words and whitespace run on; each punctuation character is its own token.
            if let open = current, open != kind || kind == .punctuation {
                tokens.append(Token(text: text[start..<index], kind: open))
                start = index
            }
            current = kind
            index = text.index(after: index)
        }
        if let open = current {
            tokens.append(Token(text: text[start..<text.endIndex], kind: open))
        }
        return tokens
    }

    private static func kind(of character: Character) -> Token.Kind {
        if character.isWhitespace { return .space }
        if character.isLetter || character.isNumber { return .word }
        return .punctuation
    }
}
