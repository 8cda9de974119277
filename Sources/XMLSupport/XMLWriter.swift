import CLibXML2

/// Serializes output trees through libxml2, deterministically.
///
/// Text goes in with `xmlNewDocText` and attribute values with `xmlSetProp`, neither of
/// which reads entity syntax, so `&`, `<` and quotes in data come out escaped.
public enum XMLWriter {
    /// The bytes of `root` as an XML document with an XML declaration. Attributes are
    /// sorted by name; with `indent`, elements that hold only elements are indented by two
    /// spaces (libxml2's rule: any text child turns indentation off inside that element,
    /// so prose is never altered).
    public static func serialize(_ root: XMLOutputElement, indent: Bool = true) -> [UInt8] {
        serialize(root, forms: [indent])[0]
    }

    /// The bytes of `root` in several forms (`true`: indented), all saved from one libxml2
    /// tree: building the tree costs twice what saving it does.
    public static func serialize(_ root: XMLOutputElement, forms: [Bool]) -> [[UInt8]] {
        LibXML2Runtime.ensureInitialized()
        let (outputs, _) = LibXML2Runtime.capturingErrors { _ -> [[UInt8]] in
            guard let document = xmlNewDoc("1.0") else { return forms.map { _ in [] } }
            defer { xmlFreeDoc(document) }
            let rootNode = build(root, in: document, parent: nil, namespaces: [:])
            xmlDocSetRootElement(document, rootNode)
            return forms.map { indent in
                guard let buffer = xmlBufferCreate() else { return [] }
                defer { xmlBufferFree(buffer) }
                var options = Int32(XML_SAVE_AS_XML.rawValue)
                if indent { options |= Int32(XML_SAVE_FORMAT.rawValue) }
                guard let save = xmlSaveToBuffer(buffer, "UTF-8", options) else { return [] }
                xmlSaveDoc(save, document)
                xmlSaveClose(save)
                guard let content = buffer.pointee.content else { return [] }
                return [UInt8](UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
            }
        }
        return outputs
    }

    private static func build(
        _ element: XMLOutputElement, in document: xmlDocPtr, parent: xmlNodePtr?,
        namespaces inScope: [String: xmlNsPtr]
    ) -> xmlNodePtr? {
        // The namespaces declared on this element's ancestors: a namespace first met in one
        // subtree (an SVG chart) is declared again in the next, which cannot see the first.
        var namespaces = inScope
        guard let node = xmlNewDocNode(document, nil, element.name, nil) else { return nil }
        if let parent { xmlAddChild(parent, node) }
        if let uri = element.namespaceURI {
            if let existing = namespaces[uri] {
                xmlSetNs(node, existing)
            } else if let declared = xmlNewNs(node, uri, nil) {
                namespaces[uri] = declared
                xmlSetNs(node, declared)
            }
        }
        for name in element.attributes.keys.sorted() {
            xmlSetProp(node, name, element.attributes[name])
        }
        for child in element.children {
            switch child {
            case .element(let childElement):
                _ = build(childElement, in: document, parent: node, namespaces: namespaces)
            case .text(let text):
                if let textNode = xmlNewDocText(document, text) { xmlAddChild(node, textNode) }
            }
        }
        return node
    }
}
