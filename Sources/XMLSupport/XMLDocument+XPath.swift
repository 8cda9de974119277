import CLibXML2

extension XMLDocument {
    /// Evaluates a compiled expression with the document node (`/`) as context node.
    ///
    /// - Throws: ``XPathError/evaluationFailed(_:reason:)``, for example when a function
    ///   is unknown or the types do not fit.
    public func evaluate(_ expression: XPathExpression) throws(XPathError) -> XPathValue {
        let (outcome, errors) = LibXML2Runtime.capturingErrors { _ -> XPathValue? in
            guard let context = xmlXPathNewContext(pointer) else { return nil }
            defer { xmlXPathFreeContext(context) }
            context.pointee.node = UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
            guard let object = xmlXPathCompiledEval(expression.compiled, context) else { return nil }
            defer { xmlXPathFreeObject(object) }
            return value(of: object)
        }
        guard let outcome else {
            let reason = errors.first.map { ParserErrorMessages.sentence($0.message) } ?? "libxml2 gave no result."
            throw .evaluationFailed(expression.source, reason: reason)
        }
        return outcome
    }

    /// Compiles and evaluates `source` once; prefer a kept ``XPathExpression`` in loops.
    public func evaluate(_ source: String) throws(XPathError) -> XPathValue {
        try evaluate(try XPathExpression(source))
    }

    private func value(of object: xmlXPathObjectPtr) -> XPathValue {
        switch object.pointee.type {
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let nodes = set.pointee.nodeTab else {
                return .nodes([])
            }
            return .nodes((0..<Int(set.pointee.nodeNr)).compactMap { index in
                nodes[index].map(describe)
            })
        default:
            return .string("")
        }
    }

    private func describe(_ node: xmlNodePtr) -> XPathNode {
        var text = ""
        if let content = xmlNodeGetContent(node) {
            text = String(cString: content)
            engage_xmlFree(content)
        }
        let name = node.pointee.type == XML_TEXT_NODE ? "" : (node.pointee.name.map { String(cString: $0) } ?? "")
        let anchor = node.pointee.type == XML_ELEMENT_NODE ? node : node.pointee.parent
        return XPathNode(name: name, stringValue: text, position: position(ofNode: anchor.map { UnsafeMutableRawPointer($0) }))
    }
}
