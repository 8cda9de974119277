import Foundation

/// Standard input, read once: a profile given as `-`.
enum StandardInput {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var read: [UInt8]?

    /// Every byte of standard input, up to `limit` + 1 (so that a larger input is refused
    /// as too large, not cut), read on first use and the same on every later call.
    static func bytes(limit: Int) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let read { return read }
        let data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
        let bytes = [UInt8](data)
        read = bytes
        return bytes
    }
}
