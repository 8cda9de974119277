import XMLSupport

/// What one section of a rendered document read from the model: each node's stable path
/// and a hash of its content at render time. Status and alerts compare these with a new
/// model to say which sections a profile change makes stale, and why.
public struct SectionTrace: Sendable, Hashable, Codable {
    public var sectionID: String
    /// Stable model path -> FNV-1a hex of the node's canonical content.
    public var reads: [String: String]
}

/// A document rendered from a template: the XHTML tree and its sections' traces.
public struct RenderedDocument: Sendable {
    public var root: XMLOutputElement
    /// The traces of every `<section id>`, in document order.
    public var sections: [SectionTrace]
}

/// Renders a compiled template against a model through an ``XPathSession``.
///
/// Every error of the run is collected; rendering goes on past an error so that one run
/// reports them all. A `<section>` with an `id` opens a trace: every model node an
/// expression reads while it is open is recorded for it and for the sections around it.
final class TemplateRenderer {
    private final class Scope {
        let parent: Scope?
        var values: [String: XPathObject]

        init(parent: Scope?, values: [String: XPathObject] = [:]) {
            self.parent = parent
            self.values = values
        }

        func lookup(_ name: String) -> XPathObject? {
            var scope: Scope? = self
            while let current = scope {
                if let value = current.values[name] { return value }
                scope = current.parent
            }
            return nil
        }
    }

    private let session: XPathSession
    private let linesByFile: [String: [String]]
    private var diagnostics: [TemplateDiagnostic] = []
    private var sectionIDs: [String] = []
    private var sectionIndexByID: [String: Int] = [:]
    private var sectionReads: [Set<XPathNodeHandle>] = []
    private var openSections: [Int] = []
    /// Reads made while evaluating an element's own instructions, held until it is known
    /// whether the element opens a section (its `t:let`, `t:if` and `t:attr-id` belong to it).
    private var pendingReads: [[XPathNodeHandle]] = []
    /// Nodes of absolute read paths, which the whole render shares.
    private var absoluteReads: [ObjectIdentifier: [XPathNodeHandle]] = [:]

    init(session: XPathSession, sources: TemplateSources) {
        self.session = session
        var lines: [String: [String]] = [:]
        for file in sources.files.values { lines[file.displayPath] = file.lines }
        self.linesByFile = lines
    }

    /// Renders `template`; `variables` are in scope everywhere (document metadata).
    func render(_ template: CompiledTemplate, variables: [String: XPathObject] = [:]) throws(TemplateFailure) -> RenderedDocument {
        var output: [XMLOutputNode] = []
        render(template.root, context: session.documentHandle, scope: Scope(parent: nil, values: variables), into: &output)
        guard diagnostics.isEmpty else {
            // An error inside a loop fires once per item; report each place once.
            var seen: Set<TemplateOrigin> = []
            throw TemplateFailure(diagnostics: diagnostics.filter { seen.insert($0.origin).inserted })
        }
        guard case .element(let root)? = output.first, output.count == 1 else {
            throw TemplateFailure(diagnostics: [
                TemplateDiagnostic(
                    origin: template.root.origin, summary: "The template does not produce exactly one root element.",
                    fix: "Keep the <html> root free of t:each and t:if.")
            ])
        }
        return RenderedDocument(root: root, sections: traces())
    }

    // MARK: - Nodes

    private func render(_ node: TemplateNode, context: XPathNodeHandle, scope: Scope, into output: inout [XMLOutputNode]) {
        switch node {
        case .text(let text):
            appendText(text, to: &output)
        case .element(let element):
            render(element, context: context, scope: scope, into: &output)
        }
    }

