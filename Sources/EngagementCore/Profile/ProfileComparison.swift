import XMLSupport

/// One difference between two versions of a client profile.
public struct ProfileChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case added, removed, modified
    }

    public var kind: Kind
    /// The element the change belongs to: `value`, `expectation`, `mission`, `identity`...
    public var element: String
    /// Its id (for a touchpoint, a stage's name, a measurement's expectation and date).
    @NullWhenAbsent public var id: String?
    /// Its stable model path, e.g. `/client/values/value[@id='val-care']`.
    public var path: String
    /// What changed inside a modified element: `statement`, `@target`...; nil for the
    /// element's own text, or for an added or removed element.
    @NullWhenAbsent public var field: String?
    @NullWhenAbsent public var old: String?
    @NullWhenAbsent public var new: String?
}

/// Compares two profiles element by element, keyed by ids, so that a change is reported
/// where it happened (the expectation `exp-wait`, its `@target`) and reordering is not
/// a change.
public enum ProfileComparison {
    /// The changes from `old` to `new`, both `<client>` roots, in document order.
    public static func compare(old: SourceElement, new: SourceElement) -> [ProfileChange] {
        var changes: [ProfileChange] = []
        compare(old, new, path: "/client", owner: (old.name, nil, "/client"), into: &changes)
        return changes
    }

    private typealias Owner = (element: String, id: String?, path: String)

    /// How a child is matched with its counterpart: id, else a stage's name, else a
    /// measurement's expectation and date, else its position among same-named siblings.
    private static func key(_ element: SourceElement, position: Int) -> String {
        if let id = element[attribute: "id"] { return "id:\(id)" }
        if element.name == "stage", let name = element[attribute: "name"] { return "name:\(name)" }
        if element.name == "measurement" {
            return "measure:\(element[attribute: "expectation"] ?? "") \(element[attribute: "date"] ?? "")"
        }
        return "pos:\(position)"
    }

    private static func label(_ element: SourceElement) -> String? {
        if let id = element[attribute: "id"] { return id }
        if element.name == "stage" { return element[attribute: "name"] }
        if element.name == "measurement" {
            return "\(element[attribute: "expectation"] ?? "?")@\(element[attribute: "date"] ?? "?")"
        }
        return nil
    }

    /// The step `XPathSession.stablePath` would write for `element` among `siblings`.
    private static func step(_ element: SourceElement, siblings: [SourceElement]) -> String {
        if let id = element[attribute: "id"] { return "\(element.name)[@id='\(id)']" }
        if let keys = EngagementModel.pathKeys[element.name] {
            let values = keys.compactMap { key in element[attribute: key].map { (key, $0) } }
            if values.count == keys.count, values.allSatisfy({ XPathLiteral.fitsInApostrophes($0.1) }) {
                return element.name + values.map { "[@\($0.0)='\($0.1)']" }.joined()
            }
        }
        let same = siblings.filter { $0.name == element.name }
        guard same.count > 1, let index = same.firstIndex(where: { $0 == element }) else { return element.name }
        return "\(element.name)[\(index + 1)]"
    }

