/// What every JSON document `engage` prints shares: a `format_version` key, and every
/// documented key on every object, `null` when it has no value.
public enum JSONOutput {
    /// The version of the JSON formats (`validate --json`, `status --json`, `alerts --json`,
    /// `log --json`, `diff --format json`), raised when a key is removed or changes
    /// meaning; adding a key keeps it.
    public static let formatVersion = 1
}

/// An optional that JSON output writes as `null` when it has no value, instead of leaving
/// its key out as Swift's synthesized coding does: a script reads the same keys on every
/// object.
@propertyWrapper
public struct NullWhenAbsent<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key reads as no value, as `null` does.
    public func decode<Value>(_ type: NullWhenAbsent<Value>.Type, forKey key: Key) throws -> NullWhenAbsent<Value> {
        NullWhenAbsent(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
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