    private func render(_ element: TemplateElement, context: XPathNodeHandle, scope: Scope, into output: inout [XMLOutputNode]) {
        guard let each = element.each else {
            renderOnce(element, context: context, scope: scope, into: &output)
            return
        }
        guard let result = evaluate(each.expression, context: context, scope: scope) else { return }
        guard case .nodes(let items) = result else {
            report(each.expression, "t:each needs a node-set, but '\(each.expression.source)' gives a single value.",
                   fix: "Select nodes, for example /client/values/value.")
            return
        }
        let name = each.variable
        for (offset, item) in items.enumerated() {
            let itemScope = Scope(parent: scope, values: [
                name: .nodes([item]),
                "\(name)-index": .number(Double(offset + 1)),
                "\(name)-first": .boolean(offset == 0),
                "\(name)-last": .boolean(offset == items.count - 1),
                "\(name)-count": .number(Double(items.count)),
            ])
            renderOnce(element, context: item, scope: itemScope, into: &output)
        }
    }

    private func renderOnce(_ element: TemplateElement, context: XPathNodeHandle, scope: Scope, into output: inout [XMLOutputNode]) {
        let mayOpenSection: Bool
        if case .element(let name, _) = element.kind, name == "section" { mayOpenSection = true } else { mayOpenSection = false }
        if mayOpenSection { pendingReads.append([]) }
        var scope = scope
        if !element.lets.isEmpty {
            scope = Scope(parent: scope)
            for (name, expression) in element.lets {
                guard let value = evaluate(expression, context: context, scope: scope) else { continue }
                scope.values[name] = value
            }
        }
        if let condition = element.condition {
            let value = evaluate(condition.expression, context: context, scope: scope)
            if value == nil || session.booleanValue(of: value ?? .boolean(false)) == condition.negated {
                if mayOpenSection { flushPendingReads() }
                return
            }
        }
        switch element.kind {
        case .block:
            renderContent(of: element, context: context, scope: scope, into: &output)
        case .element(let name, let namespaceURI):
            var attributes = element.staticAttributes
            for (attribute, expression) in element.dynamicAttributes {
                guard let value = evaluate(expression, context: context, scope: scope) else { continue }
                if case .nodes(let nodes) = value, nodes.isEmpty {
                    if attributes[attribute] == nil {
                        report(expression, "The expression '\(expression.source)' for the attribute '\(attribute)' selects nothing.",
                               fix: "Give a default as a plain \(attribute)=\"...\" attribute, or fix the path.")
                    }
                    continue
                }
                attributes[attribute] = TemplateCompiler.normalizedValue(session.stringValue(of: value))
            }
            var sectionIndex: Int?
            if mayOpenSection, let id = attributes["id"] {
                sectionIndex = openSection(id, origin: element.origin)
            }
            if mayOpenSection { flushPendingReads() }
            var children: [XMLOutputNode] = []
            renderContent(of: element, context: context, scope: scope, into: &children)
            if sectionIndex != nil { openSections.removeLast() }
            output.append(.element(XMLOutputElement(
                name: name, namespaceURI: namespaceURI, attributes: attributes, children: children)))
        }
    }

    /// Hands the reads of a section element's own instructions to the sections now open
    /// (itself included, when it opened one).
    private func flushPendingReads() {
        guard let reads = pendingReads.popLast() else { return }
        for index in openSections { sectionReads[index].formUnion(reads) }
        if !pendingReads.isEmpty { pendingReads[pendingReads.count - 1] += reads }
    }

    private func renderContent(of element: TemplateElement, context: XPathNodeHandle, scope: Scope, into output: inout [XMLOutputNode]) {
        if let expression = element.text {
            guard let value = evaluate(expression, context: context, scope: scope) else { return }
            if case .nodes(let nodes) = value, nodes.isEmpty {
                if let fallback = element.defaultText {
                    appendText(fallback, to: &output)
                } else {
                    report(expression, "The expression '\(expression.source)' selects nothing, and a value is required here.",
                           fix: "Fix the path, or give a default with t:default=\"...\".")
                }
                return
            }
            let text = TemplateCompiler.normalizedValue(session.stringValue(of: value))
            appendText(text, to: &output)
            return
        }
        for child in element.children {
            render(child, context: context, scope: scope, into: &output)
        }
    }

    private func appendText(_ text: String, to output: inout [XMLOutputNode]) {
        guard !text.isEmpty else { return }
        if case .text(let previous)? = output.last {
            output[output.count - 1] = .text(previous + text)
        } else {
            output.append(.text(text))
        }
    }

