/// What every JSON document `engage` prints shares: a `format_version` key, and every
/// documented key on every object, `null` when it has no value.
public enum JSONOutput {
    /// The version of the JSON formats (`validate --json`, `status --json`, `alerts --json`,
    /// `log --json`, `diff --format json`), raised when a key is removed or changes
    /// meaning; adding a key keeps it.
    public static let formatVersion = 1
}

/// `value`'s JSON object with `format_version` added to it.
public struct VersionedJSON<Value: Encodable>: Encodable {
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    private enum Key: String, CodingKey {
        case formatVersion
    }

    public func encode(to encoder: any Encoder) throws {
        // Both write into the one top-level object.
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(JSONOutput.formatVersion, forKey: .formatVersion)
    }
}
