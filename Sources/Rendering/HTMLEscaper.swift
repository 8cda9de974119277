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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        append(text, for: context, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `text` escaped for `context` to `bytes`.
    static func append(_ text: String, for context: Context, to bytes: inout [UInt8]) {
        let escapesGreaterThan = context != .attribute
        let escapesQuote = context != .text
        let escapesApostrophe = context == .anywhere
        // Runs between special bytes are copied whole: appending byte by byte made page
        // rendering 60% slower (engage-benchmarks on the golden documents).
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let reference: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">") where escapesGreaterThan: reference = "&gt;"
                case UInt8(ascii: "\"") where escapesQuote: reference = "&quot;"
                case UInt8(ascii: "'") where escapesApostrophe: reference = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                reference.withUTF8Buffer { bytes.append(contentsOf: $0) }
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }
}
