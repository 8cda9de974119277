import EngageBasics
import Foundation

/// The whitespace rule of templates (see ``TemplateCompiler``).
extension TemplateCompiler {
    /// The text a template's text node contributes: empty for layout, else
    /// ``trimmingLayout(_:atStart:atEnd:)`` then ``collapseWhitespace(_:)``.
    package static func layoutText(_ text: String, atStart: Bool, atEnd: Bool) -> String {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var previous: UInt8 = 0
            var hasContent = false
            var hasLineBreak = false
            var isCollapsed = true
            for byte in bytes {
                if joins(byte, previous, collapsing: false) { return nil }
                if isLayoutByte(byte) {
                    if byte != 0x20 || isLayoutByte(previous) { isCollapsed = false }
                    if isLineBreak(byte) { hasLineBreak = true }
                } else {
                    hasContent = true
                }
                previous = byte
            }
            if !hasContent && hasLineBreak { return "" }
            if isCollapsed { return text }  // no line break, so nothing to trim either
            var lower = 0
            var upper = bytes.count
            if atStart {
                var end = 0
                while end < upper, isLayoutByte(bytes[end]) { end += 1 }
                if bytes[..<end].contains(where: isLineBreak) { lower = end }
            }
            if atEnd {
                var start = upper
                while start > lower, isLayoutByte(bytes[start - 1]) { start -= 1 }
                if bytes[start..<upper].contains(where: isLineBreak) { upper = start }
            }
            return collapsing(bytes[lower..<upper])
        }
        if let fast, let fast { return fast }
        let isBlank = text.allSatisfy(isLayoutWhitespace)
        if isBlank && text.contains(where: \.isNewline) { return "" }
        return collapseWhitespace(trimmingLayout(text, atStart: atStart, atEnd: atEnd))
    }

    /// A value inserted into output: runs of layout whitespace collapsed, none at the ends.
    package static func normalizedValue(_ text: String) -> String {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var previous: UInt8 = 0
            var isNormal = !(bytes.first.map(isLayoutByte) ?? false) && !(bytes.last.map(isLayoutByte) ?? false)
            for byte in bytes {
                if joins(byte, previous, collapsing: true) { return nil }
                if isLayoutByte(byte), byte != 0x20 || isLayoutByte(previous) { isNormal = false }
                previous = byte
            }
            if isNormal { return text }
            var lower = 0
            var upper = bytes.count
            while lower < upper, isLayoutByte(bytes[lower]) { lower += 1 }
            while upper > lower, isLayoutByte(bytes[upper - 1]) { upper -= 1 }
            return collapsing(bytes[lower..<upper])
        }
        if let fast, let fast { return fast }
        let collapsed = collapseWhitespace(text)
        var slice = Substring(collapsed)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }

    /// Space, tab and line breaks; a no-break space (`&#160;`) is content, not layout.
    package static func isLayoutWhitespace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r" || character == "\r\n"
    }

    /// Removes whitespace that holds a line break at the start of the first or the end of the
    /// last text of an element: that is indentation, while `<t:block> and </t:block>`
    /// keeps its spaces.
    package static func trimmingLayout(_ text: String, atStart: Bool, atEnd: Bool) -> String {
        var slice = Substring(text)
        if atStart {
            let leading = slice.prefix(while: isLayoutWhitespace)
            if leading.contains(where: \.isNewline) { slice = slice.dropFirst(leading.count) }
        }
        if atEnd {
            let trailing = slice.reversed().prefix(while: isLayoutWhitespace)
            if trailing.contains(where: \.isNewline) { slice = slice.dropLast(trailing.count) }
        }
        return String(slice)
    }

    /// Each run of layout whitespace becomes one space.
    package static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        var inWhitespace = false
        for character in text {
            if isLayoutWhitespace(character) {
                if !inWhitespace { result.append(" ") }
                inWhitespace = true
            } else {
                result.append(character)
                inWhitespace = false
            }
        }
        return result
    }

    // The rule is defined on characters, as above. Read byte by byte, a character of
    // layout whitespace is one byte (a CR LF pair, two) and the result is the same, except
    // where a space forms one character with a non-ASCII neighbour (a combining mark after
    // it, a prepended mark before it): such rare text is read by characters.

    /// Whether `byte` and the one before it may form one character around a space; with
    /// `collapsing`, tabs and line breaks count as the spaces they become.
    private static func joins(_ byte: UInt8, _ previous: UInt8, collapsing: Bool) -> Bool {
        guard byte >= 0x80 || previous >= 0x80 else { return false }
        let other = byte >= 0x80 ? previous : byte
        return other == 0x20 || (collapsing && isLayoutByte(other))
    }

    private static func isLayoutByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// `bytes` with each run of layout whitespace as one space.
    private static func collapsing(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            var inWhitespace = false
            for byte in bytes {
                if isLayoutByte(byte) {
                    if !inWhitespace {
                        buffer[count] = 0x20
                        count += 1
                    }
                    inWhitespace = true
                } else {
                    buffer[count] = byte
                    count += 1
                    inWhitespace = false
                }
            }
            return count
        }
    }
}
