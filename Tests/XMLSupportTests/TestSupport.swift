import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import XMLSupport

/// Helpers shared by the XMLSupport tests: parsing from a string, capturing a failure,
/// timing a call and managing a temporary folder.
enum TestXML {
    /// Parses `text` as UTF-8.
    static func parse(
        _ text: String,
        fileName: String = "test.xml",
        limits: XMLLimits = .standard,
        whitespace: XMLWhitespaceHandling = .preserve
    ) throws(XMLParseFailure) -> XMLDocument {
        try XMLDocument.parse(bytes: Array(text.utf8), fileName: fileName, limits: limits, whitespace: whitespace)
    }

    /// The failure from parsing `bytes`, or nil when they parse (an issue is recorded then).
    static func failure(
        parsing bytes: [UInt8],
        fileName: String = "test.xml",
        limits: XMLLimits = .standard,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> XMLParseFailure? {
        do {
            let document = try XMLDocument.parse(bytes: bytes, fileName: fileName, limits: limits)
            Issue.record(
                "Expected a parse failure, but the document parsed with root <\(document.root.name)>.",
                sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// The failure from parsing `text` as UTF-8.
    static func failure(
        parsing text: String,
        fileName: String = "test.xml",
        limits: XMLLimits = .standard,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> XMLParseFailure? {
        failure(parsing: Array(text.utf8), fileName: fileName, limits: limits, sourceLocation: sourceLocation)
    }

    /// Runs `body`, returning its result and how long it took on the continuous clock.
    static func timed<T>(_ body: () throws -> T) rethrows -> (result: T, elapsed: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, clock.now - start)
    }

    /// A UTF-16 little-endian encoding of `text`, with a byte order mark.
    static func utf16LittleEndian(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        return bytes
    }

    /// The text of every diagnostic, formatted, joined by newlines; for "contains" checks.
    static func allText(_ failure: XMLParseFailure) -> String {
        failure.diagnostics.map { "\($0.formatted) \($0.fix ?? "")" }.joined(separator: "\n")
    }
}

/// A folder under the system temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("XMLSupportTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `data` to `name` inside the folder and returns its path.
    func write(_ data: Data, to name: String) throws -> String {
        let fileURL = url.appendingPathComponent(name)
        try data.write(to: fileURL)
        return fileURL.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A lock-protected list that concurrently running closures append to.
final class LockedList<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        defer { lock.unlock() }
        storage.append(element)
    }

    var elements: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

#if canImport(Glibc)
/// A TCP socket listening on 127.0.0.1 that records whether anyone connected to it, to prove
/// that code under test does or does not reach the network. Linux only.
final class LoopbackListener: @unchecked Sendable {
    let port: UInt16
    private let descriptor: Int32
    private let lock = NSLock()
    private var connections = 0
    private let finished = DispatchSemaphore(value: 0)

    struct SetUpFailed: Error {}

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SetUpFailed() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound, listen(descriptor, 4) == 0 else {
            close(descriptor)
            throw SetUpFailed()
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in
            // Accept until `stop()` shuts the socket down; close each client at once so the
            // caller's request fails fast instead of waiting for a reply.
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { break }
                lock.lock()
                connections += 1
                lock.unlock()
                close(client)
            }
            finished.signal()
        }.start()
    }

    /// Connections accepted so far.
    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    /// Stops listening and returns how many connections arrived.
    func stop() -> Int {
        shutdown(descriptor, Int32(SHUT_RDWR))
        finished.wait()
        close(descriptor)
        lock.lock()
        defer { lock.unlock() }
        return connections
    }
}
#endif
