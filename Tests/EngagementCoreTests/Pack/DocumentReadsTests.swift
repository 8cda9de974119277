import Foundation
import GRDB
import Testing

@testable import EngagementCore

/// A document's reads are stored once per revision, sorted by path; each section keeps
/// the numbers of the lines it read. Stores written before keep the lines per section,
/// and stay readable.
@Suite("Document reads")
struct DocumentReadsTests {
    @Test(
        "line numbers are written as runs and read back",
        arguments: [
            ([Int](), ""), ([0], "0"), ([0, 1, 2, 5, 7, 8], "0-2 5 7-8"), ([1, 1, 2, 2], "1-2"),
            ([3, 4, 10, 11, 12, 40], "3-4 10-12 40"), ([9, 11], "9 11"),
        ])
    func lineNumbers(numbers: [Int], text: String) {
        #expect(LineNumbers.encode(numbers) == text)
        #expect(LineNumbers.decode(text) == Array(Set(numbers)).sorted())
    }

    @Test("reading line numbers skips what is not a number or a run")
    func malformedLineNumbers() {
        #expect(LineNumbers.decode("a 3-1 4 -2 5-x 7-8") == [4, 7, 8])
    }

    @Test("numbers beyond a document's lines are skipped, and a huge run costs nothing")
    func lineNumbersBeyondTheLines() {
        #expect(LineNumbers.decode("1 3-9223372036854775806 99999999999999999999", below: 5) == [1, 3, 4])
        let lines: [(path: String, hash: String)] = [("/client/a", "1"), ("/client/b", "2")]
        #expect(DocumentReads.reads("0 1-9223372036854775806 7", of: lines) == ["/client/a": "1", "/client/b": "2"])
    }

