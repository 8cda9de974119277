import XMLSupport

/// What traces record about a model node, computed once per node and session: its stable
/// path and content hash, and the list lines of the list that holds it (``TraceHash``), so
/// that adding an element to a list a section looped over makes the section stale. The
/// four documents of a pack read many of the same nodes.
package final class TraceMemo {
    package init() {}

    /// A class, so that handing one out costs one reference count, not one per string.
    package final class Entry {
        let path: String
        let hash: String
        let membership: (path: String, hash: String)?
        /// The index of the element whose children `membership` lists.
        let listHolder: Int?
        /// The node itself, or the element of an attribute or text.
        let element: XPathNodeHandle?

        init(
            path: String, hash: String, membership: (path: String, hash: String)?, listHolder: Int?,
            element: XPathNodeHandle?
        ) {
            self.path = path
            self.hash = hash
            self.membership = membership
            self.listHolder = listHolder
            self.element = element
        }
    }

    private var entries: [Entry?] = []
    private var paths: [String?] = []
    private var memberships: [(path: String, hash: String)?] = []
    /// Per holder index, its named lists by name.
    private var namedLists: [Int: [String: (path: String, hash: String)]] = [:]

    package func entry(for handle: XPathNodeHandle, in session: XPathSession) -> Entry {
        if handle.index < entries.count, let entry = entries[handle.index] { return entry }
        let holder = listHolder(of: handle, in: session)
        let element = session.isElement(handle) ? handle : session.parent(of: handle)
        let entry = Entry(
            path: path(of: handle, in: session), hash: TraceHash.content(of: handle, in: session),
            membership: holder.map { membership(of: $0, in: session) }, listHolder: holder?.index, element: element)
        store(entry, at: handle.index, in: &entries)
        return entry
    }

    /// The element whose list of children holds the node read: its parent for an element;
    /// for an attribute or text, its element's parent, since selecting the attributes of a
    /// list's items (`preference/@format`) depends on the items' order.
    private func listHolder(of handle: XPathNodeHandle, in session: XPathSession) -> XPathNodeHandle? {
        guard let parent = session.parent(of: handle) else { return nil }
        return session.isElement(handle) ? parent : session.parent(of: parent)
    }

    /// ``XPathSession/stablePath(of:)``, built on the parent's remembered path: reads
    /// cluster under the same few elements.
    private func path(of handle: XPathNodeHandle, in session: XPathSession) -> String {
        if handle.index < paths.count, let path = paths[handle.index] { return path }
        let step = session.stablePathStep(of: handle)
        let path = session.parent(of: handle).map { self.path(of: $0, in: session) + "/" + step } ?? "/" + step
        store(path, at: handle.index, in: &paths)
        return path
    }

    private func membership(of parent: XPathNodeHandle, in session: XPathSession) -> (path: String, hash: String) {
        if parent.index < memberships.count, let membership = memberships[parent.index] { return membership }
        let membership = (
            TraceHash.listPath(parent: path(of: parent, in: session), named: nil)!, TraceHash.membership(of: parent, in: session))
        store(membership, at: parent.index, in: &memberships)
        return membership
    }

    /// The list line of `element` and its siblings of the same name; nil for the document
    /// element, which has no siblings.
    package func sameNameList(of element: XPathNodeHandle, in session: XPathSession) -> (path: String, hash: String)? {
        guard let parent = session.parent(of: element) else { return nil }
        return namedList(of: parent, name: session.name(of: element), in: session)
    }

    private func namedList(of parent: XPathNodeHandle, name: String, in session: XPathSession) -> (path: String, hash: String) {
        if let known = namedLists[parent.index]?[name] { return known }
        let list = (
            TraceHash.listPath(parent: path(of: parent, in: session), named: name)!,
            TraceHash.membership(of: parent, named: name, in: session))
        namedLists[parent.index, default: [:]][name] = list
        return list
    }

    /// The list line of `parent`'s children named `name` whose attributes hold the values
    /// of `keys`; nil when the line cannot be written (``TraceHash/listPath(parent:named:keys:)``).
    package func keyedList(
        of parent: XPathNodeHandle, named name: String, where keys: [(attribute: String, value: String)], in session: XPathSession
    ) -> (path: String, hash: String)? {
        guard let path = TraceHash.listPath(parent: path(of: parent, in: session), named: name, keys: keys) else { return nil }
        return (path, TraceHash.membership(of: parent, named: name, where: keys, in: session))
    }

    private func store<Value>(_ value: Value, at index: Int, in table: inout [Value?]) {
        if index >= table.count { table += repeatElement(nil, count: index + 1 - table.count) }
        table[index] = value
    }
}
