import Foundation
import Testing

/// Reading a pack needs no write access and no free space: status, alerts, log, show and
/// diff work on a read-only file system, for a user who may not write the folder, and on
/// a full disk; a writer on a full disk says the disk is full, never that the store is
/// damaged. These need root (to mount a tmpfs or to run as another user).
@Suite(.serialized)
struct PackReadOnlyTests {
    static func expectReadCommandsWork(_ run: ([String]) async throws -> EngageProcess.Outcome) async throws {
        for command in StorePack.readCommands("pack") {
            let outcome = try await run(command)
            #expect(outcome.status == 0, "\(command[0]): \(outcome.standardError)")
            #expect(!outcome.standardError.contains("cannot be"), "\(command[0]): \(outcome.standardError)")
        }
    }

    @Test(.enabled(if: StoreTestSystem.canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func readCommandsWorkOnAReadOnlyFileSystemAndWritersSayWhy() async throws {
        let mount = try Tmpfs(kibibytes: 20 << 10)
        defer { mount.remove() }
        _ = try await StorePack.make(in: mount.url)
        try mount.remountReadOnly()
        try await Self.expectReadCommandsWork { try await EngageProcess.run($0, in: mount.url) }

        let write = try await EngageProcess.run(
            ["generate", repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml").path, "--out", "pack"], in: mount.url)
        #expect(write.status != 0)
        #expect(write.standardError.contains("Read-only file system"), "\(write.standardError)")
    }

    @Test(.enabled(if: StoreTestSystem.canMountTmpfs && StoreTestSystem.hasSQLite, "needs root, a tmpfs and the sqlite3 shell"))
    func aReaderOnAReadOnlyPackSaysWhenARunWaitsToBeFinishedAndStillReads() async throws {
        let mount = try Tmpfs(kibibytes: 20 << 10)
        defer { mount.remove() }
        let pack = try await StorePack.make(in: mount.url, revisions: 1)
        // What a run killed between its commit and its renames leaves behind.
        let staged = pack.appendingPathComponent(".engage/staging/run-1")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data("# staged\n".utf8).write(to: staged.appendingPathComponent("strategy.md"))
        try StoreTestSystem.sql("INSERT INTO publication (run_id, files) VALUES ('run-1', '[\"strategy.md\"]')", pack: pack)
        try mount.remountReadOnly()

        let log = try await EngageProcess.run(["log", "pack"], in: mount.url)
        #expect(log.status == 0, "\(log.standardError)")
        #expect(log.standardOutput.contains("strategy@1"))
        #expect(log.standardError.contains("not yet moved into the pack"), "\(log.standardError)")
    }

    @Test(.enabled(if: StoreTestSystem.isRoot && StoreTestSystem.hasSetpriv, "needs root to run engage as the user nobody"))
    func readCommandsWorkForAUserWhoMayNotWriteThePack() async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let pack = try await StorePack.make(in: scratch.url)
        // The scratch folder is root's and mode 755: nobody may read it, not write it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
        try await Self.expectReadCommandsWork { try StoreTestSystem.engageAsNobody($0, in: scratch.url) }

        // Without a lock file to open, a reader goes without the lock.
        try FileManager.default.removeItem(at: pack.appendingPathComponent(".engage/lock"))
        let log = try StoreTestSystem.engageAsNobody(["log", "pack"], in: scratch.url)
        #expect(log.status == 0, "\(log.standardError)")

        let write = try StoreTestSystem.engageAsNobody(
            ["generate", repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml").path, "--out", "pack"],
            in: scratch.url)
        #expect(write.status != 0)
        #expect(write.standardError.contains("Permission denied"), "\(write.standardError)")
    }

    @Test(.enabled(if: StoreTestSystem.canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func onAFullDiskReadersReadAndAWriterSaysTheDiskIsFull() async throws {
        let mount = try Tmpfs(kibibytes: 4 << 10)
        defer { mount.remove() }
        _ = try await StorePack.make(in: mount.url)
        try mount.fill()
        try await Self.expectReadCommandsWork { try await EngageProcess.run($0, in: mount.url) }

        let write = try await EngageProcess.run(
            ["generate", repositoryRoot.appendingPathComponent("Samples/northgate-hospitals.xml").path, "--out", "pack"], in: mount.url)
        #expect(write.status != 0)
        #expect(write.standardError.contains("is full"), "\(write.standardError)")
        #expect(write.standardError.contains("Free some space"))
        #expect(!write.standardError.contains("backup") && !write.standardError.contains("new folder"), "\(write.standardError)")
    }

    @Test(.enabled(if: StoreTestSystem.canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func stagingOnAFullDiskIsReportedAsAFullDisk() async throws {
        let mount = try Tmpfs(kibibytes: 4 << 10)
        defer { mount.remove() }
        _ = try await StorePack.make(in: mount.url, revisions: 1)
        // Room to open the store and commit nothing, not to stage twelve files.
        try mount.fill(leaving: 300)
        let write = try await EngageProcess.run(
            ["generate", repositoryRoot.appendingPathComponent("Samples/northgate-hospitals-revised.xml").path, "--out", "pack"],
            in: mount.url)
        #expect(write.status != 0)
        #expect(write.standardError.contains("is full"), "\(write.standardError)")
        #expect(!write.standardError.contains("backup"))
    }
}
