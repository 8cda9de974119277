import Foundation
import GRDB

/// The revision history of one pack, in SQLite at `PACK/.engage/revisions.sqlite`.
///
/// The schema carries the rules (foreign keys, one number per kind and revision, not
/// null); every change of a run is one transaction. Open it only while holding the
/// pack's lock when writing.
public final class RevisionStore {
    /// The folder inside a pack that holds the store, the lock and staged files.
    public static let folderName = ".engage"
    static let fileName = "revisions.sqlite"

    let queue: DatabaseQueue
    public let packFolder: URL
    /// The pack's lock, when this store was opened under one: held as long as the store
    /// is open, because a reader's view relies on no writer changing the file under it.
    private var lock: PackLock?
    /// Whether revisions carry the hash of their bytes (schema v3): false only for a
    /// reader of an older store, which it may not upgrade.
    let hasRevisionHashes: Bool

    /// Opens the store of the pack at `folder` for writing, migrating it to the current
    /// schema, without taking the pack's lock (the caller holds it).
    ///
    /// - Parameter create: create the store when the pack has none.
    /// - Throws: ``PackError`` when there is no store (and `create` is false), when it is
    ///   unreadable, or when a newer engage wrote it.
    public convenience init(packFolder folder: URL, create: Bool) throws(PackError) {
        try self.init(packFolder: folder, access: .writing(create: create), lock: nil)
    }

    /// How a store is opened.
    enum Access {
        /// Read and write, in WAL mode, migrated to the current schema.
        case writing(create: Bool)
        /// Read and write without migrating: to finish a committed run's renames, which
        /// only touch the publication table every schema has.
        case recovering
        /// Read only: nothing is written, not even the journal mode, and no migration
        /// runs, so a read-only or full disk still serves. A store of schema v2 is read
        /// as it is; an older one needs a writer to upgrade it first.
        case reading
    }

    /// The oldest schema a reader can read without migrating it: from v2 on, every
    /// query but the hash check finds its columns.
    static let oldestReadableMigration = "v2: a revision's reads stored once"

