import Foundation
import GRDB

extension RevisionStore {
    /// The store's migrations. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: revisions, sections and traces") { db in
            try db.execute(sql: """
                CREATE TABLE profile_snapshot (
                    id INTEGER PRIMARY KEY,
                    hash TEXT NOT NULL UNIQUE,
                    canonical_xml BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE pack (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    client_id TEXT NOT NULL CHECK (client_id <> ''),
                    profile_path TEXT NOT NULL,
                    templates_path TEXT,
                    baseline_snapshot_id INTEGER REFERENCES profile_snapshot(id)
                );
                CREATE TABLE revision (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL
                        CHECK (kind IN ('business-case', 'strategy', 'change-management', 'communication')),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    content_hash TEXT NOT NULL,
                    xhtml BLOB NOT NULL,
                    profile_snapshot_id INTEGER NOT NULL REFERENCES profile_snapshot(id),
                    template_hash TEXT NOT NULL,
                    engine_version TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (kind, number)
                );
                CREATE TABLE section (
                    id INTEGER PRIMARY KEY,
                    revision_id INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position >= 0),
                    section_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    -- The model inputs the section read: one "PATH<TAB>VALUE-HASH" line each,
                    -- sorted by path. One value per section keeps a run's writes to a few
                    -- hundred rows instead of tens of thousands.
                    reads TEXT NOT NULL,
                    UNIQUE (revision_id, section_id),
                    UNIQUE (revision_id, position)
                );
                CREATE TABLE publication (
                    run_id TEXT PRIMARY KEY,
                    files TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: a revision's reads stored once") { db in
            // The inputs the document read: one "PATH<TAB>VALUE-HASH" line each, sorted by
            // path, each once. A section of such a revision keeps in its `reads` the
            // numbers of its lines ("0-12 15 20-31") instead of the lines themselves:
            // sections read the same inputs many times over. NULL for revisions written
            // before, whose sections keep their lines.
            try db.execute(sql: "ALTER TABLE revision ADD COLUMN reads TEXT")
        }
        migrator.registerMigration("v3: revision bytes hashed, pack formats") { db in
            // The hash of each revision's stored XHTML, checked before show and diff use
            // the bytes, so that a store altered outside engage is noticed. Filled here for
            // revisions stored before; NOT NULL cannot be declared by ALTER TABLE.
            try db.execute(sql: "ALTER TABLE revision ADD COLUMN xhtml_hash TEXT")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, xhtml FROM revision")
            let update = try db.makeStatement(sql: "UPDATE revision SET xhtml_hash = ? WHERE id = ?")
            while let row = try rows.next() {
                let bytes: Data = row["xhtml"]
                let id: Int64 = row["id"]
                try update.execute(arguments: [RevisionRecord.xhtmlHash(of: bytes), id])
            }
            // The formats the pack was last written in, comma-separated ("xhtml,html,md");
            // NULL until a run after this migration writes the pack.
            try db.execute(sql: "ALTER TABLE pack ADD COLUMN formats TEXT")
        }
        migrator.registerMigration("v4: the hash of every document file published") { db in
            // What each document file of the pack holds (FNV-1a of its bytes), as the last
            // run wrote or found it: status compares the files with it to notice a file
            // deleted or edited by hand. Empty for packs last written before.
            try db.create(table: "published_file") { table in
                table.column("name", .text).primaryKey()
                table.column("hash", .text).notNull()
            }
        }
        migrator.registerMigration("v5: editions") { db in
            // The edition each revision was rendered for, and the one the pack was last
            // written in (what status and regenerate use unless told otherwise). NULL for
            // what was written before editions existed.
            try db.execute(sql: "ALTER TABLE revision ADD COLUMN edition TEXT")
            try db.execute(sql: "ALTER TABLE pack ADD COLUMN edition TEXT")
        }
        migrator.registerMigration("v6: the firm file") { db in
            // The firm file the pack was last written with, absolute; NULL for none.
            try db.execute(sql: "ALTER TABLE pack ADD COLUMN firm_path TEXT")
        }
        migrator.registerMigration("v7: the document date") { db in
            // The date generate --date set, YYYY-MM-DD; NULL to take the profile's.
            try db.execute(sql: "ALTER TABLE pack ADD COLUMN document_date TEXT")
        }
        migrator.registerMigration("v8: reasons") { db in
            // Why each revision was made (generate/regenerate --reason); NULL when not said.
            try db.execute(sql: "ALTER TABLE revision ADD COLUMN reason TEXT")
        }
        return migrator
    }
}

extension RevisionStore {
    /// The schema the migrations above arrive at, for a store created now: one transaction
    /// instead of eight, each `ALTER TABLE` of which has SQLite parse the whole schema
    /// again: creating a store took 10 M instructions, almost as many as storing the
    /// pack's first four revisions; it now takes 3.8 M.
    /// `freshSchemaIsTheMigratedSchema` checks it against the migrations, statement by
    /// statement; a new migration changes both.
    static let freshSchema = """
        CREATE TABLE profile_snapshot (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            canonical_xml BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE pack (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            client_id TEXT NOT NULL CHECK (client_id <> ''),
            profile_path TEXT NOT NULL,
            templates_path TEXT,
            baseline_snapshot_id INTEGER REFERENCES profile_snapshot(id),
            formats TEXT,
            edition TEXT,
            firm_path TEXT,
            document_date TEXT
        );
        CREATE TABLE revision (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL
                CHECK (kind IN ('business-case', 'strategy', 'change-management', 'communication')),
            number INTEGER NOT NULL CHECK (number >= 1),
            content_hash TEXT NOT NULL,
            xhtml BLOB NOT NULL,
            profile_snapshot_id INTEGER NOT NULL REFERENCES profile_snapshot(id),
            template_hash TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            created_at TEXT NOT NULL,
            reads TEXT,
            xhtml_hash TEXT,
            edition TEXT,
            reason TEXT,
            UNIQUE (kind, number)
        );
        CREATE TABLE section (
            id INTEGER PRIMARY KEY,
            revision_id INTEGER NOT NULL REFERENCES revision(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            section_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            reads TEXT NOT NULL,
            UNIQUE (revision_id, section_id),
            UNIQUE (revision_id, position)
        );
        CREATE TABLE publication (
            run_id TEXT PRIMARY KEY,
            files TEXT NOT NULL
        );
        CREATE TABLE "published_file" ("name" TEXT PRIMARY KEY, "hash" TEXT NOT NULL);
        """

    /// Creates ``freshSchema`` in the empty store of `queue` and records every migration
    /// as applied, as GRDB's migrator records them, in one transaction.
    static func createFreshSchema(in queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(sql: freshSchema)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let record = try db.makeStatement(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)")
            for identifier in migrator.migrations { try record.execute(arguments: [identifier]) }
        }
    }
}
