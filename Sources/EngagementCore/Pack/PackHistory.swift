import Foundation
import XMLSupport

/// A document named on the command line: `strategy` or `strategy@3`.
public struct DocumentReference: Sendable, Hashable {
    public var kind: DocumentKind
    /// The revision number; nil means the latest.
    public var revision: Int?

    /// Parses `KIND[@N]`.
    public init(parsing text: String) throws(PackError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let kind = DocumentKind(rawValue: String(parts[0])) else { throw .unknownDocument(String(parts[0])) }
        self.kind = kind
        if parts.count == 2 {
            guard let number = Int(parts[1]), number >= 1 else { throw .unknownDocument(text) }
            revision = number
        }
    }

    public init(kind: DocumentKind, revision: Int?) {
        self.kind = kind
        self.revision = revision
    }
}

/// The revision history of a pack as the log shows it.
public struct PackHistory: Sendable, Encodable {
    /// One revision and how its sections differ from the revision before.
    public struct Entry: Sendable, Encodable {
        public var kind: String
        public var number: Int
        public var createdAt: String
        public var contentHash: String
        public var profileHash: String
        public var templateHash: String
        public var engineVersion: String
        /// `client` or `internal`; null for revisions written before editions existed.
        @NullWhenAbsent public var edition: String?
        /// Why the revision was made (`--reason`); null when not said.
        @NullWhenAbsent public var reason: String?
        public var sectionsAdded: [String]
        public var sectionsRemoved: [String]
        public var sectionsChanged: [String]
    }

    public var pack: String
    @NullWhenAbsent public var clientId: String?
    @NullWhenAbsent public var profilePath: String?
    public var revisions: [Entry]

    /// Reads the history of the pack at `folder`, of one kind or all.
    ///
    /// - Parameter wait: how long to wait for a run that is writing the pack.
    public init(packFolder folder: URL, kind: DocumentKind?, wait: LockWait = .standard) throws(PackError) {
        let store = try PackAccess.open(folder, wait: wait)
        let packRecord = try store.pack()
        pack = folder.path
        clientId = packRecord?.clientID
        profilePath = packRecord?.profilePath
        var entries: [Entry] = []
        var previousSections: [DocumentKind: [String: String]] = [:]
        var snapshotHashes: [Int64: String] = [:]
        for revision in try store.revisions(of: kind) {
            guard let revisionKind = revision.documentKind, let id = revision.id else { continue }
            let sections = try store.sections(ofRevision: id)
            let current = Dictionary(sections.map { ($0.sectionID, $0.contentHash) }, uniquingKeysWith: { a, _ in a })
            let order = sections.map(\.sectionID)
            let before = previousSections[revisionKind]
            if snapshotHashes[revision.profileSnapshotID] == nil {
                snapshotHashes[revision.profileSnapshotID] = try store.snapshot(id: revision.profileSnapshotID)?.hash ?? ""
            }
            entries.append(Entry(
                kind: revision.kind, number: revision.number, createdAt: revision.createdAt,
                contentHash: revision.contentHash, profileHash: snapshotHashes[revision.profileSnapshotID] ?? "",
                templateHash: revision.templateHash, engineVersion: revision.engineVersion,
                edition: revision.edition?.rawValue, reason: revision.reason,
                sectionsAdded: before.map { old in order.filter { old[$0] == nil } } ?? [],
                sectionsRemoved: before.map { old in old.keys.filter { current[$0] == nil }.sorted() } ?? [],
                sectionsChanged: before.map { old in order.filter { old[$0] != nil && old[$0] != current[$0] } } ?? []))
            previousSections[revisionKind] = current
        }
        revisions = entries
    }
}

/// Opening a pack for reading.
public enum PackAccess {
    /// Opens the store of the pack at `folder` read-only, holding a shared lock on the
    /// pack (when its lock file can be opened) until the store is closed or released.
    /// An interrupted run is finished first when the pack is writable; on a read-only
    /// pack, `wait.notice` is told that one is pending.
    ///
    /// - Throws: ``PackError`` when the folder is not a pack, or its store is missing,
    ///   empty, damaged or without history.
    ///
    /// - Parameter upgrade: migrate a store written by an older engage first, for a
    ///   command that goes on to write the pack; readers read it as it is.
    public static func open(_ folder: URL, wait: LockWait = .standard, upgrade: Bool = false) throws(PackError) -> RevisionStore {
        try RevisionStore.openForReading(folder, wait: wait, upgrade: upgrade)
    }

    /// The stored XHTML of a revision as a tree, for rendering or comparing.
    public static func document(_ revision: RevisionRecord) throws(XMLParseFailure) -> XMLOutputElement {
        let parsed = try XMLDocument.parse(
            bytes: [UInt8](revision.xhtml), fileName: "\(revision.kind)@\(revision.number)",
            limits: XMLLimits(maximumBytes: 256 << 20, maximumDepth: 256))
        return outputElement(parsed.root)
    }

    /// Converts a parsed tree into an output tree.
    public static func outputElement(_ element: SourceElement) -> XMLOutputElement {
        var attributes: [String: String] = [:]
        for attribute in element.attributes {
            let name = attribute.namespaceURI == "http://www.w3.org/XML/1998/namespace" ? "xml:\(attribute.name)" : attribute.name
            attributes[name] = attribute.value
        }
        return XMLOutputElement(
            name: element.name, namespaceURI: element.namespaceURI, attributes: attributes,
            children: element.children.compactMap {
                switch $0 {
                case .text(let text):
                    // Indentation added when the XHTML was written: the only whitespace-only
                    // text with a line break, since templates drop such text and values are
                    // normalized.
                    text.contains("\n") && text.allSatisfy(\.isWhitespace) ? nil : .text(text)
                case .element(let child): .element(outputElement(child))
                }
            })
    }
}
