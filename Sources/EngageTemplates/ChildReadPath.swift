/// A read path made of child steps by name from the context node or from one variable's
/// node, with an attribute at the end: `@id`, `self::node()/@owner`, `$e/@target`,
/// `$who/role`, `name/@lang`. Most read paths are such, and a render logs what they select
/// without an XPath evaluation (``XMLSupport/XPathSession/childPath(_:attribute:from:)``).
package struct ChildReadPath: Sendable, Equatable {
    package enum Start: Sendable, Equatable {
        case context
        case variable(String)
    }

    package let start: Start
    /// The element steps' names, NUL-terminated.
    package let elements: [[CChar]]
    /// The attribute's name, NUL-terminated, when the path ends with one.
    package let attribute: [CChar]?

    /// The shape of `text`, or nil when it is anything else (a predicate, an axis, a
    /// wildcard, a prefix, `//`, `..`, a path from the root, a bare variable, which the
    /// session already takes without an evaluation). Works on UTF-8 bytes: it runs for
    /// every read path of every template a worker compiles.
    package init?(_ text: String) {
        var steps = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)[...]
        guard let first = steps.first else { return nil }
        if first.first == UInt8(ascii: "$") {
            let name = first.dropFirst()
            guard Self.isName(name), steps.count > 1 else { return nil }
            start = .variable(String(decoding: name, as: UTF8.self))
            steps = steps.dropFirst()
        } else if first.elementsEqual(Self.selfNode) || first.elementsEqual([UInt8(ascii: ".")]) {
            start = .context
            steps = steps.dropFirst()
        } else {
            start = .context
        }
        var attribute: [CChar]?
        if let last = steps.last, last.first == UInt8(ascii: "@") {
            guard Self.isName(last.dropFirst()) else { return nil }
            attribute = Self.cString(last.dropFirst())
            steps = steps.dropLast()
        }
        guard steps.allSatisfy({ Self.isName($0) }) else { return nil }
        elements = steps.map { Self.cString($0) }
        self.attribute = attribute
    }

    private static let selfNode = Array("self::node()".utf8)

    private static func cString(_ bytes: Substring.UTF8View.SubSequence) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// An unprefixed XML name in ASCII (`current-engagement`, `pv_costs`): what XPath
    /// reads as a name test in no namespace. Anything else is left to libxml2.
    private static func isName(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        XPathReadPaths.isName(bytes) && bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: ":") }
    }
}
