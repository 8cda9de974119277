import Foundation
import GRDB

/// The pack's own row: which client it is for and where its profile lives.
public struct PackRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "pack"
    public var id: Int64 = 1
    public var clientID: String
    /// The profile path as last given, absolute, so commands run from anywhere find it.
    public var profilePath: String
    /// The template folder given with --templates, nil for the shipped templates.
    public var templatesPath: String?
    /// The profile the last generate or regenerate ran on: what alerts compare against.
    public var baselineSnapshotID: Int64?
    /// The formats the last generate or regenerate wrote, in ``OutputFormat`` order; nil
    /// for packs last written before the store kept them.
    public var formats: [OutputFormat]?
    /// The edition the last generate or regenerate wrote; nil for packs last written
    /// before editions existed.
    public var edition: DocumentEdition?
    /// The firm file the last generate or regenerate read, absolute; nil for none.
    public var firmPath: String?
    /// The document date the last generate set with `--date`; nil to take the profile's.
    public var documentDate: ProfileDate?

    /// - Parameter formats: the formats written, nil when unknown.
    public init(
        id: Int64 = 1, clientID: String, profilePath: String, templatesPath: String? = nil, baselineSnapshotID: Int64? = nil,
        formats: [OutputFormat]? = nil, edition: DocumentEdition? = nil, firmPath: String? = nil, documentDate: ProfileDate? = nil
    ) {
        self.edition = edition
        self.firmPath = firmPath
        self.documentDate = documentDate
        self.id = id
        self.clientID = clientID
        self.profilePath = profilePath
        self.templatesPath = templatesPath
        self.baselineSnapshotID = baselineSnapshotID
        self.formats = formats
    }

    enum CodingKeys: String, CodingKey {
        case id, clientID = "client_id", profilePath = "profile_path", templatesPath = "templates_path"
        case baselineSnapshotID = "baseline_snapshot_id", formats, edition, firmPath = "firm_path"
        case documentDate = "document_date"
    }

    /// The table's columns, for queries.
    public enum Columns {
        public static let clientID = Column(CodingKeys.clientID)
        public static let formats = Column(CodingKeys.formats)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        clientID = try container.decode(String.self, forKey: .clientID)
        profilePath = try container.decode(String.self, forKey: .profilePath)
        templatesPath = try container.decodeIfPresent(String.self, forKey: .templatesPath)
        baselineSnapshotID = try container.decodeIfPresent(Int64.self, forKey: .baselineSnapshotID)
        // One comma-separated column ("xhtml,html,md"): readable in the sqlite3 shell. A
        // name this engage does not know is left out rather than failing the whole pack.
        formats = try container.decodeIfPresent(String.self, forKey: .formats).map { list in
            list.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) }
        }
        edition = try container.decodeIfPresent(String.self, forKey: .edition).flatMap(DocumentEdition.init(rawValue:))
        firmPath = try container.decodeIfPresent(String.self, forKey: .firmPath)
        documentDate = try container.decodeIfPresent(String.self, forKey: .documentDate).flatMap(ProfileDate.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(profilePath, forKey: .profilePath)
        try container.encode(templatesPath, forKey: .templatesPath)
        try container.encode(baselineSnapshotID, forKey: .baselineSnapshotID)
        try container.encode(formats?.map(\.rawValue).joined(separator: ","), forKey: .formats)
        try container.encode(edition?.rawValue, forKey: .edition)
        try container.encode(firmPath, forKey: .firmPath)
        try container.encode(documentDate?.description, forKey: .documentDate)
    }
}

