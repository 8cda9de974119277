import Foundation
import GRDB

/// Opening a pack's store for a command: under the pack's lock, after checking that the
/// history is really there, so that a missing, empty or damaged store is never taken
/// for a new pack.
extension RevisionStore {
    /// The document files of every kind and format present in `folder`: their presence
    /// means the pack once had a history.
    static func documentFiles(in folder: URL) -> [String] {
        DocumentKind.allCases.flatMap { kind in
            OutputFormat.allCases.map { PackFiles.fileName(kind, $0) }
        }.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The size of the store file of `folder`, nil when there is none.
    ///
    /// - Throws: ``PackError/storeDamaged(_:reason:)`` when a folder stands in its place.
    private static func storeSize(_ folder: URL) throws(PackError) -> Int? {
        let path = folder.appendingPathComponent(folderName).appendingPathComponent(fileName).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw .storeDamaged(path, reason: "it is a folder, not a database file")
        }
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Opens the store of the pack at `folder` for reading, under a shared lock when the
    /// lock file can be opened. An interrupted run is finished first when the pack is
    /// writable; on a read-only pack the reader says so through `wait.notice` and reads
    /// the store as it is. A reader never migrates: it reads an older store as it is.
    ///
    /// - Parameter upgrade: migrate an older store first (under the exclusive lock), for
    ///   a command that goes on to write the pack.
    /// - Throws: ``PackError`` when the pack has no usable history.
    static func openForReading(_ folder: URL, wait: LockWait, upgrade: Bool = false) throws(PackError) -> RevisionStore {
        switch try storeSize(folder) {
        case nil:
            let documents = documentFiles(in: folder)
            throw documents.isEmpty ? .notAPack(folder.path) : .storeMissing(folder.path, documents: documents)
        case 0:
            throw .storeEmpty(folder.appendingPathComponent(folderName).appendingPathComponent(fileName).path)
        default:
            break
        }
        /// The store under a shared lock; nil when it must be upgraded first, with the
        /// lock already let go (the upgrade takes the exclusive one).
        func openShared() throws(PackError) -> (store: RevisionStore, locked: Bool)? {
            let lock = try PackLock.shared(folder: folder, wait: wait)
            do throws(PackError) {
                return (try RevisionStore(packFolder: folder, access: .reading, lock: lock), lock != nil)
            } catch .storeNeedsUpgrade(let path) {
                guard upgrade else { throw .storeNeedsUpgrade(path) }
                return nil
            }
        }
        var recovered = false
        while true {
            guard let (store, locked) = try openShared() else {
                guard !recovered else {
                    throw .storeNeedsUpgrade(folder.appendingPathComponent(folderName).appendingPathComponent(fileName).path)
                }
                try recover(folder, wait: wait, migrating: true)
                recovered = true
                continue
            }
            let writable = locked && access(folder.appendingPathComponent(folderName).path, W_OK) == 0
            if upgrade, !store.hasRevisionHashes, !recovered {
                store.close()
                try recover(folder, wait: wait, migrating: true)
                recovered = true
                continue
            }
            if try store.hasPendingPublication() {
                if writable, !recovered {
                    // Finishing the renames needs the exclusive lock: let go, finish, read again.
                    store.close()
                    try recover(folder, wait: wait, migrating: upgrade)
                    recovered = true
                    continue
                }
                wait.notice(
                    "warning: A run on \(folder.path) recorded revisions whose files were not yet moved into the pack, "
                        + "and engage may not write here to finish it; showing the revisions as the store records them. "
                        + "Run engage generate or regenerate where the pack is writable to finish the move.")
            }
            try store.checkHistory(documents: [], writing: false)
            return store
        }
    }

    /// Finishes a committed run's renames in the pack at `folder` under the exclusive
    /// lock, migrating the store first when `migrating`.
    private static func recover(_ folder: URL, wait: LockWait, migrating: Bool) throws(PackError) {
        let lock = try PackLock(folder: folder, wait: wait)
        let store = try RevisionStore(
            packFolder: folder, access: migrating ? .writing(create: false) : .recovering, lock: lock)
        try store.recover()
        store.close()
    }

    /// Opens (or creates) the store of the pack at `folder` for a run that writes, under
    /// the exclusive lock, checked with `PRAGMA quick_check`.
    ///
    /// - Parameter startNewHistory: when the store is missing, empty or damaged while the
    ///   pack holds documents, move what is left of it aside and start at revision 1
    ///   instead of refusing. A healthy store is kept either way.
    /// - Returns: the store, and the path the damaged store was moved to, if it was.
    static func openForWriting(
        _ folder: URL, wait: LockWait, startNewHistory: Bool, now: Date
    ) throws(PackError) -> (store: RevisionStore, movedAside: String?) {
        try PackFiles.checkPackFolder(folder)
        let lock = try PackLock(folder: folder, wait: wait)
        let documents = documentFiles(in: folder)
        var movedAside: String?
        let size: Int?
        do throws(PackError) {
            size = try storeSize(folder)
        } catch .storeDamaged(let path, let reason) {
            // A folder in the store's place: moved aside like any damaged store.
            guard startNewHistory else { throw .storeDamaged(path, reason: reason) }
            movedAside = try moveAside(folder, now: now)
            size = nil
        }
        switch size {
        case nil:
            if !documents.isEmpty, !startNewHistory { throw .storeMissing(folder.path, documents: documents) }
        case 0:
            let path = folder.appendingPathComponent(folderName).appendingPathComponent(fileName).path
            guard startNewHistory else { throw .storeEmpty(path) }
            movedAside = try moveAside(folder, now: now)
        default:
            break
        }
        do throws(PackError) {
            let store = try RevisionStore(packFolder: folder, access: .writing(create: true), lock: lock)
            do throws(PackError) {
                try store.checkIntegrity()
                try store.checkHistory(documents: startNewHistory ? [] : documents, writing: true)
            } catch {
                store.close()
                throw error
            }
            return (store, movedAside)
        } catch .storeDamaged(let path, let reason) {
            guard startNewHistory, movedAside == nil else { throw .storeDamaged(path, reason: reason) }
            movedAside = try moveAside(folder, now: now)
        }
        let store = try RevisionStore(packFolder: folder, access: .writing(create: true), lock: lock)
        return (store, movedAside)
    }

    /// Renames the store (and its write-ahead log and index, which belong with it) to
    /// `revisions.sqlite.damaged-TIMESTAMP`: a new history starts, and the old one is kept
    /// for whoever wants to rescue it.
    private static func moveAside(_ folder: URL, now: Date) throws(PackError) -> String {
        let path = folder.appendingPathComponent(folderName).appendingPathComponent(fileName).path
        let stamp = PackPublisher.timestamp(now).replacingOccurrences(of: ":", with: "")
        var target = "\(path).damaged-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: target) {
            attempt += 1
            target = "\(path).damaged-\(stamp)-\(attempt)"
        }
        for suffix in ["-wal", "-shm", ""] where FileManager.default.fileExists(atPath: path + suffix) {
            guard rename(path + suffix, target + suffix) == 0 else { throw PackError.posix(errno, path: path + suffix) }
        }
        return target
    }

