import CLibXML2

extension XMLDocument {
    /// Evaluates a compiled expression with the document node (`/`) as context node.
    ///
    /// For one-off queries; a render keeps an ``XPathSession`` instead.
    /// - Throws: ``XPathError/evaluationFailed(_:reason:)``, for example when a function
    ///   is unknown or the types do not fit.
    public func evaluate(_ expression: XPathExpression) throws(XPathError) -> XPathValue {
        let session = XPathSession(document: self)
        switch try session.evaluate(expression, at: session.documentHandle) {
        case .nodes(let handles):
            return .nodes(handles.map { handle in
                XPathNode(name: session.name(of: handle), stringValue: session.stringValue(of: handle), position: session.position(of: handle))
            })
        case .string(let string): return .string(string)
        case .number(let number): return .number(number)
        case .boolean(let flag): return .boolean(flag)
        }
    }

    /// Compiles and evaluates `source` once; prefer a kept ``XPathExpression`` in loops.
    public func evaluate(_ source: String) throws(XPathError) -> XPathValue {
        try evaluate(try XPathExpression(source))
    }
}
