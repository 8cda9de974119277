import XMLSupport

/// What an evaluation read, logged for the section traces (``TraceBuilder``): the nodes of
/// its result and of its read paths, the line of a lookup it performs, or the value of an
/// expression that needs no context.
extension TemplateRenderer {
    /// Logs what `expression` read when it gave `result` at `context`, for the sections
    /// open now.
    func logReads(
        of expression: TemplateExpression, result: XPathObject, context: XPathNodeHandle, resultIsPlaceOnly: Bool, isCondition: Bool
    ) {
        let tracing = expression.shared.tracing
        if let source = tracing.contextFreeSource, logValueLine(of: expression, source: source, value: result, isCondition: isCondition) {
            return
        }
        if !wholeDocumentVariables.isEmpty, tracing.variables.contains(where: wholeDocumentVariables.contains) {
            sectionsReadingEverything.formUnion(openSections)
        }
        if case .nodes(let nodes) = result {
            logReads(nodes, .node(placeOnly: resultIsPlaceOnly, place: tracing.resultPlace))
        }
        for readPath in tracing.readPaths {
            guard let nodes = readPath.childPath.flatMap({ childPathNodes($0, context: context) })
                ?? tracedNodes(of: readPath.expression, isAbsolute: readPath.isAbsolute, context: context)
            else { continue }
            logReads(nodes, .node(placeOnly: readPath.placeOnly, place: readPath.place))
        }
        if let keyed = tracing.lookup { logLookup(keyed, context: context) }
    }

    /// The nodes `path` selects from `context` or from its variable's one node, without
    /// an evaluation; nil when the variable holds anything else (no node-set, several
    /// nodes, whose children's document order libxml2 sorts out).
    private func childPathNodes(_ path: ChildReadPath, context: XPathNodeHandle) -> [XPathNodeHandle]? {
        let start: XPathNodeHandle
        switch path.start {
        case .context:
            start = context
        case .variable(let name):
            guard case .nodes(let nodes)? = variableLookup(number(of: name)), nodes.count <= 1 else { return nil }
            guard let node = nodes.first else { return [] }
            start = node
        }
        return session.childPath(path.elements, attribute: path.attribute, from: start)
    }

    /// The nodes `path` selects from `context`, for tracing only; a path from the root is
    /// evaluated once per render.
    private func tracedNodes(of path: XPathExpression, isAbsolute: Bool, context: XPathNodeHandle) -> [XPathNodeHandle]? {
        let key = ObjectIdentifier(path)
        if isAbsolute, let known = absoluteReads[key] { return known }
        guard case .nodes(let nodes)? = try? session.evaluate(path, at: context, variables: variableLookup) else { return nil }
        if isAbsolute { absoluteReads[key] = nodes }
        return nodes
    }


    /// Records the value of a context-free expression as its line, unless it gives nodes
    /// to work on (not a condition's): whether it could. Out of line, as the lookups below:
    /// rare next to plain paths, and inlined they made the hot loop's code larger.
    @inline(never)
    private func logValueLine(of expression: TemplateExpression, source: String, value: XPathObject, isCondition: Bool) -> Bool {
        // Nodes to work on are traced as they are used, not by a value.
        if case .nodes = value, !isCondition { return false }
        let key = ObjectIdentifier(expression.shared)
        if let known = valueLineOfExpression[key], ownLinesAreConditions[known] == isCondition {
            logRead(session.documentHandle, .line(known))
            return true
        }
        guard let path = TraceHash.valuePath(of: source, value: value, isCondition: isCondition) else { return false }
        ownLines.append((path, TraceHash.valueHash(of: value, isCondition: isCondition, in: session)))
        ownLinesAreConditions.append(isCondition)
        valueLineOfExpression[key] = ownLines.count - 1
        logRead(session.documentHandle, .line(ownLines.count - 1))
        return true
    }

    /// Records the line of each parent's children that `keyed` chose from; when a line
    /// cannot be written (a value that is not one string, an apostrophe in it), the
    /// candidates' content instead, which holds their keys.
    @inline(never)
    private func logLookup(_ keyed: CompiledLookup, context: XPathNodeHandle) {
        let isAbsolute = keyed.source.parentPath.utf8.first == UInt8(ascii: "/")
        guard let parents = tracedNodes(of: keyed.parents, isAbsolute: isAbsolute, context: context) else { return }
        var keys: [(attribute: String, value: String)] = []
        for (index, key) in keyed.source.keys.enumerated() {
            guard let value = keyValue(index, of: keyed, context: context) else { continue }
            keys.append((key.attribute, value))
        }
        var lines: [(path: String, hash: String)] = []
        if keys.count == keyed.values.count {
            lines = parents.compactMap { memo.keyedList(of: $0, named: keyed.source.name, where: keys, in: session) }
        }
        guard lines.count == parents.count else {
            if let candidates = tracedNodes(of: keyed.candidates, isAbsolute: false, context: context) {
                logReads(candidates, .node(placeOnly: false, place: .amongSameName(steps: 1)))
            }
            return
        }
        for (parent, line) in zip(parents, lines) {
            ownLines.append(line)
            ownLinesAreConditions.append(false)
            logRead(parent, .line(ownLines.count - 1))
        }
    }

    /// The value the key `index` of `keyed` must equal, from `context`: nil when it is not
    /// one string (an attribute missing, a node-set of several). Attributes of the context
    /// node or of a variable's node are read without an XPath evaluation.
    @inline(never)
    private func keyValue(_ index: Int, of keyed: CompiledLookup, context: XPathNodeHandle) -> String? {
        switch keyed.valueKinds[index] {
        case .literal(let text):
            return text
        case .attributeOfContext(let attribute):
            return session.attribute(attribute, of: context)
        case .attributeOfVariable(let variable, let attribute):
            if case .nodes(let nodes)? = variableLookup(number(of: variable)) {
                return nodes.count == 1 ? session.attribute(attribute, of: nodes[0]) : nil
            }
        case .path:
            break
        }
        switch try? session.evaluate(keyed.values[index], at: context, variables: variableLookup) {
        case .string(let text)?: return text
        case .nodes(let nodes)? where nodes.count == 1: return session.stringValue(of: nodes[0])
        default: return nil
        }
    }

    /// ``logReads(_:_:)`` of one node, without an array to hold it.
    private func logRead(_ node: XPathNodeHandle, _ kind: ReadKind) {
        readLog.append(node)
        readKinds.append(kind)
    }

    private func logReads(_ nodes: [XPathNodeHandle], _ kind: ReadKind) {
        readLog += nodes
        readKinds += repeatElement(kind, count: nodes.count)
    }
}
