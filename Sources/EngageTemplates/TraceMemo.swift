import XMLSupport

/// What traces record about a model node, computed once per node and session: its stable
/// path and content hash, and the list lines of the list that holds it (``TraceHash``), so
/// that adding an element to a list a section looped over makes the section stale. The
/// four documents of a pack read many of the same nodes. One per session and thread, so
/// its tables are `@exclusivity(unchecked)`.
package final class TraceMemo {
    package init() {}

    /// A class, so that handing one out costs one reference count, not one per string.
    package final class Entry {
        let handle: XPathNodeHandle
        let path: String
        /// The content hash, worked out when first needed: a node read for its place only
        /// (a loop's item) never needs it, and hashing an element serializes it.
        fileprivate(set) var contentHash: String?
        /// The element whose children the list holding the node lists
        /// (``TraceMemo/listHolder(of:in:)``).
        let listHolder: XPathNodeHandle?
        /// The node itself, or the element of an attribute or text.
        let element: XPathNodeHandle?

        init(handle: XPathNodeHandle, path: String, listHolder: XPathNodeHandle?, element: XPathNodeHandle?) {
            self.handle = handle
            self.path = path
            self.listHolder = listHolder
            self.element = element
        }
    }

    @exclusivity(unchecked) private var entries: [Entry?] = []
    @exclusivity(unchecked) private var paths: [String?] = []
    @exclusivity(unchecked) private var memberships: [(path: String, hash: String)?] = []
    /// Per node index, its parent element, once known (`parentKnown`).
    @exclusivity(unchecked) private var parents: [XPathNodeHandle?] = []
    @exclusivity(unchecked) private var parentKnown: [Bool] = []
    /// Per holder index, its named lists by name.
    @exclusivity(unchecked) private var namedLists: [Int: [String: (path: String, hash: String)]] = [:]
    /// The lines of keyed lookups, by parent index and name and values.
    @exclusivity(unchecked) private var keyedLists: [Int: [String: (path: String, hash: String)]] = [:]

    package func entry(for handle: XPathNodeHandle, in session: XPathSession) -> Entry {
        if handle.index < entries.count, let entry = entries[handle.index] { return entry }
        let element = session.isElement(handle) ? handle : parent(of: handle, in: session)
        let entry = Entry(
            handle: handle, path: path(of: handle, in: session), listHolder: listHolder(of: handle, in: session), element: element)
        store(entry, at: handle.index, in: &entries)
        return entry
    }

    /// The content hash of `entry`'s node (``TraceHash/content(of:in:)``).
    package func hash(of entry: Entry, in session: XPathSession) -> String {
        if let hash = entry.contentHash { return hash }
        let hash = TraceHash.content(of: entry.handle, in: session)
        entry.contentHash = hash
        return hash
    }

    /// The line listing every child of the holder of `entry`'s node; nil for the root.
    package func membership(of entry: Entry, in session: XPathSession) -> (path: String, hash: String)? {
        entry.listHolder.map { membership(of: $0, in: session) }
    }

    /// ``XPathSession/parent(of:)``, remembered: walks up the same few elements again and
    /// again.
    package func parent(of handle: XPathNodeHandle, in session: XPathSession) -> XPathNodeHandle? {
        if handle.index < parentKnown.count, parentKnown[handle.index] { return parents[handle.index] }
        let parent = session.parent(of: handle)
        if handle.index >= parentKnown.count {
            parents += repeatElement(nil, count: handle.index + 1 - parentKnown.count)
            parentKnown += repeatElement(false, count: handle.index + 1 - parentKnown.count)
        }
        parents[handle.index] = parent
        parentKnown[handle.index] = true
        return parent
    }

    /// The element whose list of children holds the node read: its parent for an element;
    /// for an attribute or text, its element's parent, since selecting the attributes of a
    /// list's items (`preference/@format`) depends on the items' order.
    private func listHolder(of handle: XPathNodeHandle, in session: XPathSession) -> XPathNodeHandle? {
        guard let parent = parent(of: handle, in: session) else { return nil }
        return session.isElement(handle) ? parent : self.parent(of: parent, in: session)
    }

    /// ``XPathSession/stablePath(of:)``, built on the parent's remembered path: reads
    /// cluster under the same few elements.
    private func path(of handle: XPathNodeHandle, in session: XPathSession) -> String {
        if handle.index < paths.count, let path = paths[handle.index] { return path }
        let step = session.stablePathStep(of: handle)
        let path = parent(of: handle, in: session).map { self.path(of: $0, in: session) + "/" + step } ?? "/" + step
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
        guard let parent = parent(of: element, in: session) else { return nil }
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
        // Keyed by the parent and the values: shorter to hash than the line's path.
        var key = name
        for value in keys { key += "\u{0}" + value.attribute + "\u{0}" + value.value }
        if let known = keyedLists[parent.index]?[key] { return known }
        guard let path = TraceHash.listPath(parent: path(of: parent, in: session), named: name, keys: keys) else { return nil }
        let line = (path, TraceHash.membership(of: parent, named: name, where: keys, in: session))
        keyedLists[parent.index, default: [:]][key] = line
        return line
    }

    private func store<Value>(_ value: Value, at index: Int, in table: inout [Value?]) {
        if index >= table.count { table += repeatElement(nil, count: index + 1 - table.count) }
        table[index] = value
    }
}
