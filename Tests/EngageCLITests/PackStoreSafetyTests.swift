import Foundation
import Testing

/// A pack's history is never lost silently: a missing, empty or damaged store is refused
/// by every command until the user restores it or asks for a new history, and a
/// revision whose stored bytes were altered is never shown.
@Suite(.serialized)
struct PackStoreSafetyTests {
    /// Every command that opens a pack, as run on the pack `pack` from its parent folder.
    static func everyCommand(_ pack: String, profile: String) -> [[String]] {
        StorePack.readCommands(pack) + [["regenerate", pack, "--profile", profile], ["generate", profile, "--out", pack]]
    }

    static let sample = repositoryRoot.appendingPathComponent("Samples/northgate-hospitals-revised.xml").path

    /// Runs every command on the pack and expects each to fail with `message` on stderr.
    static func expectEveryCommandRefuses(_ pack: URL, saying message: String) async throws {
        for command in everyCommand(pack.lastPathComponent, profile: sample) {
            let outcome = try await EngageProcess.run(command, in: pack.deletingLastPathComponent())
            #expect(outcome.status != 0, "\(command[0]) accepted the pack: \(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(command[0]): \(outcome.standardError)")
        }
    }

    static func storeFolder(_ pack: URL) -> URL { pack.appendingPathComponent(".engage") }

