import Foundation
import Testing

/// Runs the `engage` executable that `swift test` built next to the test bundle.
enum EngageProcess {
    /// What one run printed and how it ended.
    struct Outcome: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// Standard error split into lines, without the final empty one.
        var errorLines: [String] {
            var lines = standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if standardError.hasSuffix("\n") { lines.removeLast() }
            return lines
        }
    }

    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "The engage executable was not found next to the tests in \(searched.joined(separator: ", ")). "
                + "Run the tests with `swift test`, which builds it because EngageCLITests depends on it."
        }
    }

    /// The built `engage`: in the products folder that holds the test runner
    /// (`.build/debug/` or the scratch path's `debug/`).
    static func executable() throws -> URL {
        var folders: [URL] = []
        // Linux: the test runner is an executable in the products folder, and the main
        // bundle is that folder.
        folders.append(Bundle.main.bundleURL)
        if let runner = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: runner).deletingLastPathComponent())
        }
        // macOS: the .xctest bundle sits in the products folder.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("engage")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw NotFound(searched: folders.map(\.path))
    }

    /// Runs `engage arguments` in `directory` with NO_COLOR=1 and waits for it to end.
    static func run(_ arguments: [String], in directory: URL) async throws -> Outcome {
        let (process, capture) = try prepare(try executable(), arguments, in: directory)
        defer { capture.remove() }
        var launchError: (any Error)?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                launchError = error
                continuation.resume()
            }
        }
        if let launchError { throw launchError }
        return try capture.outcome(of: process)
    }

    /// A process for `executable arguments` in `directory`, with NO_COLOR=1, no standard
    /// input, and its output captured in files rather than pipes, so that nothing can
    /// block on a full pipe buffer.
    static func prepare(
        _ executable: URL, _ arguments: [String], in directory: URL?
    ) throws -> (Process, OutputCapture) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let capture = try OutputCapture()
        process.standardOutput = capture.output
        process.standardError = capture.error
        process.standardInput = FileHandle.nullDevice
        return (process, capture)
    }
}

/// Standard output and error of one process, written to files in a folder of their own.
struct OutputCapture {
    let folder: URL
    let output: FileHandle
    let error: FileHandle

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("engage-output-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("stdout"))
        try Data().write(to: folder.appendingPathComponent("stderr"))
        output = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
        error = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
    }

    /// The outcome of `process`, which has ended.
    func outcome(of process: Process) throws -> EngageProcess.Outcome {
        try? output.close()
        try? error.close()
        return EngageProcess.Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: folder.appendingPathComponent("stdout")), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: folder.appendingPathComponent("stderr")), as: UTF8.self))
    }

    func remove() {
        try? output.close()
        try? error.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A temporary working folder, outside the repository, removed by ``remove()``.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("engage-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The repository root: this file is Tests/EngageCLITests/EngageProcess.swift.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The smallest valid profile, shared with the core tests.
let minimalProfile: String = {
    let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/minimal-profile.xml")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { preconditionFailure("\(url.path) cannot be read.") }
    return text
}()