    init(packFolder folder: URL, access: Access, lock: PackLock?) throws(PackError) {
        let storeFolder = folder.appendingPathComponent(Self.folderName)
        let path = storeFolder.appendingPathComponent(Self.fileName).path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        let openPath: String
        var isNew = false
        switch access {
        case .writing(let create):
            if !FileManager.default.fileExists(atPath: path) {
                guard create else { throw .notAPack(folder.path) }
                isNew = true
                do {
                    try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
                } catch {
                    throw PackError.fileProblem(storeFolder.path, error)
                }
            }
            // Write-ahead logging: a commit appends to the log instead of rewriting pages, and
            // readers never block the one writer. synchronous=NORMAL keeps the store consistent
            // through any crash; a power cut may lose the last commit, never corrupt one.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
            }
            openPath = path
        case .recovering:
            openPath = path
        case .reading:
            configuration.readonly = true
            openPath = Self.readingPath(path)
        }
        do {
            let queue = try DatabaseQueue(path: openPath, configuration: configuration)
            let migrator = Self.migrator
            let superseded = try queue.read { db in try migrator.hasBeenSuperseded(db) }
            guard !superseded else { throw PackError.storeFromNewerVersion(path) }
            var current = true
            switch access {
            case .writing:
                if isNew { try Self.createFreshSchema(in: queue) }
                try migrator.migrate(queue)
            case .recovering, .reading:
                let applied = try queue.read { db in try migrator.appliedIdentifiers(db) }
                current = Set(migrator.migrations).isSubset(of: applied)
                if case .reading = access, !applied.contains(Self.oldestReadableMigration) {
                    throw PackError.storeNeedsUpgrade(path)
                }
            }
            self.queue = queue
            hasRevisionHashes = current
        } catch {
            throw PackError.store(path, error)
        }
        self.packFolder = folder
        self.lock = lock
    }

    /// The name a reader opens `path` by. Without a write-ahead log to replay, the file
    /// is opened as immutable: SQLite then reads it as it is, without creating the `-shm`
    /// index that a WAL database otherwise needs, which a read-only folder, a read-only
    /// file system or a full disk refuse. That is safe while the reader holds the shared
    /// lock (no writer runs) or the medium is read-only (none can).
    static func readingPath(_ path: String) -> String {
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard log == 0 else { return path }
        return URL(fileURLWithPath: path).absoluteString + "?immutable=1"
    }

    /// Closes the store and releases the pack's lock if it holds it: before a command
    /// that read the pack publishes into it.
    public func close() {
        try? queue.close()
        lock = nil
    }

    /// Runs a read-only query, turning database errors into ``PackError``.
    func read<T>(_ body: (Database) throws -> T) throws(PackError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw PackError.store(databasePath, error)
        }
    }

    // MARK: - Queries

    /// The pack's record, nil before the first generate.
    public func pack() throws(PackError) -> PackRecord? {
        try read { db in try PackRecord.fetchOne(db) }
    }

    /// Every revision, of one kind or all, ordered by kind then number.
    public func revisions(of kind: DocumentKind? = nil) throws(PackError) -> [RevisionRecord] {
        try read { db in
            let rows: [RevisionRecord]
            if let kind {
                rows = try RevisionRecord.filter(RevisionRecord.Columns.kind == kind.rawValue).order(RevisionRecord.Columns.number).fetchAll(db)
            } else {
                rows = try RevisionRecord.order(RevisionRecord.Columns.kind, RevisionRecord.Columns.number).fetchAll(db)
            }
            return rows.sorted { ($0.documentKind ?? .strategy, $0.number) < ($1.documentKind ?? .strategy, $1.number) }
        }
    }

    /// The latest revision of each kind that has one.
    public func latestRevisions() throws(PackError) -> [DocumentKind: RevisionRecord] {
        try read { db in
            let rows = try RevisionRecord
                .filter(sql: "number = (SELECT MAX(latest.number) FROM revision latest WHERE latest.kind = revision.kind)")
                .fetchAll(db)
            var latest: [DocumentKind: RevisionRecord] = [:]
            for row in rows { if let kind = row.documentKind { latest[kind] = row } }
            return latest
        }
    }

    /// The document files of the pack and the hash each had when last published.
    public func publishedFiles() throws(PackError) -> [String: String] {
        try read { db in
            Dictionary(try PublishedFileRecord.fetchAll(db).map { ($0.name, $0.hash) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Revision `number` of `kind` (the latest when nil).
    public func revision(_ kind: DocumentKind, number: Int?) throws(PackError) -> RevisionRecord {
        let all = try revisions(of: kind)
        guard let latest = all.last else { throw .noRevisions(kind) }
        guard let number else { return latest }
        guard let match = all.first(where: { $0.number == number }) else {
            throw .unknownRevision(kind, number, latest: latest.number)
        }
        return match
    }

    /// `revision` after checking its bytes against the hash stored with them.
    ///
    /// - Throws: ``PackError/revisionAltered(_:_:pack:)`` when they differ (or the hash
    ///   is missing, which only a hand edit leaves). A store from before the hashes, read
    ///   without upgrading it, has none to check against: its revisions pass unchecked.
    public func verified(_ revision: RevisionRecord) throws(PackError) -> RevisionRecord {
        guard hasRevisionHashes else { return revision }
        guard revision.xhtmlHash == RevisionRecord.xhtmlHash(of: revision.xhtml) else {
            throw .revisionAltered(revision.documentKind ?? .strategy, revision.number, pack: packFolder.path)
        }
        return revision
    }

    /// The sections of a revision, in document order.
    public func sections(ofRevision id: Int64) throws(PackError) -> [SectionRecord] {
        try read { db in
            try SectionRecord.filter(Column("revision_id") == id).order(Column("position")).fetchAll(db)
        }
    }

    /// The traces of a revision: section id -> (model path -> value hash).
    public func traces(ofRevision id: Int64) throws(PackError) -> [String: [String: String]] {
        try read { db in
            // Revisions stored before v2 have no reads of their own: their sections hold lines.
            let documentReads = try Row.fetchOne(db, sql: "SELECT reads FROM revision WHERE id = ?", arguments: [id])
                .flatMap { row -> String? in row["reads"] }
            let lines = documentReads.map(DocumentReads.lines(of:))
            var traces: [String: [String: String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT section_id, reads FROM section WHERE revision_id = ?", arguments: [id])
            while let row = try rows.next() {
                if let lines {
                    traces[row["section_id"]] = DocumentReads.reads(row["reads"], of: lines)
                } else {
                    traces[row["section_id"]] = SectionReads.decode(row["reads"])
                }
            }
            return traces
        }
    }

    /// The profile snapshot with database id `id`.
    public func snapshot(id: Int64) throws(PackError) -> ProfileSnapshotRecord? {
        try read { db in try ProfileSnapshotRecord.fetchOne(db, key: id) }
    }
}
