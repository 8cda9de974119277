/// A 64-bit FNV-1a hash (``FNV1a``) over the content of blocks and sections.
///
/// Swift's `Hasher` is seeded per process, which is fine for equality but would make any
/// order that depends on a hash differ between runs; this one is stable, so comparison
/// results never depend on the process. Equal hashes are only a fast path: blocks are still
/// compared field by field before they are treated as equal.
struct ContentHash: Hashable, Sendable {
    private(set) var value: UInt64 = FNV1a.offsetBasis

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            var value = self.value
            for byte in bytes { value = FNV1a.combine(byte, into: value) }
            self.value = value
        }
        // A terminator keeps ("ab", "c") and ("a", "bc") apart.
        combine(byte: 0xFF)
    }

    mutating func combine(_ other: ContentHash) {
        var bits = other.value
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func combine(byte: UInt8) {
        value = FNV1a.combine(byte, into: value)
    }
}
