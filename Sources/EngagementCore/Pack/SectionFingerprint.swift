import XMLSupport

/// Hashes of the sections of a rendered document, for the revision log and diffs.
enum SectionFingerprint {
    /// Every `<section id>` at any depth, in document order, with the hash of its subtree.
    static func sections(of root: XMLOutputElement) -> [(id: String, hash: String)] {
        var result: [(String, String)] = []
        func visit(_ element: XMLOutputElement) {
            if element.name == "section", let id = element.attributes["id"] {
                result.append((id, FNV1a.hex(FNV1a.hash(canonical(element)))))
            }
            element.elements.forEach(visit)
        }
        visit(root)
        return result
    }

    /// A text form of a subtree that is equal exactly when the subtrees are.
    static func canonical(_ element: XMLOutputElement) -> String {
        var text = "<\(element.name)"
        for name in element.attributes.keys.sorted() {
            text += " \(name)=\"\(element.attributes[name] ?? "")\""
        }
        text += ">"
        for child in element.children {
            switch child {
            case .text(let value): text += value.replacingOccurrences(of: "<", with: "&lt;")
            case .element(let nested): text += canonical(nested)
            }
        }
        return text + "</\(element.name)>"
    }
}
