import XMLSupport

/// Flattens a document into its sections, in document order, and each section into the
/// blocks the comparison aligns.
///
/// Elements are sorted into three roles: inline elements (strong, em, code, span, ...) whose
/// text joins the block around them; text blocks (headings, paragraphs, list items,
/// terms, cells, ...); and containers (lists, tables, divisions), which contribute only
/// their attributes. An element not named in either list is a text block when it holds
/// only inline content and a container otherwise, so unfamiliar markup still compares.
struct SectionExtractor {
    private var sections: [DiffSection] = []
    /// The index of the section being read, nil outside sections.
    private var current: Int?

    /// The sections of the document whose root element is `root`; the first one holds the
    /// content outside every section.
    static func sections(of root: SourceElement) -> [DiffSection] {
        var extractor = SectionExtractor()
        var blocks: [DiffBlock] = []
        var scope = Scope()
        extractor.sections.append(DiffSection(id: nil, parent: nil, path: [], attributes: [], blocks: []))
        extractor.visit(root, prefix: "", scope: &scope, into: &blocks)
        extractor.sections[0] = DiffSection(id: nil, parent: nil, path: [], attributes: [], blocks: blocks)
        return extractor.sections
    }

    /// Counts elements by name under one path step, for the `[n]` of the next path.
    private struct Scope {
        private var counts: [String: Int] = [:]

        mutating func next(_ name: String) -> Int {
            let count = (counts[name] ?? 0) + 1
            counts[name] = count
            return count
        }
    }

    // MARK: Sections

    private mutating func visitSection(_ element: SourceElement, id: String) {
        let index = sections.count
        let parent = current
        let path = (parent.map { sections[$0].path } ?? []) + [id]
        // Appended before its content is read, so nested sections come after it.
        sections.append(DiffSection(id: id, parent: parent, path: path, attributes: [], blocks: []))
        current = index
        defer { current = parent }
        var blocks: [DiffBlock] = []
        var scope = Scope()
        visitChildren(of: element, prefix: "", scope: &scope, into: &blocks)
        let attributes = Self.attributes(of: element, path: "").filter { $0.name != "id" }
        sections[index] = DiffSection(id: id, parent: parent, path: path, attributes: attributes, blocks: blocks)
    }

    // MARK: Blocks

    private mutating func visit(
        _ element: SourceElement, prefix: String, scope: inout Scope, into blocks: inout [DiffBlock]
    ) {
        if element.name == "section", let id = element[attribute: "id"] {
            return visitSection(element, id: id)
        }
        let path = prefix + element.name + "[\(scope.next(element.name))]"
        if element.name == "tr" {
            return blocks.append(row(element, path: path))
        }
        if element.name == "svg" {
            // A chart is one block, compared by what it says in words (its title and
            // description): its labels and marks, one by one, would bury the change.
            let words = ["title", "desc"].compactMap { name in element.elements.first { $0.name == name }?.normalizedText }
            return blocks.append(DiffBlock(kind: .text, name: "svg", path: path, text: words.joined(separator: ". "), attributes: []))
        }
        let role = Self.role(of: element)
        if role == .text {
            var text = TextCollector()
            var attributes = Self.attributes(of: element, path: "")
            var inlineScope = Scope()
            collectInline(element.children, parentPath: "", scope: &inlineScope, text: &text, attributes: &attributes)
            blocks.append(
                DiffBlock(kind: .text, name: element.name, path: path, text: text.string, attributes: attributes))
            // Lists nested in a list item and the like follow the item as blocks of their own.
            var inner = Scope()
            for case .element(let child) in element.children where !Self.isInline(child.name) {
                visit(child, prefix: path + "/", scope: &inner, into: &blocks)
            }
            return
        }
        blocks.append(
            DiffBlock(
                kind: .container, name: element.name, path: path, text: "",
                attributes: Self.attributes(of: element, path: "")))
        if Self.transparent.contains(element.name) {
            // thead/tbody/tfoot (and html/head/body) are not steps of their children's paths.
            visitChildren(of: element, prefix: prefix, scope: &scope, into: &blocks)
        } else {
            var inner = Scope()
            visitChildren(of: element, prefix: path + "/", scope: &inner, into: &blocks)
        }
    }

