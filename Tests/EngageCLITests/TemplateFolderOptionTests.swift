import Foundation
import Testing

/// The template folder a user names, by `--templates` or `ENGAGE_TEMPLATES`, is used or
/// refused with its name and path: never silently replaced by the shipped templates
/// (reliability review, defect 4).
@Suite(.serialized)
struct TemplateFolderOptionTests {
    static let sample = repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml").path

    /// Runs `engage arguments` in `directory` with `ENGAGE_TEMPLATES` set to `templates`,
    /// or removed when nil. (``EngageProcess/run(_:in:)`` passes the environment through.)
    static func run(_ arguments: [String], in directory: URL, templates: String?) throws -> EngageProcess.Outcome {
        let process = Process()
        process.executableURL = try EngageProcess.executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["ENGAGE_TEMPLATES"] = templates
        process.environment = environment
        // Files, not pipes: nothing can block on a full pipe buffer.
        let output = directory.appendingPathComponent("stdout.txt")
        let error = directory.appendingPathComponent("stderr.txt")
        try Data().write(to: output)
        try Data().write(to: error)
        let outputHandle = try FileHandle(forWritingTo: output)
        let errorHandle = try FileHandle(forWritingTo: error)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return EngageProcess.Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: output), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: error), as: UTF8.self))
    }

    /// A scratch folder holding `a-file.txt` and a copy of the shipped templates in `copy/`.
    static func scratch() throws -> ScratchFolder {
        let scratch = try ScratchFolder()
        try scratch.write("not a folder", to: "a-file.txt")
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Templates"), to: scratch.url.appendingPathComponent("copy"))
        return scratch
    }

    @Test(
        "ENGAGE_TEMPLATES naming something that is not a folder is an error naming the variable and the path",
        arguments: [("no-such-folder", "does not exist"), ("a-file.txt", "is not a folder")])
    func environmentFolderThatIsNotAFolderIsRefused(name: String, problem: String) throws {
        let scratch = try Self.scratch()
        defer { scratch.remove() }
        let path = scratch.url.appendingPathComponent(name).path
        let outcome = try Self.run(["generate", Self.sample, "--out", "pack"], in: scratch.url, templates: path)
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.contains("The template folder '\(path)' named by ENGAGE_TEMPLATES \(problem)."),
            "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack").path))
    }

    @Test(
        "--templates naming something that is not a folder is an error naming the option and the path",
        arguments: [("no-such-folder", "does not exist"), ("a-file.txt", "is not a folder")])
    func optionFolderThatIsNotAFolderIsRefused(name: String, problem: String) throws {
        let scratch = try Self.scratch()
        defer { scratch.remove() }
        let outcome = try Self.run(
            ["generate", Self.sample, "--out", "pack", "--templates", name], in: scratch.url, templates: nil)
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.contains("The template folder '\(name)' given to --templates \(problem)."),
            "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack").path))
    }

    @Test("--templates is used, and ENGAGE_TEMPLATES not even looked at, when both are given")
    func optionWinsOverEnvironment() throws {
        let scratch = try Self.scratch()
        defer { scratch.remove() }
        let missing = scratch.url.appendingPathComponent("no-such-folder").path
        let outcome = try Self.run(
            ["generate", Self.sample, "--out", "pack", "--templates", "copy", "--format", "xhtml"], in: scratch.url,
            templates: missing)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack/strategy.xhtml").path))
    }

    @Test("ENGAGE_TEMPLATES naming a folder without the document templates reports the missing template, not the shipped ones")
    func environmentFolderWithoutTemplatesIsNotReplaced() throws {
        let scratch = try Self.scratch()
        defer { scratch.remove() }
        let empty = scratch.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let outcome = try Self.run(["generate", Self.sample, "--out", "pack"], in: scratch.url, templates: empty.path)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("is missing from the template folder"), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("pack").path))
    }
}
