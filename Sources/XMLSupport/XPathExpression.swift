import CLibXML2
import Foundation

/// An XPath 1.0 expression compiled once by libxml2 and evaluated many times.
///
/// Not `Sendable`: give each thread its own compiled expressions.
public final class XPathExpression {
    let compiled: xmlXPathCompExprPtr
    /// The expression as written.
    public let source: String
    /// The variable's name when the expression is nothing but a variable reference
    /// (`$name`, spaces around allowed): its value needs no evaluation.
    public let variableName: String?

    /// Compiles `source`.
    ///
    /// - Throws: ``XPathError/invalidExpression(_:reason:)`` when it is not XPath 1.0.
    public init(_ source: String) throws(XPathError) {
        let (compiled, errors) = LibXML2Runtime.capturingErrors { _ in
            xmlXPathCompile(source)
        }
        guard let compiled else {
            let reason = errors.first.map { ParserErrorMessages.sentence($0.message) } ?? "It is not valid XPath 1.0."
            throw .invalidExpression(source, reason: reason)
        }
        self.compiled = compiled
        self.source = source
        self.variableName = Self.variableReference(in: source)
    }

    private static func variableReference(in source: String) -> String? {
        let text = source.utf8.drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }.reversed()
        guard text.first == UInt8(ascii: "$"), text.count > 1 else { return nil }
        let name = text.dropFirst()
        let isNameByte = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard name.allSatisfy(isNameByte) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
    }
}

/// Errors from compiling or evaluating XPath.
public enum XPathError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidExpression(String, reason: String)
    case evaluationFailed(String, reason: String)
    /// The evaluation was stopped at a limit of the session (``XPathSession/operationLimit``,
    /// ``XPathSession/inputByteLimit``): the expression asks for too much work or memory.
    case limitExceeded(String, reason: String)

    public var description: String {
        switch self {
        case .invalidExpression(let source, let reason):
            "The XPath expression '\(source)' cannot be compiled. \(reason)"
        case .evaluationFailed(let source, let reason):
            "The XPath expression '\(source)' cannot be evaluated. \(reason)"
        case .limitExceeded(let source, let reason):
            "The XPath expression '\(source)' was stopped. \(reason)"
        }
    }
}

/// The result of an XPath evaluation, copied out of libxml2.
public enum XPathValue: Sendable, Hashable {
    /// A node-set: each node's string value and, for elements, its name and position.
    case nodes([XPathNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The XPath `string()` of the value.
    public var stringValue: String {
        switch self {
        case .nodes(let nodes): nodes.first?.stringValue ?? ""
        case .string(let string): string
        case .number(let number): Self.xpathString(number)
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// The number form of XPath: integers without a fraction, NaN as "NaN".
    public static func xpathString(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        if number == number.rounded(), abs(number) < 9e18 { return String(Int64(number)) }
        if number == number.rounded() { return String(format: "%.0f", number) }
        return String(number)
    }
}

/// One node selected by XPath.
public struct XPathNode: Sendable, Hashable {
    /// The element or attribute name; empty for text.
    public var name: String
    public var stringValue: String
    /// Where the node (or, for an attribute, its element) starts in the source.
    public var position: SourcePosition?
}