/// A profile as one or more revisions were generated from it.
public struct ProfileSnapshotRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "profile_snapshot"
    public var id: Int64?
    /// The fingerprint of the normalized profile (``EngagementModel/profileHash``).
    public var hash: String
    /// The normalized profile XML, enough to compare a later profile with it.
    public var canonicalXML: Data
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, hash, canonicalXML = "canonical_xml", createdAt = "created_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One generated version of one document kind.
public struct RevisionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "revision"
    public var id: Int64?
    public var kind: String
    public var number: Int
    /// Hash of the document with its revision-specific fields left as placeholders: equal
    /// hashes mean the content did not change.
    public var contentHash: String
    /// The canonical XHTML as written to the pack.
    public var xhtml: Data
    public var profileSnapshotID: Int64
    public var templateHash: String
    public var engineVersion: String
    public var createdAt: String
    /// Every input the document read, "PATH\tHASH" lines sorted by path (see
    /// ``DocumentReads``); nil for revisions stored before the store kept them here, and
    /// in fetched records (``databaseSelection``).
    public var reads: String?
    /// The hash of ``xhtml`` (``xhtmlHash(of:)``), set when the record is inserted:
    /// what ``RevisionStore/verified(_:)`` checks the bytes against before they are used.
    public var xhtmlHash: String? = nil
    /// The edition the revision was rendered for; nil for revisions stored before
    /// editions existed, which showed what the internal edition shows. A pack without a
    /// recorded edition is compared with, and regenerated in, the client edition (the
    /// default) unless `--edition` says otherwise.
    public var edition: DocumentEdition? = nil
    /// Why the revision was made, as `generate` or `regenerate --reason` gave it; nil
    /// when none was given.
    public var reason: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, kind, number, contentHash = "content_hash", xhtml, profileSnapshotID = "profile_snapshot_id"
        case templateHash = "template_hash", engineVersion = "engine_version", createdAt = "created_at", reads
        case xhtmlHash = "xhtml_hash", edition, reason
    }

    /// The table's columns, for queries.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let kind = Column(CodingKeys.kind)
        public static let number = Column(CodingKeys.number)
        public static let xhtml = Column(CodingKeys.xhtml)
        public static let xhtmlHash = Column(CodingKeys.xhtmlHash)
    }

    /// The hash stored with a revision's bytes: FNV-1a over them, as 16 hex digits.
    public static func xhtmlHash(of bytes: Data) -> String {
        // Through a buffer: iterating Data byte by byte costs ten times as much.
        FNV1a.hex(bytes.withUnsafeBytes { FNV1a.hash($0) })
    }

    /// Records the hash of the bytes as they go in, so that every writer stores it.
    public mutating func willInsert(_ db: Database) throws { xhtmlHash = Self.xhtmlHash(of: xhtml) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Fetched records leave out the reads (as large as the document): only status and
    /// alerts need them, and they read them with ``RevisionStore/traces(ofRevision:)``.
    public static var databaseSelection: [any SQLSelectable] { [.allColumns(excluding: ["reads"])] }

    public var documentKind: DocumentKind? { DocumentKind(rawValue: kind) }
}

/// A section of a revision, in document order.
public struct SectionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "section"
    public var id: Int64?
    public var revisionID: Int64
    public var position: Int
    public var sectionID: String
    public var contentHash: String
    /// What the section read: the numbers of its lines in the revision's ``RevisionRecord/reads``
    /// (``LineNumbers``); for a revision without them, the lines themselves (``SectionReads``).
    public var reads: String

    enum CodingKeys: String, CodingKey {
        case id, revisionID = "revision_id", position, sectionID = "section_id", contentHash = "content_hash", reads
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A document file of the pack as the last run wrote (or found) it.
public struct PublishedFileRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "published_file"
    /// The file name inside the pack, `strategy.md`.
    public var name: String
    /// FNV-1a of its bytes (``hash(of:)``).
    public var hash: String

    public enum Columns {
        static let name = Column(CodingKeys.name)
    }

    /// The hash a published file is recorded with.
    public static func hash<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> String {
        FNV1a.hex(FNV1a.hash(Array(bytes)))
    }
}

/// Files staged by a committed run that are still to be moved into the pack; present only
/// between a run's commit and the end of its renames (or after a crash in between).
struct PublicationRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "publication"
    var runID: String
    /// JSON array of file names staged under `.engage/staging/RUN/`.
    var files: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", files
    }
}

/// The encoding of a section's reads in stores written before revisions kept their reads
/// (``DocumentReads``): one `PATH<TAB>HASH` line per input, sorted by path. Read for
/// those revisions; tests write such stores with ``encode(_:)``.
public enum SectionReads {
    /// The lines for `reads` (path to hash), sorted by path.
    public static func encode(_ reads: [String: String]) -> String {
        reads.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
    }

    /// The reads in `text`, as ``encode(_:)`` writes them; a line without a path before
    /// a tab is skipped.
    public static func decode(_ text: String) -> [String: String] {
        var reads: [String: String] = [:]
        for line in DocumentReads.lines(of: text) where !line.path.isEmpty {
            reads[line.path] = line.hash
        }
        return reads
    }
}
