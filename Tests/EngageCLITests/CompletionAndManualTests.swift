import Foundation
import Testing

/// Shell completions complete what each argument takes, and the manual page in the
/// repository (docs/engage.1, installed by the README) documents every command, option,
/// document kind and exit status of this build.
@Suite(.serialized)
struct CompletionAndManualTests {
    static let kinds = ["business-case", "strategy", "change-management", "communication"]

    /// What bash completes for `words` (the last one being completed), in `directory`,
    /// with the script `engage --generate-completion-script bash` prints.
    static func bashCompletions(_ words: [String], in directory: URL) async throws -> [String] {
        let script = try await EngageProcess.run(["--generate-completion-script", "bash"], in: directory)
        try #require(script.status == 0)
        try script.standardOutput.write(to: directory.appendingPathComponent("engage.bash"), atomically: true, encoding: .utf8)
        let driver = """
            source ./engage.bash
            COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            _engage engage "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", driver, "bash"] + words
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
    }

    @Test("bash completes document kinds, formats, XML profiles and pack folders")
    func bashCompletesWhatEachArgumentTakes() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("pack"), withIntermediateDirectories: true)
        try scratch.write("<client/>", to: "northgate.xml")
        try scratch.write("notes", to: "notes.txt")
        #expect(try await Self.bashCompletions(["engage", "log", "pack", ""], in: scratch.url) == Self.kinds.sorted())
        #expect(try await Self.bashCompletions(["engage", "show", "pack", "str"], in: scratch.url) == ["strategy"])
        #expect(try await Self.bashCompletions(["engage", "diff", "pack", "c"], in: scratch.url) == ["change-management", "communication"])
        #expect(try await Self.bashCompletions(["engage", "generate", "a.xml", "--format", ""], in: scratch.url) == ["docx", "html", "md", "pdf", "xhtml"])
        #expect(try await Self.bashCompletions(["engage", "show", "pack", "strategy", "--format", ""], in: scratch.url) == ["docx", "html", "md", "pdf", "xhtml"])
        let profiles = try await Self.bashCompletions(["engage", "validate", ""], in: scratch.url)
        #expect(profiles.contains("northgate.xml") && !profiles.contains("notes.txt") && !profiles.contains("engage.bash"))
        let packs = try await Self.bashCompletions(["engage", "status", ""], in: scratch.url)
        #expect(packs == ["pack"], "\(packs)")
        let commands = try await Self.bashCompletions(["engage", ""], in: scratch.url)
        for command in ["validate", "generate", "status", "alerts", "regenerate", "log", "show", "diff", "templates"] {
            #expect(commands.contains(command), "\(command)")
        }
    }

    @Test("zsh and fish completions offer the document kinds too")
    func otherShells() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        for shell in ["zsh", "fish"] {
            let script = try await EngageProcess.run(["--generate-completion-script", shell], in: scratch.url)
            #expect(script.status == 0)
            for kind in Self.kinds { #expect(script.standardOutput.contains(kind), "\(shell): \(kind)") }
        }
    }

    @Test("The manual page names every command and option of this build, the document kinds, the exit statuses and the environment")
    func manualPageIsCurrent() async throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/engage.1"), encoding: .utf8)
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let dump = try await EngageProcess.run(["--experimental-dump-help"], in: scratch.url)
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            let name = command["commandName"] as? String ?? ""
            if name != "engage", name != "help", !page.contains(".It Em \(name)") { missing.append("command \(name)") }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for spelling in argument["names"] as? [[String: Any]] ?? [] where spelling["kind"] as? String == "long" {
                    let option = spelling["name"] as? String ?? ""
                    if !page.contains(" -\(option)") { missing.append("\(name) --\(option)") }
                }
            }
            for subcommand in command["subcommands"] as? [[String: Any]] ?? [] { walk(subcommand) }
        }
        walk(try #require(tool["command"] as? [String: Any]))
        #expect(missing.isEmpty, "docs/engage.1 is out of date (run docs/man/update.sh): \(missing)")
        for kind in Self.kinds { #expect(page.contains(kind), "\(kind)") }
        for section in [".Sh \"EXIT STATUS\"", ".Sh ENVIRONMENT", ".Sh EXAMPLES", "Ev ENGAGE_TEMPLATES", "Ev NO_COLOR"] {
            #expect(page.contains(section), "\(section)")
        }
        for status in ["0", "1", "2", "64"] { #expect(page.contains(".It \(status)\n"), "exit status \(status)") }
    }
}