    // MARK: - Evaluation and traces

    private func evaluate(_ expression: TemplateExpression, context: XPathNodeHandle, scope: Scope) -> XPathObject? {
        let lookup: (String) -> XPathObject? = { scope.lookup($0) }
        let result: XPathObject
        do {
            result = try session.evaluate(expression.compiled, at: context, variables: lookup)
        } catch {
            let reason: String
            switch error {
            case .evaluationFailed(_, let why), .invalidExpression(_, let why): reason = why
            }
            report(expression, "The expression '\(expression.source)' cannot be evaluated: \(reason)",
                   fix: "Check the function names, the variables in scope and the types.")
            return nil
        }
        guard !openSections.isEmpty || !pendingReads.isEmpty else { return result }
        var read: [XPathNodeHandle] = []
        if case .nodes(let nodes) = result { read += nodes }
        for (index, path) in expression.readPaths.enumerated() {
            if expression.readPathIsAbsolute[index] {
                let key = ObjectIdentifier(path)
                if let cached = absoluteReads[key] {
                    read += cached
                } else if case .nodes(let nodes)? = try? session.evaluate(path, at: context, variables: lookup) {
                    absoluteReads[key] = nodes
                    read += nodes
                }
            } else if case .nodes(let nodes)? = try? session.evaluate(path, at: context, variables: lookup) {
                read += nodes
            }
        }
        if pendingReads.isEmpty {
            for index in openSections { sectionReads[index].formUnion(read) }
        } else {
            pendingReads[pendingReads.count - 1] += read
        }
        return result
    }

    private func openSection(_ id: String, origin: TemplateOrigin) -> Int? {
        if sectionIndexByID[id] != nil {
            diagnostics.append(TemplateDiagnostic(
                origin: origin, summary: "The section id '\(id)' is used twice in this document.",
                fix: "Section ids must be unique and stable: add the loop item's id, e.g. concat('touchpoint-', @id).",
                sourceLine: sourceLine(origin)))
            return nil
        }
        let index = sectionIDs.count
        sectionIDs.append(id)
        sectionIndexByID[id] = index
        sectionReads.append([])
        openSections.append(index)
        return index
    }

    /// The traces of every section. Besides each node read (path -> content hash), the
    /// membership of its parent is recorded (`PARENT/*` -> the list of its children), so
    /// that adding an element to a list a section looped over makes the section stale.
    private func traces() -> [SectionTrace] {
        var entries: [XPathNodeHandle: [(String, String)]] = [:]
        var memberships: [XPathNodeHandle: (String, String)] = [:]
        return zip(sectionIDs, sectionReads).map { id, reads in
            var traced: [String: String] = [:]
            for handle in reads {
                if entries[handle] == nil {
                    var pairs = [(session.stablePath(of: handle), FNV1a.hex(FNV1a.hash(session.canonicalContent(of: handle))))]
                    if let parent = session.parent(of: handle) {
                        if memberships[parent] == nil {
                            memberships[parent] = (
                                session.stablePath(of: parent) + "/*",
                                FNV1a.hex(FNV1a.hash(session.membershipSignature(of: parent))))
                        }
                        if let membership = memberships[parent] { pairs.append(membership) }
                    }
                    entries[handle] = pairs
                }
                for (path, hash) in entries[handle] ?? [] { traced[path] = hash }
            }
            return SectionTrace(sectionID: id, reads: traced)
        }
    }

    private func report(_ expression: TemplateExpression, _ summary: String, fix: String) {
        diagnostics.append(TemplateDiagnostic(
            origin: expression.origin, summary: summary, fix: fix, sourceLine: sourceLine(expression.origin)))
    }

    private func sourceLine(_ origin: TemplateOrigin) -> String? {
        guard let lines = linesByFile[origin.file], origin.position.line >= 1, origin.position.line <= lines.count else {
            return nil
        }
        return lines[origin.position.line - 1]
    }
}
