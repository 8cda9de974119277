/// 64-bit FNV-1a: a fast, stable hash for change detection (not for security).
///
/// The one hash of the engine: content hashes, trace hashes, template and profile
/// fingerprints, published files, and the diff's block hashes all use it.
public enum FNV1a {
    /// The FNV-1a 64-bit offset basis, the hash of no bytes.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x100_0000_01b3

    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes { hash = combine(byte, into: hash) }
        return hash
    }

    /// `hash` with one more byte.
    @inlinable @inline(__always)
    public static func combine(_ byte: UInt8, into hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    @inlinable
    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
