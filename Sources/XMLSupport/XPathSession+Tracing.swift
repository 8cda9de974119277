import CLibXML2
import Foundation

/// What section traces need from a session: stable paths that survive siblings coming and
/// going, the signatures of child lists, and a node's canonical content.
extension XPathSession {
    /// A path to the node that stays the same when siblings are added or removed: steps
    /// with an `id` attribute are keyed by it (`/client/values/value[@id='v1']/statement`);
    /// others by name, with a position only when siblings share the name.
    public func stablePath(of handle: XPathNodeHandle) -> String {
        var steps: [String] = []
        var current: xmlNodePtr? = nodes[handle.index]
        while let node = current, node.pointee.type != XML_DOCUMENT_NODE {
            steps.append(step(for: node))
            current = node.pointee.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    /// The nodes that `names` (child element steps, then an attribute when `attribute` is
    /// set; each a NUL-terminated name) select from `start`, as XPath's `a/b/@c` does from
    /// one node, in document order, without an evaluation: a trace asks this of the same
    /// short paths tens of thousands of times a batch. Unprefixed name tests match only
    /// elements and attributes in no namespace, and an attribute or text has no children.
    public func childPath(_ names: [[CChar]], attribute: [CChar]?, from start: XPathNodeHandle) -> [XPathNodeHandle] {
        var current: [xmlNodePtr] = [nodes[start.index]]
        for name in names {
            var next: [xmlNodePtr] = []
            name.withUnsafeBufferPointer { wanted in
                for parent in current where parent.pointee.type == XML_ELEMENT_NODE || parent.pointee.type == XML_DOCUMENT_NODE {
                    var child = parent.pointee.children
                    while let node = child {
                        if node.pointee.type == XML_ELEMENT_NODE, node.pointee.ns == nil, let own = node.pointee.name,
                            strcmp(UnsafeRawPointer(own).assumingMemoryBound(to: CChar.self), wanted.baseAddress!) == 0
                        {
                            next.append(node)
                        }
                        child = node.pointee.next
                    }
                }
            }
            current = next
        }
        guard let attribute else { return current.map(handle(for:)) }
        var selected: [XPathNodeHandle] = []
        attribute.withUnsafeBufferPointer { wanted in
            for element in current where element.pointee.type == XML_ELEMENT_NODE {
                var property = element.pointee.properties
                while let node = property {
                    if node.pointee.ns == nil, let own = node.pointee.name,
                        strcmp(UnsafeRawPointer(own).assumingMemoryBound(to: CChar.self), wanted.baseAddress!) == 0
                    {
                        selected.append(handle(for: UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlNode.self)))
                        break
                    }
                    property = node.pointee.next
                }
            }
        }
        return selected
    }

    /// The last step of ``stablePath(of:)``: `value[@id='v1']`, `@date`, `text()`; the
    /// document element's path is `/` and this step, any other node's is its parent's path,
    /// `/` and this step.
    public func stablePathStep(of handle: XPathNodeHandle) -> String {
        step(for: nodes[handle.index])
    }

    /// The last step of each child element's stable path, joined: it changes exactly when
    /// a child is added, removed or reordered, which is what a loop over them depends on.
    public func membershipSignature(of handle: XPathNodeHandle) -> String {
        var steps: [String] = []
        var child = nodes[handle.index].pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { steps.append(step(for: current)) }
            child = current.pointee.next
        }
        return steps.joined(separator: "\n")
    }

