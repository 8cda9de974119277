import EngageCLI
import Foundation
import Testing

/// A valid profile with every required part and nothing else (lines: 13 `<stakeholders>`,
/// 14 `<stakeholder>`, 20 `<expectation>`, 32 the consideration touchpoint).
private let validProfile = minimalProfile
/// The minimal profile with every part whose absence `validate` warns about (an appraisal,
/// review dates, change impacts, RACI, goals): valid without a warning.
private let completeProfile: String = {
    let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/complete-profile.xml")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { preconditionFailure("\(url.path) cannot be read.") }
    return text
}()

/// `validProfile` with each `(old, new)` replaced; every `old` must occur exactly once.
private func profile(replacing edits: [(String, String)], in original: String = validProfile) throws -> String {
    var text = original
    for (old, new) in edits {
        try #require(text.components(separatedBy: old).count == 2, "'\(old)' must occur once in the profile")
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}

/// Influence out of range on line 14 and an unknown touchpoint owner on line 32.
private func brokenProfile() throws -> String {
    try profile(replacing: [
        ("influence=\"5\"", "influence=\"7\""),
        ("owner=\"sh-ceo\" emotional=\"0\" objective=\"60\"", "owner=\"sh-cfo\" emotional=\"0\" objective=\"60\""),
    ])
}

private func brokenProfileLines(_ file: String) -> [String] {
    [
        "\(file):14:5: error: Element <stakeholder>, attribute 'influence': the value '7' is greater than the maximum value allowed ('5'). Use a value inside the allowed range.",
        "\(file):32:7: error: <touchpoint> 'tp-demo' refers in 'owner' to stakeholder 'sh-cfo', which is not defined. Use the id of a <stakeholder> in <stakeholders>: did you mean 'sh-ceo'?",
    ]
}

/// No sponsor (a warning on line 13) and a bad direction on line 20.
private func secondBrokenProfile() throws -> String {
    try profile(replacing: [
        (" sponsor=\"true\"", ""),
        ("direction=\"higher-is-better\"", "direction=\"up\""),
    ])
}

private func secondBrokenProfileLines(_ file: String) -> [String] {
    [
        "\(file):13:3: warning: No stakeholder is marked as sponsor. Mark the executive who owns the engagement with sponsor=\"true\"; buy-in plans are built around the sponsor.",
        "\(file):20:5: error: Element <expectation>, attribute 'direction': the value 'up' is not an element of the set {'higher-is-better', 'lower-is-better'}. Use one of the listed values.",
    ]
}

private func samplePath(_ name: String) throws -> String {
    let root = repositoryRoot
    return root.appendingPathComponent("Samples").appendingPathComponent(name).path
}

/// Parses standard output as exactly one JSON object.
private func jsonObject(_ outcome: EngageProcess.Outcome) throws -> [String: Any] {
    let data = Data(outcome.standardOutput.utf8)
    let object = try JSONSerialization.jsonObject(with: data)
    return try #require(object as? [String: Any], "stdout is not one JSON object:\n\(outcome.standardOutput)")
}

/// Every key of every object in `value`, recursively.
private func allKeys(_ value: Any) -> Set<String> {
    if let object = value as? [String: Any] {
        return object.reduce(into: Set(object.keys)) { $0.formUnion(allKeys($1.value)) }
    }
    if let array = value as? [Any] {
        return array.reduce(into: Set<String>()) { $0.formUnion(allKeys($1)) }
    }
    return []
}

@Suite("engage validate, end to end", .timeLimit(.minutes(1)))
struct ValidateCommandTests {
    @Test("The engage executable is found next to the tests")
    func executableIsFound() throws {
        let url = try EngageProcess.executable()
        #expect(url.lastPathComponent == "engage")
    }

    @Test("A valid sample exits 0 with no diagnostics", arguments: ["northgate-hospitals.xml", "vale-growers-cooperative.xml"])
    func validSampleExitsZero(sample: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(["validate", try samplePath(sample)], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
        #expect(!outcome.standardError.contains("error:"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("warning:"), "\(outcome.standardError)")
        #expect(outcome.errorLines == ["1 profile valid."])
    }

    @Test("A firm file is checked against its own schema, beside profiles, and reported as a firm in JSON")
    func firmFileIsValidated() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let firm = try samplePath("halden-partners/firm.xml")
        let valid = try await EngageProcess.run(["validate", firm, try samplePath("northgate-hospitals.xml")], in: folder.url)
        #expect(valid.status == 0, "\(valid.standardError)")
        #expect(valid.standardError.contains("2 files valid."), "\(valid.standardError)")
        let json = try await EngageProcess.run(["validate", firm, "--json"], in: folder.url)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect(file["kind"] as? String == "firm")
        #expect(file["firm_id"] as? String == "halden-partners")
        #expect(file["client_id"] is NSNull)
        // A copy without its logo beside it: the file is named with its line and column.
        try folder.write(try String(contentsOfFile: firm, encoding: .utf8), to: "firm.xml")
        let broken = try await EngageProcess.run(["validate", "firm.xml"], in: folder.url)
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("firm.xml:11:5: error: 'logo.svg' does not exist beside the firm file"), "\(broken.standardError)")
        #expect(broken.standardError.contains("1 of 1 file invalid."), "\(broken.standardError)")
    }

    @Test("A relative path is read from the working directory, which need not be the repository")
    func relativePathFromAnotherWorkingDirectory() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("clients"), withIntermediateDirectories: true)
        try folder.write(completeProfile, to: "clients/acme.xml")
        try folder.write(try brokenProfile(), to: "clients/broken.xml")

        let valid = try await EngageProcess.run(["validate", "clients/acme.xml"], in: folder.url)
        #expect(valid.status == 0, "\(valid.standardError)")
        #expect(valid.errorLines == ["1 profile valid."])

        let broken = try await EngageProcess.run(["validate", "clients/broken.xml"], in: folder.url)
        #expect(broken.status == 1)
        #expect(Array(broken.errorLines.prefix(2)) == brokenProfileLines("clients/broken.xml"))
    }

    @Test("A broken file exits 1 with FILE:LINE:COL: error: MESSAGE lines on stderr")
    func brokenFileReportsEachProblemOnALine() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(try brokenProfile(), to: "broken.xml")
        let outcome = try await EngageProcess.run(["validate", "broken.xml"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.errorLines == brokenProfileLines("broken.xml") + ["1 of 1 profile invalid."])
        #expect(!outcome.standardError.contains("\u{1B}["), "NO_COLOR is set: no escape sequences")
    }

    @Test("Several files at once: every problem of every file, in the order given, and exit 1")
    func severalFilesReportEverything() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(try brokenProfile(), to: "broken.xml")
        try folder.write(try secondBrokenProfile(), to: "broken-b.xml")
        let outcome = try await EngageProcess.run(
            ["validate", "broken.xml", try samplePath("northgate-hospitals.xml"), "broken-b.xml"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(
            outcome.errorLines
                == brokenProfileLines("broken.xml") + secondBrokenProfileLines("broken-b.xml") + ["2 of 3 profiles invalid."])
    }

    @Test("A file with warnings only is valid and exits 0")
    func warningsAloneExitZero() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(try profile(replacing: [(" sponsor=\"true\"", "")], in: completeProfile), to: "nosponsor.xml")
        let outcome = try await EngageProcess.run(["validate", "nosponsor.xml"], in: folder.url)
        #expect(outcome.status == 0)
        #expect(outcome.errorLines.first == secondBrokenProfileLines("nosponsor.xml").first)
        #expect(outcome.errorLines.count == 2)
    }

    // Issue 12: what a document must not tell its client readers ("add an appraisal to the
    // client profile, then regenerate") validate tells the consultant, as warnings.
    @Test("A valid profile that lacks parts the documents need gets one warning per part, and stays valid")
    func completenessWarnings() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(validProfile, to: "minimal.xml")
        try folder.write(completeProfile, to: "complete.xml")
        let minimal = try await EngageProcess.run(["validate", "minimal.xml"], in: folder.url)
        #expect(minimal.status == 0)
        #expect(minimal.errorLines.map { $0.prefix(while: { $0 != ":" }) + ($0.contains(": warning: ") ? " warning" : "") } == Array(repeating: "minimal.xml warning", count: 5) + ["1 profile valid."])
        for part in ["change impacts", "goals", "kick-off or review dates", "responsibilities (RACI)", "appraisal of options"] {
            #expect(minimal.errorLines.contains { $0.hasPrefix("minimal.xml:2:1: warning: ") && $0.contains(part) }, "\(part)")
        }
        #expect(!minimal.standardError.contains("regenerate"))
        let complete = try await EngageProcess.run(["validate", "complete.xml"], in: folder.url)
        #expect(complete.status == 0)
        #expect(complete.errorLines == ["1 profile valid."])
    }

    @Test("--json prints one JSON document with snake_case keys on stdout")
    func jsonReport() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(completeProfile, to: "good.xml")
        try folder.write(try brokenProfile(), to: "broken.xml")
        let outcome = try await EngageProcess.run(["validate", "--json", "good.xml", "broken.xml"], in: folder.url)
        #expect(outcome.status == 1)
        let report = try jsonObject(outcome)
        #expect(Set(report.keys) == ["format_version", "valid", "files"])
        #expect(report["format_version"] as? Int == 1)
        #expect(report["valid"] as? Bool == false)
        let files = try #require(report["files"] as? [[String: Any]])
        try #require(files.count == 2)

        let good = files[0]
        #expect(good["file"] as? String == "good.xml")
        #expect(good["valid"] as? Bool == true)
        #expect(good["client_id"] as? String == "acme")
        #expect(good["errors"] as? Int == 0)
        #expect(good["warnings"] as? Int == 0)
        #expect((good["diagnostics"] as? [Any])?.isEmpty == true)

        let broken = files[1]
        #expect(broken["file"] as? String == "broken.xml")
        #expect(broken["valid"] as? Bool == false)
        #expect(broken["errors"] as? Int == 2)
        let diagnostics = try #require(broken["diagnostics"] as? [[String: Any]])
        try #require(diagnostics.count == 2)
        let first = diagnostics[0]
        #expect(Set(first.keys) == ["severity", "file", "line", "column", "summary", "fix"])
        #expect(first["file"] as? String == "broken.xml")
        #expect(first["line"] as? Int == 14)
        #expect(first["column"] as? Int == 5)
        #expect(first["severity"] as? String == "error")
        #expect(
            first["summary"] as? String
                == "Element <stakeholder>, attribute 'influence': the value '7' is greater than the maximum value allowed ('5').")
        #expect(first["fix"] as? String == "Use a value inside the allowed range.")
        #expect(diagnostics[1]["line"] as? Int == 32)
        #expect(diagnostics[1]["column"] as? Int == 7)
        #expect((diagnostics[1]["fix"] as? String)?.hasSuffix("did you mean 'sh-ceo'?") == true)

        let keys = allKeys(report)
        #expect(keys.allSatisfy { $0 == $0.lowercased() }, "keys not in snake_case: \(keys.sorted())")
        #expect(keys.isSuperset(of: ["valid", "files", "file", "client_id", "diagnostics", "line", "column", "severity", "summary", "fix"]))
    }

    @Test("--json on valid files reports valid and exits 0")
    func jsonReportOfValidFiles() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(
            ["validate", "--json", try samplePath("northgate-hospitals.xml"), try samplePath("meridian-aerostructures.xml")],
            in: folder.url)
        #expect(outcome.status == 0)
        let report = try jsonObject(outcome)
        #expect(report["valid"] as? Bool == true)
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.compactMap { $0["client_id"] as? String } == ["northgate-hospitals", "meridian-aerostructures"])
    }

    @Test(
        "--json gives client_id null for an invalid file, as the README shows",
        )
    func jsonClientIDIsNullForInvalidFiles() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(try brokenProfile(), to: "broken.xml")
        let outcome = try await EngageProcess.run(["validate", "--json", "broken.xml"], in: folder.url)
        let report = try jsonObject(outcome)
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect(file.keys.contains("client_id"), "keys: \(file.keys.sorted())")
        #expect(file["client_id"] is NSNull)
    }

    @Test(
        "A file that cannot be read gives one clear error and exit 2; an empty one is invalid, exit 1",
        arguments: [
            ("missing.xml", "missing.xml:1:1: error: The file does not exist. Check the path and the working directory.", 2, "1 of 2 profiles cannot be read."),
            ("folder", "folder:1:1: error: This is a folder, not a file. Name an XML file.", 2, "1 of 2 profiles cannot be read."),
            ("empty.xml", "empty.xml:1:1: error: The file is empty. Write an XML document into it, starting with its root element.", 1, "1 of 2 profiles invalid."),
        ])
    func unreadableFileIsReported(name: String, line: String, status: Int32, summary: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("folder"), withIntermediateDirectories: true)
        try folder.write("", to: "empty.xml")
        try folder.write(completeProfile, to: "good.xml")
        let outcome = try await EngageProcess.run(["validate", name, "good.xml"], in: folder.url)
        #expect(outcome.status == status)
        #expect(outcome.errorLines == [line, summary])
    }

    @Test(
        "A DOCTYPE is refused and no file it names is read",
        arguments: [
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE client [
              <!ENTITY xxe SYSTEM "file:///etc/passwd">
            ]>
            <client id="acme" schema-version="1"><identity><name>&xxe;</name><currency>EUR</currency></identity></client>
            """,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE client SYSTEM "file:///etc/passwd">
            <client id="acme" schema-version="1"/>
            """,
            """
            <?xml version="1.0"?>
            <!DOCTYPE client [
              <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
            ]>
            <client id="acme" schema-version="1"><identity><name>&e;&e;&e;&e;</name></identity></client>
            """,
        ])
    func hostileFileIsRefused(text: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(text, to: "hostile.xml")
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8))?
            .split(separator: "\n").first.map(String.init) ?? "root:x:0:0"

        let outcome = try await EngageProcess.run(["validate", "hostile.xml"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(
            outcome.errorLines == [
                "hostile.xml:2:1: error: DOCTYPE declarations are not allowed: they can define entities that read other files or expand without limit. Remove the <!DOCTYPE ...> declaration; the document needs no DTD.",
                "1 of 1 profile invalid.",
            ])
        #expect(!outcome.standardError.contains(passwd))
        #expect(!outcome.standardOutput.contains(passwd))

        let json = try await EngageProcess.run(["validate", "--json", "hostile.xml"], in: folder.url)
        #expect(json.status == 1)
        #expect(!json.standardOutput.contains(passwd))
        #expect(json.standardOutput.contains("DOCTYPE declarations are not allowed"))
    }

    @Test("--version prints the version")
    func versionIsPrinted() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(["--version"], in: folder.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "\(EngageCommand.version)\n")
        #expect(EngageCommand.version.split(separator: ".").count == 3)
    }

    @Test("engage --help mentions the subcommand and every option")
    func topLevelHelp() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(["--help"], in: folder.url)
        #expect(outcome.status == 0)
        for mention in ["USAGE: engage <subcommand>", "validate", "--version", "-h, --help"] {
            #expect(outcome.standardOutput.contains(mention), "help lacks \(mention):\n\(outcome.standardOutput)")
        }
    }

    @Test("engage validate --help mentions the argument and every option", arguments: [["validate", "--help"], ["help", "validate"]])
    func validateHelp(arguments: [String]) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(arguments, in: folder.url)
        #expect(outcome.status == 0)
        for mention in ["USAGE: engage validate <profile> ... [--json]", "<profile>", "--json", "-h, --help", "FILE:LINE:COL"] {
            #expect(outcome.standardOutput.contains(mention), "help lacks \(mention):\n\(outcome.standardOutput)")
        }
    }

    @Test(
        "Bad usage exits 64 with a message that names the problem",
        arguments: [
            (["validate"], "Missing expected argument '<profile> ...'"),
            (["validate", "--jsn", "a.xml"], "Unknown option '--jsn'"),
            (["frobnicate"], "Unexpected argument 'frobnicate'"),
        ])
    func badUsageIsRefused(arguments: [String], message: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try await EngageProcess.run(arguments, in: folder.url)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
    }
}
