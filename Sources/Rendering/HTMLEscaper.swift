/// The one rule for writing text into HTML: the characters that HTML reads as markup
/// become character references, whatever follows them.
///
/// The rule works on Unicode scalars, not on `Character`s: an HTML parser reads `"` as
/// the end of an attribute even when a combining mark follows it, although Swift sees
/// `"\u{338}` as one `Character`. Every special character is ASCII and no byte of a
/// multi-byte UTF-8 sequence is ASCII, so scanning the UTF-8 bytes is scanning scalars.
public enum HTMLEscaper {
    /// Where the escaped text goes, which decides the characters that must be escaped.
    public enum Context: Sendable {
        /// Element content: `&`, `<` and `>`.
        case text
        /// A double-quoted attribute value: `&`, `<` and `"`.
        case attribute
        /// Either of the above or a single-quoted attribute value: `&`, `<`, `>`, `"`
        /// and `'`, for callers that use one function everywhere.
        case anywhere
    }

    /// `text` with the characters that `context` reads as markup written as character
    /// references.
    public static func escape(_ text: String, for context: Context) -> String {
        // Most text has nothing to escape; returning it saves a copy.
        guard text.utf8.contains(where: { reference(for: $0, in: context) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        append(text, for: context, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `text` escaped for `context` to `bytes`.
    static func append(_ text: String, for context: Context, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            if let reference = reference(for: byte, in: context) {
                reference.withUTF8Buffer { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(byte)
            }
        }
    }

    /// The character reference that replaces `byte` in `context`, if it needs one.
    @inline(__always)
    private static func reference(for byte: UInt8, in context: Context) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">") where context != .attribute: "&gt;"
        case UInt8(ascii: "\"") where context != .text: "&quot;"
        case UInt8(ascii: "'") where context == .anywhere: "&#39;"
        default: nil
        }
    }
}
