/// XPath 1.0 string literals, as the stable paths and trace lines write them.
public enum XPathLiteral {
    /// Whether `value` can be written between apostrophes (`'value'`): XPath 1.0 has no
    /// escape, so a value holding one cannot. Checked by byte: an apostrophe followed by a
    /// combining mark is one `Character` that is not `"'"`, yet it still ends the literal.
    public static func fitsInApostrophes(_ value: String) -> Bool {
        !value.utf8.contains(UInt8(ascii: "'"))
    }
}
