/// A single pass over raw XML bytes that finds where each start tag begins.
///
/// libxml2 keeps only a line number per element, and that line is where the start tag
/// ends. Diagnostics need the line and column where it begins, so this scanner walks the
/// bytes once, in document order, and records the `<` of every start tag. In well-formed
/// XML a raw `<` can only open markup (it is illegal in text and attribute values), so
/// the n-th start tag found here is the n-th element of libxml2's tree in pre-order.
///
/// The same pass enforces the depth limit and finds a DOCTYPE before libxml2 sees it.
struct StartTagScanner {
    enum Finding: Equatable {
        case doctype(SourcePosition)
        case tooDeep(depth: Int, at: SourcePosition)
    }

    private(set) var startTags: [SourcePosition] = []
    private(set) var finding: Finding?

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var column = 1

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans `bytes`, stopping early at a DOCTYPE or once nesting exceeds `maximumDepth`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> StartTagScanner {
        var scanner = StartTagScanner(bytes: bytes)
        scanner.run(maximumDepth: maximumDepth)
        return scanner
    }

    private mutating func run(maximumDepth: Int) {
        var depth = 0
        // A UTF-8 byte order mark is not text: it takes no column.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                advance()
                continue
            }
            let tagStart = SourcePosition(line: line, column: column)
            if hasPrefix("<!--") {
                skip(past: "-->")
            } else if hasPrefix("<![CDATA[") {
                skip(past: "]]>")
            } else if hasPrefix("<!DOCTYPE") {
                finding = .doctype(tagStart)
                return
            } else if hasPrefix("<!") {
                skip(past: ">")
            } else if hasPrefix("<?") {
                skip(past: "?>")
            } else if hasPrefix("</") {
                depth -= 1
                skip(past: ">")
            } else {
                startTags.append(tagStart)
                let isEmptyElement = skipStartTag()
                if depth + 1 > maximumDepth {
                    finding = .tooDeep(depth: depth + 1, at: tagStart)
                    return
                }
                if !isEmptyElement { depth += 1 }
            }
        }
    }

    /// Moves over one start tag, honouring quoted attribute values; returns whether it
    /// was an empty-element tag (`<a/>`).
    private mutating func skipStartTag() -> Bool {
        var quote: UInt8?
        var previous: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            advance()
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return previous == UInt8(ascii: "/")
            }
            previous = byte
        }
        return false
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            return false
        }
        return true
    }

    private mutating func skip(past terminator: StaticString) {
        while index < bytes.count {
            if hasPrefix(terminator) {
                for _ in 0..<terminator.utf8CodeUnitCount { advance() }
                return
            }
            advance()
        }
    }

    /// Steps one byte; columns count scalars, so UTF-8 continuation bytes add nothing.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }
}