    /// Runs SQLite's `quick_check`, which reads every page of the store: about 15 ms of
    /// CPU and 40-55 ms in all for a 27 MB store of 204 revisions. Writers run it on
    /// every open; readers do not, since it would double the time of `status`.
    ///
    /// - Throws: ``PackError/storeDamaged(_:reason:)`` when it finds a problem.
    public func checkIntegrity() throws(PackError) {
        let problems = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(3)") }
        guard problems != ["ok"] else { return }
        throw .storeDamaged(databasePath, reason: "SQLite's integrity check found: \(problems.joined(separator: "; "))")
    }

    /// Checks that the store holds the pack's history: a pack record whenever there are
    /// revisions, and, for a reader, always; for a writer, whenever the folder holds
    /// `documents`.
    func checkHistory(documents: [String], writing: Bool) throws(PackError) {
        let (hasPack, revisionCount) = try read { db in
            (try PackRecord.fetchCount(db) > 0, try RevisionRecord.fetchCount(db))
        }
        if !hasPack, revisionCount > 0 {
            throw .storeDamaged(databasePath, reason: "it holds \(revisionCount) revisions but not the pack's own record")
        }
        guard !hasPack else { return }
        // A store with no record was never written to (a first run failed before its
        // commit). A writer may start the history in it, unless the folder shows that a
        // history existed; a reader has nothing to show.
        guard writing else { throw .storeWithoutHistory(packFolder.path) }
        if !documents.isEmpty { throw .storeMissing(packFolder.path, documents: documents) }
    }

    /// Whether a committed run's files still wait to be moved into the pack.
    func hasPendingPublication() throws(PackError) -> Bool {
        try read { db in try PublicationRecord.fetchCount(db) > 0 }
    }
}
