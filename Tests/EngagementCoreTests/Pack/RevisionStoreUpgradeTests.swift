import Foundation
import GRDB
import Testing

@testable import EngagementCore

/// Schema v3: every revision's bytes carry a hash checked before use (filled for
/// revisions stored before), and the pack row gains its formats.
@Suite("Revision store v3")
struct RevisionStoreUpgradeTests {
    /// A pack folder whose store stops at the v2 schema (or `migration`), with one pack
    /// row and one revision.
    static func v2Store(xhtml: Data, upTo migration: String = "v2: a revision's reads stored once") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engage-v3-\(UUID().uuidString)")
        let storeFolder = folder.appendingPathComponent(RevisionStore.folderName)
        try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: storeFolder.appendingPathComponent(RevisionStore.fileName).path)
        try RevisionStore.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO profile_snapshot (id, hash, canonical_xml, created_at) VALUES (1, 'h', x'00', 't');
                INSERT INTO pack (id, client_id, profile_path, baseline_snapshot_id) VALUES (1, 'c', '/p.xml', 1);
                """)
            try db.execute(
                sql: """
                    INSERT INTO revision (id, kind, number, content_hash, xhtml, profile_snapshot_id, template_hash,
                                          engine_version, created_at)
                        VALUES (1, 'strategy', 1, 'c', ?, 1, 't', '0.1.0', 't')
                    """, arguments: [xhtml])
        }
        return folder
    }

    @Test("upgrading fills the hash of revisions stored before, and they verify")
    func upgradeFillsHashes() throws {
        let bytes = Data("<html>old revision</html>".utf8)
        let folder = try Self.v2Store(xhtml: bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RevisionStore(packFolder: folder, create: false)
        let revision = try store.revision(.strategy, number: 1)
        #expect(revision.xhtmlHash == FNV1a.hex(FNV1a.hash(bytes)))
        #expect(try store.verified(revision).xhtml == bytes)
        #expect(try store.pack()?.formats == nil)
    }

    @Test("a revision whose bytes changed after they were hashed is refused")
    func alteredBytesAreRefused() throws {
        let folder = try Self.v2Store(xhtml: Data("<html>original</html>".utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RevisionStore(packFolder: folder, create: false)
        try store.queue.write { db in try db.execute(sql: "UPDATE revision SET xhtml = x'3c68746d6c3e3c2f68746d6c3e'") }
        let revision = try store.revision(.strategy, number: 1)
        #expect(throws: PackError.self) { try store.verified(revision) }
    }

    @Test("a pack's formats are written and read back in format order")
    func formatsRoundTrip() throws {
        let folder = try Self.v2Store(xhtml: Data("<html/>".utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RevisionStore(packFolder: folder, create: false)
        try store.queue.write { db in
            var record = try #require(try PackRecord.fetchOne(db))
            record.formats = [.xhtml, .md]
            try record.save(db)
        }
        #expect(try store.pack()?.formats == [.xhtml, .md])
        #expect(try store.queue.read { db in try String.fetchOne(db, sql: "SELECT formats FROM pack") } == "xhtml,md")
    }

    static func appliedMigrations(_ folder: URL) throws -> Set<String> {
        let path = folder.appendingPathComponent(RevisionStore.folderName).appendingPathComponent(RevisionStore.fileName).path
        return try DatabaseQueue(path: path).read { db in try RevisionStore.migrator.appliedIdentifiers(db) }
    }

    @Test("a reader reads a v2 store as it is, without migrating it")
    func readerLeavesAnOlderStoreAlone() throws {
        let bytes = Data("<html>old revision</html>".utf8)
        let folder = try Self.v2Store(xhtml: bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.appliedMigrations(folder)
        do {
            let store = try PackAccess.open(folder)
            defer { store.close() }
            let revision = try store.verified(store.revision(.strategy, number: 1))
            #expect(revision.xhtml == bytes)
            #expect(try store.pack()?.clientID == "c")
        }
        #expect(try Self.appliedMigrations(folder) == before)
    }

    @Test("a v1 store is refused by a reader with advice, and upgraded for a writer")
    func v1StoreNeedsAWriter() throws {
        let folder = try Self.v2Store(xhtml: Data("<html/>".utf8), upTo: "v1: revisions, sections and traces")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try PackAccess.open(folder).close()
        } throws: { error in
            guard case PackError.storeNeedsUpgrade = error else { return false }
            return "\(error)".contains("engage regenerate")
        }
        let store = try PackAccess.open(folder, upgrade: true)
        store.close()
        #expect(try Self.appliedMigrations(folder) == Set(RevisionStore.migrator.migrations))
    }

    /// Each table's and index's SQL in the store at `path`, comments and white space left
    /// out: what SQLite keeps of the schema, whichever statements made it.
    static func schema(at path: String) throws -> [String: String] {
        try DatabaseQueue(path: path).read { db in
            var schema: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master") {
                let sql: String = row["sql"] ?? ""
                let withoutComments = sql.split(separator: "\n").map { $0.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)[0] }.joined()
                schema[row["name"]] = String(withoutComments.filter { !$0.isWhitespace })
            }
            return schema
        }
    }

    @Test("A store created now has the schema its migrations arrive at, statement by statement, and every migration recorded")
    func freshSchemaIsTheMigratedSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engage-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let migratedPath = folder.appendingPathComponent("migrated.sqlite").path
        try RevisionStore.migrator.migrate(DatabaseQueue(path: migratedPath))
        let created = try RevisionStore(packFolder: folder.appendingPathComponent("pack"), create: true)
        created.close()
        let createdPath = folder.appendingPathComponent("pack").appendingPathComponent(RevisionStore.folderName)
            .appendingPathComponent(RevisionStore.fileName).path
        let migrated = try Self.schema(at: migratedPath)
        #expect(migrated["revision"]?.contains("reasonTEXT") == true, "the last migration's column")
        #expect(try Self.schema(at: createdPath) == migrated)
        #expect(try Self.appliedMigrations(folder.appendingPathComponent("pack")) == Set(RevisionStore.migrator.migrations))
    }
}