    @Test func aZeroByteStoreIsRefusedByEveryCommandUntilANewHistoryIsAskedFor() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url)
        try Data().write(to: Self.storeFolder(pack).appendingPathComponent("revisions.sqlite"))

        try await Self.expectEveryCommandRefuses(pack, saying: "is empty (0 bytes)")
        let log = try await EngageProcess.run(["log", "pack"], in: scratch.url)
        #expect(!log.standardOutput.contains("No revisions yet"))

        let restart = try await EngageProcess.run(["generate", Self.sample, "--out", "pack", "--force-new-history"], in: scratch.url)
        #expect(restart.status == 0, "\(restart.standardError)")
        #expect(restart.standardError.contains("started a new history"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: Self.storeFolder(pack).path)
        #expect(kept.contains { $0.hasPrefix("revisions.sqlite.damaged-") }, "\(kept)")
    }

    @Test func aDeletedStoreWithDocumentsLeftIsRefusedByEveryCommand() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url, revisions: 1)
        try FileManager.default.removeItem(at: Self.storeFolder(pack))

        try await Self.expectEveryCommandRefuses(pack, saying: "but no revision store")
        let restart = try await EngageProcess.run(["generate", Self.sample, "--out", "pack", "--force-new-history"], in: scratch.url)
        #expect(restart.status == 0, "\(restart.standardError)")
        let log = try await EngageProcess.run(["log", "pack", "strategy"], in: scratch.url)
        #expect(log.status == 0 && log.standardOutput.contains("strategy@1"))
    }

    @Test func aFolderInTheStoresPlaceIsRefusedAsDamagedAndCanBeMovedAside() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url, revisions: 1)
        let store = Self.storeFolder(pack).appendingPathComponent("revisions.sqlite")
        try FileManager.default.removeItem(at: store)
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: false)
        for command in [["log", "pack"], ["generate", Self.sample, "--out", "pack"]] {
            let outcome = try await EngageProcess.run(command, in: scratch.url)
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("is damaged: it is a folder"), "\(outcome.standardError)")
        }
        let restart = try await EngageProcess.run(["generate", Self.sample, "--out", "pack", "--force-new-history"], in: scratch.url)
        #expect(restart.status == 0, "\(restart.standardError)")
    }

    @Test func aBrandNewFolderStillGeneratesWithoutAWarning() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outcome = try await EngageProcess.run(["generate", Self.sample, "--out", "fresh/pack"], in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("warning"))
    }

    @Test(.enabled(if: StoreTestSystem.hasSQLite, "needs the sqlite3 shell"))
    func aStoreWithRevisionsButNoPackRecordIsRefusedByEveryCommand() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url, revisions: 1)
        try StoreTestSystem.sql("DELETE FROM pack", pack: pack)
        try await Self.expectEveryCommandRefuses(pack, saying: "is damaged")
    }

    @Test(.enabled(if: StoreTestSystem.hasSQLite, "needs the sqlite3 shell"))
    func aStoreThatFailsQuickCheckIsRefusedByWritersAndCanBeMovedAside() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url)
        let store = Self.storeFolder(pack).appendingPathComponent("revisions.sqlite")
        // 16 KiB of 0xFF in the middle: every page pointer there points past the file.
        let handle = try FileHandle(forWritingTo: store)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 16384))
        try handle.close()
        try #require(try StoreTestSystem.quickCheckFails(pack: pack))

        for command in [["generate", Self.sample, "--out", "pack"], ["regenerate", "pack", "--profile", Self.sample]] {
            let outcome = try await EngageProcess.run(command, in: scratch.url)
            #expect(outcome.status != 0, "\(command[0]) accepted a damaged store")
            #expect(outcome.standardError.contains("is damaged"), "\(command[0]): \(outcome.standardError)")
            #expect(outcome.standardError.contains("--force-new-history"))
        }
        let restart = try await EngageProcess.run(["generate", Self.sample, "--out", "pack", "--force-new-history"], in: scratch.url)
        #expect(restart.status == 0, "\(restart.standardError)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: Self.storeFolder(pack).path)
        #expect(kept.contains { $0.hasPrefix("revisions.sqlite.damaged-") }, "\(kept)")
    }

    @Test(.enabled(if: StoreTestSystem.hasSQLite, "needs the sqlite3 shell"))
    func showAndDiffRefuseARevisionWhoseStoredBytesWereAltered() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url)
        try StoreTestSystem.sql(
            "UPDATE revision SET xhtml = CAST(replace(CAST(xhtml AS TEXT), 'Northgate', 'Southgate') AS BLOB) WHERE kind = 'strategy' AND number = 1",
            pack: pack)

        for command in [["show", "pack", "strategy@1"], ["diff", "pack", "strategy"], ["diff", "pack", "strategy@1", "strategy@2"]] {
            let outcome = try await EngageProcess.run(command, in: scratch.url)
            #expect(outcome.status != 0, "\(command) used altered bytes")
            #expect(outcome.standardError.contains("strategy@1"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("altered"), "\(outcome.standardError)")
            #expect(!outcome.standardOutput.contains("Southgate"))
        }
        // The revision left alone is still shown.
        let intact = try await EngageProcess.run(["show", "pack", "strategy@2"], in: scratch.url)
        #expect(intact.status == 0 && intact.standardOutput.contains("Northgate"))
    }

    @Test(.enabled(if: StoreTestSystem.hasSQLite, "needs the sqlite3 shell"))
    func thePackRemembersTheFormatsItWasGeneratedIn() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let outcome = try await EngageProcess.run(["generate", Self.sample, "--out", "pack", "--format", "md,xhtml"], in: scratch.url)
        try #require(outcome.status == 0, "\(outcome.standardError)")
        let pack = scratch.url.appendingPathComponent("pack")
        #expect(try StoreTestSystem.sql("SELECT formats FROM pack", pack: pack) == "xhtml,md")
        #expect(try StoreTestSystem.sql("SELECT count(*) FROM revision WHERE xhtml_hash IS NULL", pack: pack) == "0")
    }

    @Test(.enabled(if: StoreTestSystem.hasFlock, "needs flock from util-linux"))
    func aCommandWaitingForAHeldLockSaysSoAndGivesUpAfterWait() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url, revisions: 1)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // --no-fork: flock execs sleep, which then holds the lock and ends on terminate().
        holder.arguments = ["--no-fork", Self.storeFolder(pack).appendingPathComponent("lock").path, "sleep", "30"]
        try holder.run()
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        // flock has taken the lock once its child runs; give it a moment.
        try await Task.sleep(nanoseconds: 300_000_000)
        for command in [
            ["log", "pack", "--wait", "1"], ["status", "pack", "--wait", "1"], ["generate", Self.sample, "--out", "pack", "--wait", "1"],
        ] {
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = try await EngageProcess.run(command, in: scratch.url)
            // A lock held too long: the command could not do its job.
            #expect(outcome.status == 2, "\(command)")
            #expect(outcome.standardError.contains("Waiting for another engage run on"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("--wait SECONDS"), "\(outcome.standardError)")
            #expect(clock.now - start < .seconds(10))
        }
    }

    @Test func helpOfEveryLockingCommandDocumentsWait() async throws {
        for command in ["status", "alerts", "log", "show", "diff", "generate", "regenerate"] {
            let outcome = try await EngageProcess.run([command, "--help"], in: repositoryRoot)
            #expect(outcome.standardOutput.contains("--wait <seconds>"), "\(command)")
        }
    }

    @Test func outPointingAtAFileOrADanglingLinkOrStagingAFileGetsASentence() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.write("not a pack", to: "file")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("link").path, withDestinationPath: "nowhere")
        let cases: [(out: String, message: String)] = [
            ("file", "is an existing file, not a folder"), ("link", "is a symbolic link to nowhere, which does not exist"),
        ]
        for (out, message) in cases {
            let outcome = try await EngageProcess.run(["generate", Self.sample, "--out", out], in: scratch.url)
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("NSCocoaErrorDomain") && !outcome.standardError.contains("same name"))
        }

        let pack = try await StorePack.make(in: scratch.url, revisions: 1)
        let staging = Self.storeFolder(pack).appendingPathComponent("staging")
        try FileManager.default.removeItem(at: staging)
        try Data("x".utf8).write(to: staging)
        let outcome = try await EngageProcess.run(
            ["generate", repositoryRoot.appendingPathComponent("Samples/northgate-hospitals-revised.xml").path, "--out", "pack"],
            in: scratch.url)
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("is a file, but engage keeps a folder there"), "\(outcome.standardError)")
        #expect(!outcome.standardError.contains("NSCocoaErrorDomain"))
    }
}
