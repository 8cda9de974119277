import Foundation
import Testing

/// The pack's guarantees under concurrency and crashes (DESIGN section 10): runs on one
/// pack at once are serialized and lose nothing; a run killed at any moment leaves the
/// pack as before or as after.
@Suite(.serialized)
struct PackRobustnessTests {
    static let kinds = ["business-case", "strategy", "change-management", "communication"]

    /// A copy of the Northgate sample whose mission (on every document's cover) says `marker`.
    static func variant(_ marker: String, in folder: URL) throws -> String {
        let sample = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml"), encoding: .utf8)
        let changed = sample.replacingOccurrences(of: "<mission>", with: "<mission>\(marker): ")
        let path = folder.appendingPathComponent("\(marker).xml").path
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try EngageProcess.executable()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The pack's history as `kind -> [revision numbers]`, read with `engage log --json`
    /// (which also completes an interrupted publication).
    static func history(_ pack: URL) async throws -> [String: [Int]] {
        let outcome = try await EngageProcess.run(["log", pack.path, "--json"], in: pack.deletingLastPathComponent())
        #expect(outcome.status == 0, "engage log failed: \(outcome.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let revisions = try #require(json["revisions"] as? [[String: Any]])
        var numbers: [String: [Int]] = [:]
        for revision in revisions {
            numbers[revision["kind"] as? String ?? "", default: []].append(revision["number"] as? Int ?? 0)
        }
        return numbers
    }

    @Test func concurrentGeneratesOnOnePackAllSucceedAndLoseNoRevision() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = scratch.url.appendingPathComponent("pack")
        let runs = 6
        let profiles = try (1...runs).map { try Self.variant("run-\($0)", in: scratch.url) }
        let processes = try profiles.map { try Self.start(["generate", $0, "--out", pack.path]) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let history = try await Self.history(pack)
        for kind in Self.kinds {
            // Every run changed every document (the mission is on each cover).
            #expect(history[kind] == Array(1...runs), "\(kind): \(history[kind] ?? [])")
        }
    }

    @Test func runKilledAtRandomMomentsLeavesThePackBeforeOrAfter() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = scratch.url.appendingPathComponent("pack")
        let first = try Self.variant("base", in: scratch.url)
        let setup = try await EngageProcess.run(["generate", first, "--out", pack.path], in: scratch.url)
        try #require(setup.status == 0, "\(setup.standardError)")

        var generator = SystemRandomNumberGenerator()
        var expected = 1
        var killedMidway = 0
        for attempt in 1...25 {
            let profile = try Self.variant("attempt-\(attempt)", in: scratch.url)
            let process = try Self.start(["generate", profile, "--out", pack.path])
            try await Task.sleep(nanoseconds: UInt64.random(in: 0...250_000_000, using: &generator))
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let history = try await Self.history(pack)
            let counts = Set(Self.kinds.map { history[$0]?.count ?? 0 })
            // All four documents move together: either the run committed or it did not.
            #expect(counts.count == 1, "attempt \(attempt): revisions diverged \(history)")
            let count = counts.first ?? 0
            #expect(count == expected || count == expected + 1, "attempt \(attempt): \(count) revisions, expected \(expected) or \(expected + 1)")
            if count == expected, wasRunning { killedMidway += 1 }
            expected = count
            // A run killed while staging leaves its staged files until the next run that
            // publishes discards them; the pack's own files are never touched by them.
            try Self.expectFilesMatchLatestRevisions(pack, stagedLeftoversAllowed: true)
        }
        // The check is only meaningful if some kills landed before the commit.
        #expect(killedMidway > 0)
        // The next run that completes finishes or discards whatever was left.
        let last = try Self.variant("last", in: scratch.url)
        let finish = try await EngageProcess.run(["generate", last, "--out", pack.path], in: scratch.url)
        #expect(finish.status == 0, "\(finish.standardError)")
        try Self.expectFilesMatchLatestRevisions(pack)
    }

    /// Every XHTML file in the pack is byte for byte the latest stored revision, and,
    /// unless `stagedLeftoversAllowed`, no staged file is left behind.
    static func expectFilesMatchLatestRevisions(_ pack: URL, stagedLeftoversAllowed: Bool = false) throws {
        for kind in kinds {
            let show = Process()
            show.executableURL = try EngageProcess.executable()
            show.arguments = ["show", pack.path, kind]
            let pipe = Pipe()
            show.standardOutput = pipe
            show.standardError = FileHandle.nullDevice
            try show.run()
            let stored = pipe.fileHandleForReading.readDataToEndOfFile()
            show.waitUntilExit()
            let onDisk = try Data(contentsOf: pack.appendingPathComponent("\(kind).xhtml"))
            #expect(stored == onDisk, "\(kind).xhtml differs from its latest revision")
        }
        let staging = pack.appendingPathComponent(".engage/staging")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        #expect(stagedLeftoversAllowed || leftovers.isEmpty, "staged files left: \(leftovers)")
    }

    @Test func storeFromANewerVersionIsRefusedAndLeftUntouched() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = scratch.url.appendingPathComponent("pack")
        let profile = try Self.variant("base", in: scratch.url)
        let setup = try await EngageProcess.run(["generate", profile, "--out", pack.path], in: scratch.url)
        try #require(setup.status == 0)
        let database = pack.appendingPathComponent(".engage/revisions.sqlite")
        // A later engage would have recorded a migration this one does not know.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')")
            db.commit()
            """, database.path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let before = try Data(contentsOf: database)

        let outcome = try await EngageProcess.run(["generate", profile, "--out", pack.path], in: scratch.url)
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("written by a newer version of engage"))
        let log = try await EngageProcess.run(["log", pack.path], in: scratch.url)
        #expect(log.status != 0)
        #expect(try Data(contentsOf: database) == before)
    }
}
