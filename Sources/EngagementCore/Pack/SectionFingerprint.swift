import Foundation
import EngageTemplates
import XMLSupport

/// Hashes of the sections of a rendered document, for the revision log and diffs.
enum SectionFingerprint {
    /// Every `<section id>` at any depth, in document order, with the hash of its subtree.
    ///
    /// - Parameter values: placeholders in text and attributes, and what they stand for.
    static func sections(of root: XMLOutputElement, values: [String: String] = [:]) -> [(id: String, hash: String)] {
        // The canonical form of a section holds that of each section inside it, so one
        // pass writes them all and each section hashes its own span.
        var writer = CanonicalWriter()
        writer.values = values
        writer.visit(root, writing: false)
        return writer.bytes.withUnsafeBufferPointer { bytes in
            writer.sections.map { ($0.id, FNV1a.hex(FNV1a.hash(UnsafeBufferPointer(rebasing: bytes[$0.span])))) }
        }
    }

    /// A text form of a subtree that is equal exactly when the subtrees are: the element
    /// with its attributes sorted by name and, in text, `<` written as `&lt;`.
    static func canonical(_ element: XMLOutputElement) -> String {
        var writer = CanonicalWriter()
        writer.visit(element, writing: true)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Writes the canonical form of subtrees as UTF-8 bytes, noting where each section's is.
private struct CanonicalWriter {
    var bytes: [UInt8] = []
    var sections: [(id: String, span: Range<Int>)] = []
    /// Placeholders replaced in text and attribute values before they are written.
    var values: [String: String] = [:]

    /// Visits `element` and the elements inside it, writing the canonical form of every
    /// section (or of everything, with `writing`).
    mutating func visit(_ element: XMLOutputElement, writing: Bool) {
        var sectionIndex: Int?
        // The head is traced as a section (its title, metadata and house style), so it has a hash like one.
        if let id = element.name == "head" ? TemplateRenderer.headSectionID : element.name == "section" ? element.attributes["id"] : nil {
            sectionIndex = sections.count
            sections.append((id, bytes.count..<bytes.count))
        }
        guard writing || sectionIndex != nil else {
            for case .element(let child) in element.children { visit(child, writing: false) }
            return
        }
        let start = bytes.count
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: element.name.utf8)
        if element.attributes.count == 1 {
            for (name, value) in element.attributes { appendAttribute(name, value) }
        } else if !element.attributes.isEmpty {
            for (name, value) in element.attributes.sorted(by: { $0.key < $1.key }) { appendAttribute(name, value) }
        }
        bytes.append(UInt8(ascii: ">"))
        // By index rather than `for child in`: the compiler then copies fewer children.
        for index in element.children.indices {
            switch element.children[index] {
            case .text(let text): appendEscapingLessThan(text)
            case .element(let nested): visit(nested, writing: true)
            }
        }
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: element.name.utf8)
        bytes.append(UInt8(ascii: ">"))
        if let sectionIndex { sections[sectionIndex].span = start..<bytes.count }
    }

    private mutating func appendAttribute(_ name: String, _ value: String) {
        let value = values.isEmpty ? value : RenderedPackDocument.substitute(values, in: value)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: "=\"".utf8)
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` with `<` written as `&lt;`, exactly as Foundation's
    /// `replacingOccurrences(of: "<", with: "&lt;")` writes it. Foundation compares
    /// composed character sequences, so a `<` followed by a combining mark is no match;
    /// text with a `<` followed by anything but ASCII is left to Foundation itself.
    private mutating func appendEscapingLessThan(_ text: String) {
        let text = values.isEmpty ? text : RenderedPackDocument.substitute(values, in: text)
        let handled: Bool = text.utf8.withContiguousStorageIfAvailable { text in
            let start = bytes.count
            var runStart = 0
            for index in text.indices where text[index] == UInt8(ascii: "<") {
                if index + 1 < text.count && text[index + 1] >= 0x80 {
                    bytes.removeSubrange(start...)
                    return false
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                bytes.append(contentsOf: "&lt;".utf8)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
            return true
        } ?? false
        if !handled { bytes.append(contentsOf: text.replacingOccurrences(of: "<", with: "&lt;").utf8) }
    }
}
