import EngageBasics
import XMLSupport

/// The hash a section trace records for a model input, and the hash staleness compares it
/// with: one function, so that the two can never disagree.
///
/// A trace line is `PATH -> HASH`: for a node, the hash of its canonical content. A list
/// line records which children a parent has, in order, so that adding an element to a list
/// a section looped over makes the section stale: `PARENT/*` lists every child element,
/// `PARENT/*[self::NAME]` only those named NAME (what a path stepping to NAME children
/// depends on), `PARENT/*[self::NAME][@a='v']` only those of them whose attribute a is v
/// (what a lookup such as `NAME[@a = $x]` depends on: ``KeyedLookup``).
public enum TraceHash {
    /// The hash of a node's content, as a render records it.
    package static func content(of node: XPathNodeHandle, in session: XPathSession) -> String {
        FNV1a.hex(FNV1a.hash(session.canonicalContent(of: node)))
    }

    /// The hash of the list of `parent`'s child elements, as a render records it.
    package static func membership(of parent: XPathNodeHandle, in session: XPathSession) -> String {
        FNV1a.hex(FNV1a.hash(session.membershipSignature(of: parent)))
    }

    /// The hash of the list of `parent`'s child elements named `name` whose attributes
    /// hold the values of `keys`, as a render records it.
    package static func membership(
        of parent: XPathNodeHandle, named name: String, where keys: [(attribute: String, value: String)] = [],
        in session: XPathSession
    ) -> String {
        FNV1a.hex(FNV1a.hash(session.membershipSignature(of: parent, named: name, where: keys)))
    }

    /// The path of the list line of the children of `parentPath` named `name` whose
    /// attributes hold the values of `keys` (`PARENT/*[self::NAME][@a='v']`), or of all
    /// its children when `name` is nil; nil when a value holds an apostrophe, which the
    /// line's literal cannot.
    package static func listPath(
        parent parentPath: String, named name: String?, keys: [(attribute: String, value: String)] = []
    ) -> String? {
        guard let name else { return parentPath + "/*" }
        var path = parentPath + "/*[self::" + name + "]"
        for key in keys {
            guard XPathLiteral.fitsInApostrophes(key.value) else { return nil }
            path += "[@" + key.attribute + "='" + key.value + "']"
        }
        return path
    }

    /// For a list line's path, the path of the parent whose children it lists; nil for a
    /// node's path.
    public static func listParent(ofLine path: String) -> String? {
        if path.hasSuffix("/*") { return String(path.dropLast(2)) }
        // From the end: `[@a='v']` conditions (values without apostrophes), then
        // `/*[self::NAME]`; ids in the parent's own steps could hold anything.
        var end = path.endIndex
        while path[..<end].hasSuffix("']"), let open = path[..<path.index(end, offsetBy: -2)].lastIndex(of: "'") {
            guard let condition = path[..<open].range(of: "[@", options: .backwards),
                path[condition.upperBound..<open].hasSuffix("="),
                !path[condition.upperBound..<open].dropLast().contains(where: { "[]'\"/= ".contains($0) })
            else { return nil }
            end = condition.lowerBound
        }
        let head = path[..<end]
        guard head.hasSuffix("]"), let marker = head.range(of: "/*[self::", options: .backwards) else { return nil }
        let name = head[marker.upperBound..<head.index(before: head.endIndex)]
        guard !name.isEmpty, !name.contains(where: { "[]'\"/=@ ".contains($0) }) else { return nil }
        return String(head[..<marker.lowerBound])
    }

    /// The kinds of value line: an expression that needs no context (no variable, no
    /// relative path outside a predicate, only XPath's own functions) is recorded by its
    /// value alone, `count(/client/measurements/measurement)` as
    /// `number(count(/client/measurements/measurement))`.
    private static let valueLineKinds = ["string(", "number(", "boolean("]

    /// The path of the value line of `expression`, whose value is `value` (a condition's
    /// node-set is recorded as the boolean it gives); nil when the expression cannot be
    /// written on one line.
    package static func valuePath(of expression: String, value: XPathObject, isCondition: Bool) -> String? {
        guard !expression.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
        switch value {
        case .nodes: return isCondition ? "boolean(" + expression + ")" : nil
        case .boolean: return "boolean(" + expression + ")"
        case .number: return "number(" + expression + ")"
        case .string: return "string(" + expression + ")"
        }
    }

    /// The hash of a value line whose expression gave `value`.
    package static func valueHash(of value: XPathObject, isCondition: Bool, in session: XPathSession) -> String {
        if isCondition, case .nodes(let nodes) = value { return FNV1a.hex(FNV1a.hash(session.stringValue(of: .boolean(!nodes.isEmpty)))) }
        return FNV1a.hex(FNV1a.hash(session.stringValue(of: value)))
    }

    /// Whether `path` is a value line (``valuePath(of:value:isCondition:)``), not a node's
    /// path or a list line: node paths never start with a function call.
    public static func isValueLine(_ path: String) -> Bool {
        valueLineKinds.contains { path.hasPrefix($0) }
    }

    /// The hash a trace line for `path` holds when evaluated in `session` now: `missing`
    /// when the path selects nothing, nil when it cannot be evaluated.
    ///
    /// - Parameter compile: compiles a path (callers cache compiled paths).
    public static func current(
        of path: String, in session: XPathSession, compile: (String) -> XPathExpression?
    ) -> String? {
        if isValueLine(path) {
            guard let expression = compile(path), let value = try? session.evaluate(expression, at: session.documentHandle) else { return nil }
            return valueHash(of: value, isCondition: false, in: session)
        }
        guard let expression = compile(path), case .nodes(let nodes)? = try? session.evaluate(expression, at: session.documentHandle)
        else { return nil }
        if let parentPath = listParent(ofLine: path) {
            guard let parent = compile(parentPath),
                case .nodes(let parents)? = try? session.evaluate(parent, at: session.documentHandle), !parents.isEmpty
            else { return "missing" }
            // `nodes` are the listed children, in document order.
            return FNV1a.hex(FNV1a.hash(session.membershipSignature(ofChildren: nodes)))
        }
        guard let node = nodes.first else { return "missing" }
        return content(of: node, in: session)
    }
}