    /// ``membershipSignature(of:)`` of the child elements named `name` only, and of those
    /// only whose attributes hold the values of `keys`: what a path stepping to `name`
    /// children (`stakeholder[@id = $x]`) depends on, whatever other children come and go.
    public func membershipSignature(
        of handle: XPathNodeHandle, named name: String, where keys: [(attribute: String, value: String)] = []
    ) -> String {
        var steps: [String] = []
        var child = nodes[handle.index].pointee.children
        // Byte for byte, as XPath compares strings (Swift's == would equate canonically
        // equivalent ones); C strings made once, not per child.
        let wantedKeys = keys.map { (attribute: Array($0.attribute.utf8CString), value: Array($0.value.utf8CString)) }
        name.withCString { wanted in
            while let current = child {
                defer { child = current.pointee.next }
                guard current.pointee.type == XML_ELEMENT_NODE, let own = current.pointee.name,
                    strcmp(UnsafeRawPointer(own).assumingMemoryBound(to: CChar.self), wanted) == 0
                else { continue }
                let matches = wantedKeys.allSatisfy { key in
                    key.attribute.withUnsafeBufferPointer { attribute in
                        Self.attribute(of: current, named: attribute.baseAddress!, equals: key.value)
                    }
                }
                if matches { steps.append(step(for: current)) }
            }
        }
        return steps.joined(separator: "\n")
    }

    /// The membership signature of the children selected by a list line's path (`/*`, or
    /// `/*[self::NAME]`), the same value ``membershipSignature(of:)`` or
    /// ``membershipSignature(of:named:)`` gives for their parent.
    public func membershipSignature(ofChildren handles: [XPathNodeHandle]) -> String {
        handles.map { step(for: nodes[$0.index]) }.joined(separator: "\n")
    }

    /// The canonical text of a node's subtree, the thing a trace hashes: the string value
    /// for attributes and text, a canonical serialization for elements.
    public func canonicalContent(of handle: XPathNodeHandle) -> String {
        let node = nodes[handle.index]
        guard node.pointee.type == XML_ELEMENT_NODE else { return stringValue(of: handle) }
        guard let buffer = xmlBufferCreate() else { return stringValue(of: handle) }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document.pointer, node, 0, 0)
        return buffer.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// The last step of a node's stable path (``stablePath(of:)``).
    private func step(for node: xmlNodePtr) -> String {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        switch node.pointee.type {
        case XML_ATTRIBUTE_NODE:
            return "@" + name
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return "text()"
        case XML_ELEMENT_NODE:
            // The document element is unique: its id would only make paths longer.
            if node.pointee.parent?.pointee.type == XML_DOCUMENT_NODE { return name }
            if let id = xmlGetProp(node, "id") {
                defer { engage_xmlFree(id) }
                return "\(name)[@id='\(String(cString: id))']"
            }
            if let attributes = keys[name] {
                var predicates = ""
                var keyed = 0
                for attribute in attributes {
                    guard let raw = xmlGetProp(node, attribute) else { break }
                    let value = String(cString: raw)
                    engage_xmlFree(raw)
                    guard XPathLiteral.fitsInApostrophes(value) else { break }
                    predicates += "[@\(attribute)='\(value)']"
                    keyed += 1
                }
                if keyed > 0, keyed == attributes.count {
                    return name + predicates
                }
            }
            var index = 1
            var total = 1
            var sibling = node.pointee.prev
            while let current = sibling {
                if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, node.pointee.name) != 0 {
                    index += 1
                    total += 1
                }
                sibling = current.pointee.prev
            }
            sibling = node.pointee.next
            while let current = sibling {
                if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, node.pointee.name) != 0 {
                    total += 1
                }
                sibling = current.pointee.next
            }
            return total > 1 ? "\(name)[\(index)]" : name
        default:
            return "node()"
        }
    }

    /// Whether `element` has the attribute `name` with the value `value` (a C string),
    /// compared in place: most attributes hold one text node.
    private static func attribute(of element: xmlNodePtr, named name: UnsafePointer<CChar>, equals value: [CChar]) -> Bool {
        guard let attribute = xmlHasProp(element, UnsafeRawPointer(name).assumingMemoryBound(to: xmlChar.self)) else { return false }
        if let text = attribute.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
            return value.withUnsafeBufferPointer { strcmp(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self), $0.baseAddress!) == 0 }
        }
        guard let content = xmlNodeGetContent(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)) else {
            return value == [0]
        }
        defer { engage_xmlFree(content) }
        return value.withUnsafeBufferPointer { strcmp(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self), $0.baseAddress!) == 0 }
    }
}
