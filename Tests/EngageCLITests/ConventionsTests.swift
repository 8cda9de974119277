import Foundation
import Testing

/// The conventions every command follows: `-` for a profile on standard input, `--quiet`,
/// `--color auto|always|never` and NO_COLOR (no-color.org), summaries on stderr.
@Suite(.serialized)
struct ConventionsTests {
    static let sample = repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml")

    /// Runs `engage arguments` in `directory` with `input` on standard input and the
    /// environment changed by `environment` (nil values removed).
    static func run(
        _ arguments: [String], in directory: URL, input: Data = Data(), environment: [String: String?] = [:]
    ) throws -> EngageProcess.Outcome {
        let (process, capture) = try EngageProcess.prepare(try EngageProcess.executable(), arguments, in: directory)
        defer { capture.remove() }
        for (name, value) in environment { process.environment?[name] = value }
        let feed = directory.appendingPathComponent("stdin-\(UUID().uuidString)")
        try input.write(to: feed)
        process.standardInput = try FileHandle(forReadingFrom: feed)
        try process.run()
        process.waitUntilExit()
        return try capture.outcome(of: process)
    }

    /// Runs `engage arguments` on a pseudo-terminal (util-linux `script`), with NO_COLOR
    /// set to `noColor` or unset: what a person at a terminal sees, both streams together.
    static func runOnTerminal(_ arguments: [String], in directory: URL, noColor: String?) throws -> String {
        let engage = try EngageProcess.executable().path
        let command = ([engage] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = noColor
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("validate - and generate - read the profile from standard input; the pack then asks for --profile")
    func standardInput() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let profile = try Data(contentsOf: Self.sample)
        let valid = try Self.run(["validate", "-"], in: scratch.url, input: profile)
        #expect(valid.status == 0 && valid.errorLines == ["1 profile valid."], "\(valid.standardError)")
        let invalid = try Self.run(["validate", "-"], in: scratch.url, input: Data("<client/>".utf8))
        #expect(invalid.status == 1)
        #expect(invalid.standardError.hasPrefix("<stdin>:1:1: error: "), "\(invalid.standardError)")
        let twice = try Self.run(["validate", "-", "-"], in: scratch.url, input: profile)
        #expect(twice.status == 64)

        let generated = try Self.run(["generate", "-", "--out", "pack"], in: scratch.url, input: profile)
        try #require(generated.status == 0, "\(generated.standardError)")
        let fromFile = try Self.run(["generate", Self.sample.path, "--out", "file-pack"], in: scratch.url)
        try #require(fromFile.status == 0)
        for file in ["strategy.xhtml", "business-case.md"] {
            #expect(
                try Data(contentsOf: scratch.url.appendingPathComponent("pack/\(file)"))
                    == Data(contentsOf: scratch.url.appendingPathComponent("file-pack/\(file)")))
        }
        let status = try Self.run(["status", "pack"], in: scratch.url)
        #expect(status.status == 2)
        #expect(status.standardError.contains("generated from a profile on standard input"), "\(status.standardError)")
        let again = try Self.run(["status", "pack", "--profile", "-", "--exit-code"], in: scratch.url, input: profile)
        #expect(again.status == 0, "\(again.standardError)")
        let batch = try Self.run(["generate", "-", Self.sample.path, "--out-dir", "packs"], in: scratch.url, input: profile)
        #expect(batch.status == 64)
    }

