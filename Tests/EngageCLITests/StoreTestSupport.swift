import Foundation
import Testing

/// Tools the store tests use from the system: mounts, other users, `flock`, `sqlite3`.
enum StoreTestSystem {
    static var isRoot: Bool { getuid() == 0 }
    static let hasSQLite = FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
    static let hasFlock = FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")
    static let hasSetpriv = FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// Whether this process may mount a tmpfs (root, and a kernel and container that allow it).
    static let canMountTmpfs: Bool = {
        guard isRoot, let mount = try? Tmpfs(kibibytes: 64) else { return false }
        mount.remove()
        return true
    }()

    /// Runs `tool` with `arguments` and waits; standard output and error are captured.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> EngageProcess.Outcome {
        let (process, capture) = try EngageProcess.prepare(URL(fileURLWithPath: tool), arguments, in: directory)
        defer { capture.remove() }
        try process.run()
        process.waitUntilExit()
        return try capture.outcome(of: process)
    }

    /// Runs `engage arguments` as the user nobody, who may read but not write root's files.
    static func engageAsNobody(_ arguments: [String], in directory: URL) throws -> EngageProcess.Outcome {
        try run(
            "/usr/bin/setpriv",
            ["--reuid=nobody", "--regid=nogroup", "--clear-groups", try EngageProcess.executable().path] + arguments,
            in: directory)
    }

    /// Whether SQLite's quick_check finds the store of `pack` damaged: it reports a problem,
    /// or cannot even step through the damaged pages ("database disk image is malformed").
    static func quickCheckFails(pack: URL) throws -> Bool {
        let outcome = try run("/usr/bin/sqlite3", [pack.appendingPathComponent(".engage/revisions.sqlite").path, "PRAGMA quick_check"])
        if outcome.status != 0 { return outcome.standardError.contains("malformed") }
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) != "ok"
    }

    /// Runs one SQL statement on the store of `pack` with the sqlite3 shell.
    @discardableResult
    static func sql(_ statement: String, pack: URL) throws -> String {
        let outcome = try run("/usr/bin/sqlite3", [pack.appendingPathComponent(".engage/revisions.sqlite").path, statement])
        try #require(outcome.status == 0, "sqlite3 failed: \(outcome.standardError)")
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A tmpfs of a given size mounted on a fresh folder, for read-only and full-disk cases.
struct Tmpfs {
    let url: URL

    init(kibibytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("engage-tmpfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let outcome = try StoreTestSystem.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k", "tmpfs", url.path])
        guard outcome.status == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw MountFailed(message: outcome.standardError)
        }
    }

    struct MountFailed: Error { var message: String }

    func remountReadOnly() throws {
        let outcome = try StoreTestSystem.run("/bin/mount", ["-o", "remount,ro", url.path])
        try #require(outcome.status == 0, "remount failed: \(outcome.standardError)")
    }

    /// Fills the file system, leaving `leaving` KiB free (as the kernel counts them).
    func fill(leaving kibibytes: Int = 0) throws {
        var stats = statvfs()
        try #require(statvfs(url.path, &stats) == 0)
        let free = Int(stats.f_bavail) * Int(stats.f_frsize) / 1024
        let filler = url.appendingPathComponent("filler")
        // dd stops at the first write that finds no space: the disk is then full.
        try StoreTestSystem.run("/bin/dd", ["if=/dev/zero", "of=\(filler.path)", "bs=1k", "count=\(max(0, free - kibibytes))"])
    }

    func remove() {
        _ = try? StoreTestSystem.run("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }
}

/// A pack generated from the Northgate sample, and optionally its revised profile.
enum StorePack {
    /// Generates the pack `name` in `folder` (revision 1, then 2 when `revisions` is 2)
    /// and returns its URL.
    static func make(in folder: URL, name: String = "pack", revisions: Int = 2) async throws -> URL {
        let profile = folder.appendingPathComponent("profile-\(UUID().uuidString).xml")
        let samples = ["Samples/northgate-hospitals.xml", "Samples/northgate-hospitals-revised.xml"]
        for sample in samples.prefix(revisions) {
            try? FileManager.default.removeItem(at: profile)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(sample), to: profile)
            let outcome = try await EngageProcess.run(["generate", profile.path, "--out", name], in: folder)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }
        return folder.appendingPathComponent(name)
    }

    /// Every reading command on `pack`, with the arguments it needs.
    static func readCommands(_ pack: String) -> [[String]] {
        [["status", pack], ["alerts", pack], ["log", pack], ["show", pack, "strategy@1"], ["diff", pack, "strategy"]]
    }
}
