import XMLSupport

/// Byte-level questions about UTF-8 text whose answers are those of Swift's `Character`
/// view, so that renderers can scan bytes and still treat text as characters.
enum UTF8Text {
    /// Calls `body` with the UTF-8 bytes of `text`, without copying them when the string
    /// stores them contiguously (native and small strings do).
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// Appends the text of every text node inside `element`, in document order.
    static func appendTextContent(of element: XMLOutputElement, to bytes: inout [UInt8]) {
        for child in element.children {
            switch child {
            case .text(let text): bytes.append(contentsOf: text.utf8)
            case .element(let nested): appendTextContent(of: nested, to: &bytes)
            }
        }
    }

    /// Whether the ASCII byte at `index` is a `Character` on its own in the text
    /// `bounds` of `bytes`, rather than part of a larger grapheme cluster (`\r\n`, a
    /// character followed by a combining mark, or preceded by a prepended mark).
    @inline(__always)
    static func isWholeCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, within bounds: Range<Int>) -> Bool {
        let previous = index > bounds.lowerBound ? bytes[index - 1] : 0
        let next = index + 1 < bounds.upperBound ? bytes[index + 1] : 0
        if previous < 0x80, next < 0x80 {
            // Between two ASCII scalars the only grapheme cluster is CR LF.
            let byte = bytes[index]
            return !(byte == 0x0D && next == 0x0A) && !(previous == 0x0D && byte == 0x0A)
        }
        return isWholeCharacter(bytes, index..<(index + 1), within: bounds)
    }

    /// Whether the scalars `character` of `bytes` form a `Character` on their own in
    /// the text `bounds`: there is a grapheme break before and after them. A break
    /// next to an ASCII scalar (or U+1FEF) depends only on the two scalars around it.
    static func isWholeCharacter(_ bytes: UnsafeBufferPointer<UInt8>, _ character: Range<Int>, within bounds: Range<Int>) -> Bool {
        if character.upperBound < bounds.upperBound,
            !breaks(scalar(endingBefore: character.upperBound, in: bytes), scalar(at: character.upperBound, in: bytes))
        {
            return false
        }
        if character.lowerBound > bounds.lowerBound,
            !breaks(scalar(endingBefore: character.lowerBound, in: bytes), scalar(at: character.lowerBound, in: bytes))
        {
            return false
        }
        return true
    }

    /// Whether Swift puts a grapheme break between `first` and `second` when nothing
    /// else around them matters.
    private static func breaks(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        var pair = String(first)
        pair.unicodeScalars.append(second)
        return pair.count == 2
    }

    /// The scalar whose UTF-8 encoding starts at `index`.
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        let lead = UInt32(bytes[index])
        var value: UInt32
        var count: Int
        switch lead {
        case ..<0x80: return Unicode.Scalar(UInt8(lead))
        case ..<0xE0: (value, count) = (lead & 0x1F, 1)
        case ..<0xF0: (value, count) = (lead & 0x0F, 2)
        default: (value, count) = (lead & 0x07, 3)
        }
        for offset in 1...count where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// The scalar whose UTF-8 encoding ends just before `index`.
    static func scalar(endingBefore index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }
}
