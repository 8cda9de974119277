import EngageBasics
import XMLSupport

/// The hash a section trace records for a model input, and the hash staleness compares it
/// with: one function, so that the two can never disagree.
///
/// A trace line is `PATH -> HASH`: for a node, the hash of its canonical content; for a
/// `PARENT/*` line, the hash of the list of the parent's child elements (so that adding an
/// element to a list a section looped over makes the section stale).
public enum TraceHash {
    /// The hash of a node's content, as a render records it.
    package static func content(of node: XPathNodeHandle, in session: XPathSession) -> String {
        FNV1a.hex(FNV1a.hash(session.canonicalContent(of: node)))
    }

    /// The hash of the list of `parent`'s child elements, as a render records it.
    package static func membership(of parent: XPathNodeHandle, in session: XPathSession) -> String {
        FNV1a.hex(FNV1a.hash(session.membershipSignature(of: parent)))
    }

    /// The hash a trace line for `path` holds when evaluated in `session` now: `missing`
    /// when the path selects nothing, nil when it cannot be evaluated.
    ///
    /// - Parameter compile: compiles a path (callers cache compiled paths).
    public static func current(
        of path: String, in session: XPathSession, compile: (String) -> XPathExpression?
    ) -> String? {
        guard let expression = compile(path), case .nodes(let nodes)? = try? session.evaluate(expression, at: session.documentHandle)
        else { return nil }
        if path.hasSuffix("/*") {
            let parentPath = String(path.dropLast(2))
            guard let parent = compile(parentPath),
                case .nodes(let parents)? = try? session.evaluate(parent, at: session.documentHandle), let first = parents.first
            else { return "missing" }
            return membership(of: first, in: session)
        }
        guard let node = nodes.first else { return "missing" }
        return content(of: node, in: session)
    }
}