    /// Visits a container's children: runs of text and inline elements become `text()`
    /// blocks, other elements are visited in turn.
    private mutating func visitChildren(
        of element: SourceElement, prefix: String, scope: inout Scope, into blocks: inout [DiffBlock]
    ) {
        var text = TextCollector()
        var attributes: [BlockAttribute] = []
        var inlineScope = Scope()
        func flush() {
            if !text.isEmpty {
                let path = prefix + "text()[\(scope.next("text()"))]"
                blocks.append(
                    DiffBlock(kind: .text, name: "text()", path: path, text: text.string, attributes: attributes))
            }
            text = TextCollector()
            attributes = []
            inlineScope = Scope()
        }
        for child in element.children {
            switch child {
            case .text(let string):
                text.append(string)
            case .element(let child) where Self.isInline(child.name):
                collectInline(child, parentPath: "", scope: &inlineScope, text: &text, attributes: &attributes)
            case .element(let child):
                flush()
                visit(child, prefix: prefix, scope: &scope, into: &blocks)
            }
        }
        flush()
    }

    /// Appends the text of inline content and records the attributes of the inline
    /// elements in it; block-level children only end a word (the caller visits them).
    private func collectInline(
        _ children: [SourceElement.Child], parentPath: String, scope: inout Scope, text: inout TextCollector,
        attributes: inout [BlockAttribute]
    ) {
        for child in children {
            switch child {
            case .text(let string):
                text.append(string)
            case .element(let child) where Self.isInline(child.name):
                collectInline(child, parentPath: parentPath, scope: &scope, text: &text, attributes: &attributes)
            case .element:
                text.breakWord()
            }
        }
    }

    private func collectInline(
        _ element: SourceElement, parentPath: String, scope: inout Scope, text: inout TextCollector,
        attributes: inout [BlockAttribute]
    ) {
        let path = (parentPath.isEmpty ? "" : parentPath + "/") + element.name + "[\(scope.next(element.name))]"
        attributes += Self.attributes(of: element, path: path)
        if element.name == "br" { text.breakWord() }
        var inner = Scope()
        collectInline(element.children, parentPath: path, scope: &inner, text: &text, attributes: &attributes)
    }

    /// A row with its cells; a cell's text is all the text inside it, whatever the markup.
    private func row(_ element: SourceElement, path: String) -> DiffBlock {
        var cells: [DiffBlock] = []
        var scope = Scope()
        for case .element(let cell) in element.children where cell.name == "td" || cell.name == "th" {
            var text = TextCollector()
            var attributes = Self.attributes(of: cell, path: "")
            var inner = Scope()
            collectAll(cell, relativePath: "", scope: &inner, text: &text, attributes: &attributes)
            cells.append(
                DiffBlock(
                    kind: .text, name: cell.name, path: path + "/" + cell.name + "[\(scope.next(cell.name))]",
                    text: text.string, attributes: attributes))
        }
        return DiffBlock(
            kind: .row, name: "tr", path: path, text: cells.map(\.text).joined(separator: " | "),
            attributes: Self.attributes(of: element, path: ""), cells: cells)
    }

    private func collectAll(
        _ element: SourceElement, relativePath: String, scope: inout Scope, text: inout TextCollector,
        attributes: inout [BlockAttribute]
    ) {
        for child in element.children {
            switch child {
            case .text(let string):
                text.append(string)
            case .element(let child):
                let path = (relativePath.isEmpty ? "" : relativePath + "/") + child.name + "[\(scope.next(child.name))]"
                attributes += Self.attributes(of: child, path: path)
                if !Self.isInline(child.name) || child.name == "br" { text.breakWord() }
                var inner = Scope()
                collectAll(child, relativePath: path, scope: &inner, text: &text, attributes: &attributes)
                if !Self.isInline(child.name) { text.breakWord() }
            }
        }
    }

    // MARK: Element roles

    private enum Role {
        case text
        case container
    }

    private static func role(of element: SourceElement) -> Role {
        if textBlocks.contains(element.name) { return .text }
        if structural.contains(element.name) { return .container }
        if element.elements.contains(where: { !isInline($0.name) }) { return .container }
        return element.normalizedText.isEmpty ? .container : .text
    }

    static func isInline(_ name: String) -> Bool { inline.contains(name) }

    private static let inline: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins", "kbd",
        "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]
    private static let textBlocks: Set<String> = [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "caption", "title", "pre", "figcaption", "summary",
        "legend", "address", "th", "td",
    ]
    /// Containers whatever they hold: their text, if any, is loose text between blocks.
    private static let structural: Set<String> = [
        "html", "head", "body", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "colgroup",
    ]
    private static let transparent: Set<String> = ["html", "head", "body", "thead", "tbody", "tfoot"]

    private static func attributes(of element: SourceElement, path: String) -> [BlockAttribute] {
        element.attributes.map { attribute in
            let name: String
            switch attribute.namespaceURI {
            case nil: name = attribute.name
            case "http://www.w3.org/XML/1998/namespace": name = "xml:" + attribute.name
            case let uri?: name = "{\(uri)}" + attribute.name
            }
            return BlockAttribute(path: path, name: name, value: attribute.value)
        }
    }
}
