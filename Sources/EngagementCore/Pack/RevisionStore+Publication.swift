import Foundation
import GRDB

/// What one run records, in one transaction (the commit point of
/// ``PackPublisher/publish``): the profile snapshot, the pack's row, the new revisions with
/// their sections, the published files and the files staged for renaming.
struct StoreCommit {
    var snapshot: ProfileSnapshotRecord
    /// The pack's row; its baseline is set to the snapshot.
    var pack: PackRecord
    /// Each new revision (its snapshot id is set here) with its sections: id, content
    /// hash and the numbers of the lines it read.
    var revisions: [(RevisionRecord, [(id: String, hash: String, reads: String)])]
    var publishedFiles: [PublishedFileRecord]
    var unpublishedFiles: [String]
    /// The run id and the names of the files it staged, nil when it staged none.
    var staged: (runID: String, files: [String])?
}

extension RevisionStore {
    /// Records `run` in one transaction: either all of it is in the store afterwards, or
    /// none of it.
    ///
    /// - Throws: ``PackError`` (a full disk is reported as such).
    func commit(_ run: StoreCommit) throws(PackError) {
        do {
            try queue.write { db in
                var snapshotID = try ProfileSnapshotRecord.filter(Column("hash") == run.snapshot.hash).fetchOne(db)?.id
                if snapshotID == nil {
                    var snapshot = run.snapshot
                    try snapshot.insert(db)
                    snapshotID = snapshot.id
                }
                var pack = run.pack
                pack.baselineSnapshotID = snapshotID
                try pack.save(db)
                // Hundreds of sections a run: one prepared statement, not a record each.
                let insertSection = try db.cachedStatement(sql: """
                    INSERT INTO section (revision_id, position, section_id, content_hash, reads) VALUES (?, ?, ?, ?, ?)
                    """)
                for (planned, sections) in run.revisions {
                    var revision = planned
                    revision.profileSnapshotID = snapshotID ?? 0
                    try revision.insert(db)
                    for (position, section) in sections.enumerated() {
                        try insertSection.execute(arguments: [revision.id, position, section.id, section.hash, section.reads])
                    }
                }
                for file in run.publishedFiles { try file.save(db) }
                for name in run.unpublishedFiles { try PublishedFileRecord.deleteOne(db, key: name) }
                if let staged = run.staged {
                    let names = String(decoding: try JSONEncoder().encode(staged.files), as: UTF8.self)
                    try PublicationRecord(runID: staged.runID, files: names).insert(db)
                }
            }
        } catch {
            throw PackError.store(databasePath, error)
        }
    }
}

extension RevisionStore {
    var stagingFolder: URL { packFolder.appendingPathComponent(Self.folderName).appendingPathComponent("staging") }
    var databasePath: String {
        packFolder.appendingPathComponent(Self.folderName).appendingPathComponent(Self.fileName).path
    }

    /// Finishes what a committed run left undone (its renames) and discards what an
    /// uncommitted run staged. Call while holding the pack's lock.
    public func recover() throws(PackError) {
        let pending: [PublicationRecord]
        do {
            pending = try queue.read { db in try PublicationRecord.fetchAll(db) }
        } catch {
            throw PackError.store(databasePath, error)
        }
        for publication in pending {
            let staging = stagingFolder.appendingPathComponent(publication.runID)
            let names = (try? JSONDecoder().decode([String].self, from: Data(publication.files.utf8))) ?? []
            for name in names {
                let staged = staging.appendingPathComponent(name)
                // A file already moved by an earlier, interrupted recovery is simply gone.
                guard FileManager.default.fileExists(atPath: staged.path) else { continue }
                try PackFiles.replace(packFolder.appendingPathComponent(name), with: staged)
            }
            PackFiles.synchronizeFolder(packFolder)
            do {
                _ = try queue.write { db in try PublicationRecord.deleteOne(db, key: publication.runID) }
            } catch {
                throw PackError.store(databasePath, error)
            }
        }
        // Whatever remains staged belongs to runs that never committed.
        if let leftovers = try? FileManager.default.contentsOfDirectory(atPath: stagingFolder.path) {
            for name in leftovers { try? FileManager.default.removeItem(at: stagingFolder.appendingPathComponent(name)) }
        }
    }
}
