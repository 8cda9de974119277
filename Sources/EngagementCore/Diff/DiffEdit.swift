/// One edit of a document comparison, in the shape `engage diff --format json` writes:
/// `{"op": ..., "section_id": ..., "path": ..., "old": ..., "new": ...}`, every key always
/// present, null where it does not apply.
///
/// | op | path | old | new |
/// | --- | --- | --- | --- |
/// | `insert-section` | null | null | the section's text, one block a line |
/// | `delete-section` | null | the section's text | null |
/// | `rename` | null | the old id | the new id |
/// | `move` | null | path of the section it followed (null: first) | path of the one it follows now |
/// | `insert` | new path of the block or cell | null | its text |
/// | `delete` | old path of the block or cell | its text | null |
/// | `replace` | new path | the old text | the new text |
/// | `change-attribute` | element path + `/@name` | old value (null: added) | new value (null: removed) |
///
/// `section_id` is the section's id (the new one after a rename), null for content
/// outside sections. A section path is the enclosing ids and the section's own joined by
/// "/" (`actions/actions-discovery`). A row's text is its cells joined by " | ".
public struct DiffEdit: Sendable, Hashable, Codable {
    /// The kind of an edit; raw values are the JSON `op` strings.
    public enum Operation: String, Sendable, Hashable, Codable {
        case insert
        case delete
        case replace
        case move
        case rename
        case changeAttribute = "change-attribute"
        case insertSection = "insert-section"
        case deleteSection = "delete-section"
    }

    /// The JSON `op`.
    public var operation: Operation
    /// The JSON `section_id`: the section's id, null outside sections.
    @NullWhenAbsent public var sectionID: String?
    /// The element path within the section, null for edits of whole sections.
    @NullWhenAbsent public var path: String?
    /// The value before, as the table above describes.
    @NullWhenAbsent public var old: String?
    /// The value after, as the table above describes.
    @NullWhenAbsent public var new: String?

    /// Creates an edit; omitted values are null.
    public init(operation: Operation, sectionID: String?, path: String? = nil, old: String? = nil, new: String? = nil) {
        self.operation = operation
        self.sectionID = sectionID
        self.path = path
        self.old = old
        self.new = new
    }

    // Written out in snake case already, so an encoder's `.convertToSnakeCase` leaves
    // them as they are.
    private enum CodingKeys: String, CodingKey {
        case operation = "op"
        case sectionID = "section_id"
        case path
        case old
        case new
    }
}