    /// A short text standing for a whole element: its statement, name or text.
    private static func summary(_ element: SourceElement) -> String {
        if element.name == "measurement" {
            return "\(element[attribute: "value"] ?? "?") on \(element[attribute: "date"] ?? "?")"
        }
        for name in ["statement", "name", "description", "metric", "group"] {
            if let child = element.element(named: name) { return child.normalizedText }
        }
        let text = element.normalizedText
        if !text.isEmpty { return text }
        return element.attributes.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    private static func compare(
        _ old: SourceElement, _ new: SourceElement, path: String, owner: Owner, into changes: inout [ProfileChange]
    ) {
        // Attributes.
        let names = Set(old.attributes.map(\.name)).union(new.attributes.map(\.name)).sorted()
        for name in names where name != "id" && old[attribute: name] != new[attribute: name] {
            changes.append(ProfileChange(
                kind: .modified, element: owner.element, id: owner.id, path: owner.path,
                field: fieldName(path: path, ownerPath: owner.path, leaf: "@\(name)"),
                old: old[attribute: name], new: new[attribute: name]))
        }
        // Text of elements without element children.
        if old.elements.isEmpty && new.elements.isEmpty {
            if old.normalizedText != new.normalizedText {
                changes.append(ProfileChange(
                    kind: .modified, element: owner.element, id: owner.id, path: owner.path,
                    field: fieldName(path: path, ownerPath: owner.path, leaf: nil),
                    old: old.normalizedText, new: new.normalizedText))
            }
            return
        }
        // The own text of mixed content (a narrative paragraph's words around its <em>):
        // documents copy it, so a change to it is a change of the element.
        if Self.ownText(old) != Self.ownText(new) {
            changes.append(ProfileChange(
                kind: .modified, element: owner.element, id: owner.id, path: owner.path,
                field: fieldName(path: path, ownerPath: owner.path, leaf: nil),
                old: old.normalizedText, new: new.normalizedText))
        }
        // Children, matched by key.
        let oldChildren = old.elements
        let newChildren = new.elements
        func keyed(_ children: [SourceElement]) -> [(String, SourceElement)] {
            var counts: [String: Int] = [:]
            return children.map { child in
                counts[child.name, default: 0] += 1
                return ("\(child.name)|\(key(child, position: counts[child.name] ?? 1))", child)
            }
        }
        let oldKeyed = keyed(oldChildren)
        let newKeyed = keyed(newChildren)
        let oldByKey = Dictionary(oldKeyed, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(newKeyed, uniquingKeysWith: { first, _ in first })
        // Documents list children in profile order: a reordering changes them too.
        let keptOrder = oldKeyed.map(\.0).filter { newByKey[$0] != nil }
        let newOrder = newKeyed.map(\.0).filter { oldByKey[$0] != nil }
        if keptOrder != newOrder {
            func labels(_ keys: [String], _ byKey: [String: SourceElement]) -> String {
                keys.compactMap { byKey[$0].map { label($0) ?? $0.name } }.joined(separator: ", ")
            }
            changes.append(ProfileChange(
                kind: .modified, element: owner.element, id: owner.id, path: path,
                field: fieldName(path: path, ownerPath: owner.path, leaf: "order"),
                old: labels(keptOrder, oldByKey), new: labels(newOrder, newByKey)))
        }
        for (childKey, child) in oldKeyed where newByKey[childKey] == nil {
            let childPath = "\(path)/\(step(child, siblings: oldChildren))"
            // A keyed element, or a top-level part of the profile (all its measurements, the
            // appraisal), is the subject of its own removal: staleness looks for changes at
            // or under the parts a figure is computed from.
            let isOwner = label(child) != nil || path == "/client"
            changes.append(ProfileChange(
                kind: .removed, element: isOwner ? child.name : owner.element, id: isOwner ? label(child) : owner.id,
                path: isOwner ? childPath : owner.path,
                field: isOwner ? nil : fieldName(path: childPath, ownerPath: owner.path, leaf: nil),
                old: summary(child), new: nil))
        }
        for (childKey, child) in newKeyed {
            let childPath = "\(path)/\(step(child, siblings: newChildren))"
            guard let counterpart = oldByKey[childKey] else {
                let isOwner = label(child) != nil || path == "/client"
                changes.append(ProfileChange(
                    kind: .added, element: isOwner ? child.name : owner.element, id: isOwner ? label(child) : owner.id,
                    path: isOwner ? childPath : owner.path,
                    field: isOwner ? nil : fieldName(path: childPath, ownerPath: owner.path, leaf: nil),
                    old: nil, new: summary(child)))
                continue
            }
            // A keyed element, or a top-level part of the profile, owns the changes inside it.
            let childOwner: Owner =
                label(child) != nil || path == "/client" ? (child.name, label(child), childPath) : owner
            compare(counterpart, child, path: childPath, owner: childOwner, into: &changes)
        }
    }

    /// The part of `path` below the owner, e.g. `statement` or `nps/@promoters`.
    private static func fieldName(path: String, ownerPath: String, leaf: String?) -> String? {
        var relative = path.hasPrefix(ownerPath) ? String(path.dropFirst(ownerPath.count)) : path
        if relative.hasPrefix("/") { relative.removeFirst() }
        let parts = [relative, leaf ?? ""].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The element's own text nodes, whitespace collapsed: what a mixed-content element
    /// says besides its child elements.
    static func ownText(_ element: SourceElement) -> String {
        var text = ""
        for case .text(let part) in element.children { text += part }
        return text.collapsingXMLWhitespace()
    }
}
