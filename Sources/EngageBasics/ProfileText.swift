import Foundation

/// Fast paths for the text conversions that decoding and checking a profile repeat
/// thousands of times. Each gives exactly what the Foundation call it stands for gives,
/// and falls back to that call for anything but the common shape.
package enum ProfileText {
    /// `text.trimmingCharacters(in: characters)`, for white space (with or without newlines).
    package static func trimmed(_ text: String, _ characters: CharacterSet = .whitespacesAndNewlines) -> String {
        let bytes = text.utf8
        // Printable ASCII at both ends cannot be white space of any kind.
        if let first = bytes.first, let last = bytes.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        return text.trimmingCharacters(in: characters)
    }

    /// `Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: en_US_POSIX)`.
    ///
    /// A plain decimal (`-12.50`: optional minus, up to 18 digits, optional fraction) is
    /// built from its digits; anything else goes to Foundation's parser.
    package static func decimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var seenPoint = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                negative = true
            case UInt8(ascii: ".") where !seenPoint && digits > 0:
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where digits < 18:
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fractionDigits += 1 }
            default:
                return Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
            }
        }
        guard digits > 0, !(seenPoint && fractionDigits == 0) else {
            return Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }
}