    @Test("a document writes each line once, sorted by path, and numbers each section's lines in that order")
    func buildsSortedLinesAndNumbers() {
        // In the order first read; a membership line is shared by two sections.
        let lines: [(path: String, hash: String)] = [
            ("/client/name", "aa"), ("/client/*", "bb"), ("/client/values/value[@id='v2']", "cc"),
            ("/client/values/*", "dd"), ("/client/values/value[@id='v1']", "ee"),
        ]
        let built = DocumentReads.build(lines: lines, sections: [[0, 1], [2, 3, 4, 3, 1], []])
        #expect(built.reads.encodedLines == """
            /client/*\tbb
            /client/name\taa
            /client/values/*\tdd
            /client/values/value[@id='v1']\tee
            /client/values/value[@id='v2']\tcc
            """)
        #expect(built.sections == ["0-1", "0 2-4", ""])
        let all = built.reads.lines
        #expect(DocumentReads.reads(built.sections[1], of: all) == [
            "/client/*": "bb", "/client/values/*": "dd", "/client/values/value[@id='v1']": "ee",
            "/client/values/value[@id='v2']": "cc",
        ])
        #expect(DocumentReads.reads(built.sections[2], of: all).isEmpty)
    }

    @Test("a path read through two nodes is written once, with the first node's hash")
    func samePathTwice() {
        let built = DocumentReads.build(lines: [("/client/b", "1"), ("/client/a", "2"), ("/client/b", "3")], sections: [[2], [0, 1]])
        #expect(built.reads.encodedLines == "/client/a\t2\n/client/b\t1")
        #expect(built.sections == ["1", "0-1"])
    }

    @Test("paths beyond ASCII are sorted and merged as strings, as the input fingerprint has always ordered them")
    func nonASCIIPaths() {
        // As bytes, "e" + U+0301 (65 CC 81) sorts before U+00E9 (C3 A9); as Strings the
        // first is the second followed by "z", so it sorts after "\u{E9}a".
        let built = DocumentReads.build(
            lines: [("/c/e\u{301}z", "1"), ("/c/\u{E9}a", "2"), ("/c/\u{E9}z", "3")], sections: [[0], [1], [2]])
        #expect(built.reads.encodedLines == "/c/\u{E9}a\t2\n/c/e\u{301}z\t1")
        #expect(built.sections == ["1", "0", "1"])
    }

    @Test("the fingerprint is FNV-1a of PATH=HASH lines, each ended by a newline")
    func fingerprint() {
        let reads = DocumentReads(encodedLines: "/client/a\t0123\n/client/b\t4567")
        #expect(reads.fingerprint == FNV1a.hash("/client/a=0123\n/client/b=4567\n"))
        #expect(DocumentReads(encodedLines: "").fingerprint == FNV1a.hash(""))
    }

    @Test("a section trace made from reads gives them back, and equals any trace of the same reads")
    func sectionTraceRoundTrip() {
        let reads = ["/client/name": "aa", "/client/*": "bb"]
        let trace = SectionTrace(sectionID: "intro", reads: reads)
        #expect(trace.reads == reads)
        let built = DocumentReads.build(lines: [("/x", "1"), ("/client/name", "aa"), ("/client/*", "bb")], sections: [[1, 2]])
        #expect(SectionTrace(sectionID: "intro", encodedLineNumbers: built.sections[0], document: built.reads) == trace)
        #expect(SectionTrace(sectionID: "other", reads: reads) != trace)
    }

    @Test("a store written before revisions kept their reads is upgraded and its traces still read")
    func storeFromBeforeDocumentReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engage-reads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeFolder = folder.appendingPathComponent(RevisionStore.folderName)
        try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        let oldReads = ["/client/name": "aa", "/client/*": "bb"]
        do {
            // The store as the first schema left it.
            let queue = try DatabaseQueue(path: storeFolder.appendingPathComponent(RevisionStore.fileName).path)
            try RevisionStore.migrator.migrate(queue, upTo: "v1: revisions, sections and traces")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO profile_snapshot (id, hash, canonical_xml, created_at) VALUES (1, 'h', x'00', 't');
                    INSERT INTO revision (id, kind, number, content_hash, xhtml, profile_snapshot_id, template_hash,
                                          engine_version, created_at)
                        VALUES (1, 'strategy', 1, 'c', x'00', 1, 't', '0.1.0', 't');
                    """)
                try db.execute(
                    sql: "INSERT INTO section (revision_id, position, section_id, content_hash, reads) VALUES (1, 0, 'intro', 'c', ?)",
                    arguments: [SectionReads.encode(oldReads)])
            }
        }
        let store = try RevisionStore(packFolder: folder, create: false)
        #expect(try store.traces(ofRevision: 1) == ["intro": oldReads])
        let migrations = try store.queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.contains("v2: a revision's reads stored once"))

        // A revision written after the upgrade keeps its reads once; both read back.
        let built = DocumentReads.build(lines: [("/client/name", "ab"), ("/client/mission", "cd")], sections: [[1], [0, 1]])
        try store.queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO revision (id, kind, number, content_hash, xhtml, profile_snapshot_id, template_hash,
                                          engine_version, created_at, reads)
                        VALUES (2, 'strategy', 2, 'c2', x'00', 1, 't', '0.2.0', 't', ?)
                    """, arguments: [built.reads.encodedLines])
            for (position, numbers) in built.sections.enumerated() {
                try db.execute(
                    sql: "INSERT INTO section (revision_id, position, section_id, content_hash, reads) VALUES (2, ?, ?, 'c', ?)",
                    arguments: [position, "s\(position)", numbers])
            }
        }
        #expect(try store.traces(ofRevision: 1) == ["intro": oldReads])
        #expect(try store.traces(ofRevision: 2) == [
            "s0": ["/client/mission": "cd"], "s1": ["/client/name": "ab", "/client/mission": "cd"],
        ])
        // Fetched records leave the reads out.
        #expect(try store.revisions(of: .strategy).map(\.number) == [1, 2])
        #expect(try store.latestRevisions()[.strategy]?.number == 2)
        #expect(try store.revisions(of: .strategy).allSatisfy { $0.reads == nil })
    }
}
