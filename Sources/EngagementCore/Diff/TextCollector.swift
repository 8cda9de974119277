/// Collects text with runs of ASCII whitespace collapsed to one space and trimmed, the way
/// HTML lays it out (a no-break space is content and is kept).
struct TextCollector {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    var isEmpty: Bool { bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Copies runs of non-whitespace in bulk: pretty-printed documents are mostly runs of
    /// indentation and words, and byte-by-byte appends dominated the comparison's time.
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < buffer.count {
            if Self.isSpace(buffer[index]) {
                pendingSpace = true
                index += 1
                continue
            }
            let start = index
            while index < buffer.count, !Self.isSpace(buffer[index]) { index += 1 }
            if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Ends the current word, as a line break or a block boundary does.
    mutating func breakWord() {
        pendingSpace = true
    }
}