    @Test("--quiet leaves standard error empty on success and keeps errors")
    func quiet() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let generated = try Self.run(["generate", Self.sample.path, "--out", "pack", "--quiet"], in: scratch.url)
        #expect(generated.status == 0 && generated.standardError.isEmpty, "\(generated.standardError)")
        let regenerated = try Self.run(["regenerate", "pack", "-q"], in: scratch.url)
        #expect(regenerated.status == 0 && regenerated.standardError.isEmpty && regenerated.standardOutput.isEmpty)
        let valid = try Self.run(["validate", Self.sample.path, "--quiet"], in: scratch.url)
        #expect(valid.status == 0 && valid.standardError.isEmpty)
        let missing = try Self.run(["validate", "missing.xml", "--quiet"], in: scratch.url)
        #expect(missing.status == 2 && missing.standardError.contains("missing.xml:1:1: error:"))
        let status = try Self.run(["status", "pack", "--quiet"], in: scratch.url)
        #expect(status.standardOutput.contains("strategy: current"), "data still goes to standard output")
    }

    @Test("--color always colours and --color never does not, whatever the terminal and NO_COLOR")
    func colorOption() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let always = try Self.run(["validate", "missing.xml", "--color", "always"], in: scratch.url)
        #expect(always.standardError.contains("\u{1B}["))
        let never = try Self.runOnTerminal(["validate", "missing.xml", "--color", "never"], in: scratch.url, noColor: nil)
        #expect(never.contains("missing.xml:1:1: error:") && !never.contains("\u{1B}["), "\(never)")
        let bad = try Self.run(["validate", "missing.xml", "--color", "sometimes"], in: scratch.url)
        #expect(bad.status == 64 && bad.standardError.contains("'sometimes'"))
    }

    @Test(
        "On a terminal, colour unless NO_COLOR is set to something: an empty NO_COLOR does not count",
        arguments: [(nil, true), ("", true), ("1", false), ("yes", false)] as [(String?, Bool)])
    func noColor(value: String?, coloured: Bool) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let output = try Self.runOnTerminal(["validate", "missing.xml"], in: scratch.url, noColor: value)
        #expect(output.contains("error:"), "\(output)")
        #expect(output.contains("\u{1B}[") == coloured, "NO_COLOR=\(value ?? "(unset)"): \(output)")
    }

    @Test("Every JSON output carries format_version 1 and writes absent values as null, never leaving a key out")
    func jsonOutputs() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        func json(_ arguments: [String]) throws -> [String: Any] {
            let outcome = try Self.run(arguments, in: scratch.url)
            let object = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any]
            let document = try #require(object, "\(arguments): \(outcome.standardOutput)\(outcome.standardError)")
            #expect(document["format_version"] as? Int == 1, "\(arguments)")
            return document
        }
        #expect(try Self.run(["templates", "export", "firm"], in: scratch.url).status == 0)
        #expect(try Self.run(["generate", Self.sample.path, "--out", "pack", "--templates", "firm"], in: scratch.url).status == 0)
        // A template change: its cause reads no profile path and has no values.
        let template = scratch.url.appendingPathComponent("firm/strategy.xhtml")
        let text = try String(contentsOf: template, encoding: .utf8)
        try text.replacingOccurrences(of: "</html>", with: "<!-- firm -->\n</html>").write(to: template, atomically: true, encoding: .utf8)
        let status = try json(["status", "pack", "--json"])
        let documents = try #require(status["documents"] as? [[String: Any]])
        let strategy = try #require(documents.first { $0["kind"] as? String == "strategy" })
        let cause = try #require((strategy["stale_sections"] as? [[String: Any]])?.first?["causes"] as? [[String: Any]])?.first
        let templateCause = try #require(cause)
        #expect(templateCause["type"] as? String == "template-change")
        #expect(templateCause.keys.contains("read") && templateCause["read"] is NSNull, "\(templateCause)")
        #expect(templateCause["old_value"] is String && templateCause["new_value"] is String, "the template hashes")
        _ = try json(["alerts", "pack", "--json", "--today", "2026-12-20"])
        let log = try json(["log", "pack", "--json"])
        #expect(log.keys.contains("client_id") && log.keys.contains("profile_path"))
        _ = try json(["diff", "pack", "strategy", "--format", "json"])
        let validate = try json(["validate", "--json", "missing.xml", Self.sample.path])
        let files = try #require(validate["files"] as? [[String: Any]])
        #expect(files.allSatisfy { $0.keys.contains("client_id") })
        let diagnostics = files.flatMap { $0["diagnostics"] as? [[String: Any]] ?? [] }
        #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { $0.keys.contains("fix") })
    }
}
