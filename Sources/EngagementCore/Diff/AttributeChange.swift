/// An attribute added, removed or given a new value on one element.
public struct AttributeChange: Sendable, Hashable {
    /// The element's path within its section, e.g. `table[1]/tr[8]/td[6]`; empty for the
    /// section element itself.
    public var path: String
    /// The attribute name; `xml:` for the XML namespace, `{uri}` before others.
    public var name: String
    /// Nil when the attribute was added.
    public var oldValue: String?
    /// Nil when the attribute was removed.
    public var newValue: String?

    /// Creates a change; nil values mean the attribute is absent on that side.
    public init(path: String, name: String, oldValue: String?, newValue: String?) {
        self.path = path
        self.name = name
        self.oldValue = oldValue
        self.newValue = newValue
    }

    /// The attribute's own path, `path/@name` (`@name` on the section element).
    public var attributePath: String {
        path.isEmpty ? "@" + name : path + "/@" + name
    }

    /// The changes between two attribute lists, each sorted by path and name; paths are
    /// made absolute by prefixing `elementPath`.
    static func changes(from old: [BlockAttribute], to new: [BlockAttribute], elementPath: String) -> [AttributeChange]
    {
        func absolute(_ relative: String) -> String {
            if relative.isEmpty { return elementPath }
            return elementPath.isEmpty ? relative : elementPath + "/" + relative
        }
        var changes: [AttributeChange] = []
        var oldIndex = 0
        var newIndex = 0
        // A merge of two sorted lists, so the changes come out in path and name order.
        while oldIndex < old.count || newIndex < new.count {
            let before = oldIndex < old.count ? old[oldIndex] : nil
            let after = newIndex < new.count ? new[newIndex] : nil
            if let before, let after, (before.path, before.name) == (after.path, after.name) {
                if before.value != after.value {
                    changes.append(
                        AttributeChange(
                            path: absolute(after.path), name: after.name, oldValue: before.value, newValue: after.value)
                    )
                }
                oldIndex += 1
                newIndex += 1
            } else if let before, after.map({ (before.path, before.name) < ($0.path, $0.name) }) ?? true {
                changes.append(
                    AttributeChange(
                        path: absolute(before.path), name: before.name, oldValue: before.value, newValue: nil))
                oldIndex += 1
            } else if let after {
                changes.append(
                    AttributeChange(path: absolute(after.path), name: after.name, oldValue: nil, newValue: after.value))
                newIndex += 1
            }
        }
        return changes
    }
}
