import Foundation
import XMLSupport

/// Which documents of a pack are stale, which sections, and why (DESIGN section 9).
///
/// A section is stale when a model input it read (its trace) has a different value now,
/// or when its document's templates or the engine changed. A section that read nothing
/// that changed is current.
public struct PackStatus: Sendable, Encodable {
    /// Why a section is stale.
    public struct Cause: Sendable, Encodable, Hashable {
        /// `profile-change`, `edition-change`, `template-change` or `engine-change`.
        public var type: String
        /// The model path the section read, for a profile change.
        @NullWhenAbsent public var read: String?
        @NullWhenAbsent public var oldValue: String?
        @NullWhenAbsent public var newValue: String?
        /// The profile changes behind the new value.
        public var changes: [ProfileChange]
        /// One line for a person.
        public var summary: String
    }

    public struct Section: Sendable, Encodable {
        public var sectionId: String
        public var causes: [Cause]
    }

    /// A document file that is not what the pack published: deleted or edited by hand.
    public struct FileProblem: Sendable, Encodable, Hashable {
        /// The file name inside the pack, `strategy.md`.
        public var file: String
        /// `missing` or `modified`.
        public var problem: String
    }

    public struct Document: Sendable, Encodable {
        public var kind: String
        /// The latest revision, nil when the kind has none yet.
        @NullWhenAbsent public var revision: Int?
        /// `current`, `stale` (regenerating would change its sections or restore its
        /// files) or `missing` (never generated).
        public var state: String
        public var staleSections: [Section]
        /// Its files that differ from what was published; regenerate restores them.
        public var files: [FileProblem]
    }

    /// One profile change and what it makes stale: a line a reviewer can act on.
    public struct ChangeEffect: Sendable, Encodable {
        public var change: ProfileChange
        /// In words: `expectation exp-wait target changed: "70" -> "63"`.
        public var summary: String
        /// The documents with a section it makes stale, in document order.
        public var documents: [String]
        /// Those sections, as `document#section`.
        public var sections: [String]
    }

    public var pack: String
    public var profile: String
    /// The edition compared with: the pack's own, or the one `--edition` gave.
    public var edition: DocumentEdition
    public var current: Bool
    public var documents: [Document]
    /// Every change from the profile the documents were last generated from.
    public var profileChanges: [ProfileChange]
    /// Each of ``profileChanges`` with the documents and sections it makes stale.
    public var changeEffects: [ChangeEffect]
    /// Why the pending change is made, as `status --reason` gave it: what
    /// `regenerate --reason` would record. Null when not given or nothing is stale.
    @NullWhenAbsent public var pendingReason: String?

    /// Inspects the pack.
    public init(_ inspection: PackInspection) {
        pack = inspection.store.packFolder.path
        profile = inspection.profilePath
        edition = inspection.current.edition
        var documents: [Document] = []
        let published = (try? inspection.store.publishedFiles()) ?? [:]
        for kind in DocumentKind.allCases {
            guard let revision = inspection.latest[kind], let revisionID = revision.id else {
                documents.append(Document(kind: kind.rawValue, revision: nil, state: "missing", staleSections: [], files: []))
                continue
            }
            var blanket: [Cause] = []
            if inspection.templateHashes[kind] != revision.templateHash {
                blanket.append(Cause(
                    type: "template-change", read: nil, oldValue: revision.templateHash, newValue: inspection.templateHashes[kind],
                    changes: [], summary: "the templates of \(kind.rawValue) changed (\(revision.templateHash) -> \(inspection.templateHashes[kind] ?? "?"))"))
            }
            if revision.engineVersion != EngageVersion.current {
                blanket.append(Cause(
                    type: "engine-change", read: nil, oldValue: revision.engineVersion, newValue: EngageVersion.current,
                    changes: [], summary: "engage changed from \(revision.engineVersion) to \(EngageVersion.current)"))
            }
            let files = Self.fileProblems(kind, revision: revision, inspection: inspection, published: published)
            // A revision stored before editions existed showed what the internal edition shows.
            let editionChanged = (revision.edition ?? .internal) != inspection.current.edition
            // Generated from exactly this profile and these templates: nothing to re-read.
            if blanket.isEmpty && !editionChanged && inspection.profileUnchanged(since: revision.profileSnapshotID) {
                documents.append(Document(
                    kind: kind.rawValue, revision: revision.number, state: files.isEmpty ? "current" : "stale",
                    staleSections: [], files: files))
                continue
            }
            let traces = (try? inspection.store.traces(ofRevision: revisionID)) ?? [:]
            let order = ((try? inspection.store.sections(ofRevision: revisionID)) ?? []).map(\.sectionID)
            let changes = inspection.changes(sinceSnapshot: revision.profileSnapshotID)
            var changedPaths: [String: Cause] = [:]
            // One render gives a path one hash, whichever sections read it.
            var reads: [String: String] = [:]
            for sectionReads in traces.values { reads.merge(sectionReads) { first, _ in first } }
            for (path, hash) in reads.sorted(by: { $0.key < $1.key })
            where changedPaths[path] == nil
                && (Self.mayHaveChanged(path, changes: changes) || editionChanged && EngagementModel.readsEdition(path))
                && inspection.currentHash(of: path) != hash
            {
                let related = Self.changes(changes, explaining: path)
                if related.isEmpty, editionChanged, EngagementModel.readsEdition(path) {
                    let old = (revision.edition ?? .internal).rawValue, new = inspection.current.edition.rawValue
                    changedPaths[path] = Cause(
                        type: "edition-change", read: path, oldValue: old, newValue: new, changes: [],
                        summary: "the edition changed from \(old) to \(new)")
                    continue
                }
                let oldValue = inspection.snapshotModel(revision.profileSnapshotID).flatMap { inspection.value(of: path, in: $0.1) }
                let newValue = inspection.currentValue(of: path)
                changedPaths[path] = Cause(
                    type: "profile-change", read: path, oldValue: oldValue, newValue: newValue, changes: related,
                    summary: Self.summary(path: path, old: oldValue, new: newValue, changes: related))
            }
            var stale: [Section] = []
            for sectionID in order {
                let reads = traces[sectionID] ?? [:]
                let causes = blanket + Self.grouped(reads.keys.sorted().compactMap { changedPaths[$0] })
                if !causes.isEmpty { stale.append(Section(sectionId: sectionID, causes: causes)) }
            }
            documents.append(Document(
                kind: kind.rawValue, revision: revision.number, state: stale.isEmpty && files.isEmpty ? "current" : "stale",
                staleSections: stale, files: files))
        }
        self.documents = documents
        current = documents.allSatisfy { $0.state == "current" }
        let baseline = inspection.pack.baselineSnapshotID
        profileChanges = baseline.map { inspection.changes(sinceSnapshot: $0) } ?? []
        changeEffects = profileChanges.map { change in
            var kinds: [String] = []
            var sections: [String] = []
            for document in documents {
                // Matched on what changed where, not on the values: a revision older than the
                // baseline saw the same change from an older value.
                let same = { (other: ProfileChange) in other.kind == change.kind && other.path == change.path && other.field == change.field }
                for section in document.staleSections where section.causes.contains(where: { $0.changes.contains(where: same) }) {
                    if !kinds.contains(document.kind) { kinds.append(document.kind) }
                    sections.append("\(document.kind)#\(section.sectionId)")
                }
            }
            return ChangeEffect(change: change, summary: ProfileChangeText.describe(change), documents: kinds, sections: sections)
        }
    }

    /// The files of `kind` that differ from what the pack published: each format the pack
    /// is written in, compared with the hash the store recorded (for packs written before
    /// files were recorded, the XHTML with the revision's own bytes).
    static func fileProblems(
        _ kind: DocumentKind, revision: RevisionRecord, inspection: PackInspection, published: [String: String]
    ) -> [FileProblem] {
        let folder = inspection.store.packFolder
        var problems: [FileProblem] = []
        let formats = inspection.pack.formats ?? OutputFormat.defaults
        // The charts beside the Markdown are the Markdown's: checked with it.
        let images = formats.contains(.md) ? published.keys.filter { PackFiles.isChartImage($0, of: kind) }.sorted() : []
        for name in formats.map({ PackFiles.fileName(kind, $0) }) + images {
            let format = OutputFormat.allCases.first { PackFiles.fileName(kind, $0) == name }
            let expected: String?
            if let hash = published[name] {
                expected = hash
            } else if format == .xhtml, published.isEmpty {
                expected = PublishedFileRecord.hash(of: revision.xhtml)
            } else {
                expected = nil
            }
            guard let expected else { continue }
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                problems.append(FileProblem(file: name, problem: "missing"))
                continue
            }
            if PublishedFileRecord.hash(of: bytes) != expected { problems.append(FileProblem(file: name, problem: "modified")) }
        }
        return problems
    }

    /// One cause per profile change: a section that read an element and its children,
    /// or a figure and the profile data behind it, hears of the change once, through the
    /// most specific read. Causes no profile change explains are kept as they are.
    static func grouped(_ causes: [Cause]) -> [Cause] {
        var byChanges: [[ProfileChange]: Cause] = [:]
        var order: [[ProfileChange]] = []
        var unexplained: [Cause] = []
        for cause in causes {
            guard !cause.changes.isEmpty else {
                // An element read whose value is only its attributes says nothing by itself.
                if cause.oldValue == "" && cause.newValue == "" { continue }
                // One edition change, however many expressions read it, is one cause.
                if cause.type == "edition-change", unexplained.contains(where: { $0.type == cause.type }) { continue }
                unexplained.append(cause)
                continue
            }
            if let kept = byChanges[cause.changes] {
                if (cause.read?.count ?? 0) > (kept.read?.count ?? 0), cause.read?.contains("/figures/") == false {
                    byChanges[cause.changes] = cause
                }
            } else {
                byChanges[cause.changes] = cause
                order.append(cause.changes)
            }
        }
        let explained = order.compactMap { byChanges[$0] }
        // A cause naming one change is kept: it says which read that change reached. A
        // cause naming several is kept only for changes no kept cause names yet; taking the
        // widest first, two causes naming the same changes cannot drop each other.
        var covered: Set<ProfileChange> = []
        var keptIndices: Set<Int> = []
        for index in explained.indices where explained[index].changes.count == 1 {
            keptIndices.insert(index)
            covered.formUnion(explained[index].changes)
        }
        let widestFirst = explained.indices.filter { explained[$0].changes.count > 1 }
            .sorted { (explained[$0].changes.count, $1) > (explained[$1].changes.count, $0) }
        for index in widestFirst where !Set(explained[index].changes).isSubset(of: covered) {
            keptIndices.insert(index)
            covered.formUnion(explained[index].changes)
        }
        let kept = explained.indices.filter(keptIndices.contains).map { explained[$0] }
        return kept + unexplained
    }

    /// Whether the profile data at model path `path` can differ, given the element-level
    /// changes of the profile: a path outside every changed element read the same value,
    /// so it need not be evaluated again; a figure can differ only when a profile part it
    /// is computed from changed (``FigureDependencies``).
    static func mayHaveChanged(_ path: String, changes: [ProfileChange]) -> Bool {
        if TraceHash.isValueLine(path) {
            return !Self.changes(changes, explaining: path).isEmpty
        }
        let stripped = TraceHash.listParent(ofLine: path) ?? path
        if stripped.hasPrefix(FigureDependencies.root) {
            guard let sources = FigureDependencies.sources(of: stripped) else { return !changes.isEmpty }
            return changes.contains { change in sources.contains { FigureDependencies.isChange(at: change.path, in: $0) } }
        }
        return changes.contains { stripped.hasPrefix($0.path) || $0.path.hasPrefix(stripped) }
    }

    /// The kinds whose documents are stale or missing.
    public var staleKinds: [DocumentKind] {
        documents.filter { $0.state != "current" }.compactMap { DocumentKind(rawValue: $0.kind) }
    }

    /// The profile changes that explain a change at model path `path`: changes at, under or
    /// above it; for a computed figure, the changes to the profile parts it is computed
    /// from (``FigureDependencies``), narrowed to the element with the figure's id when
    /// one of them is about it.
    static func changes(_ changes: [ProfileChange], explaining path: String) -> [ProfileChange] {
        if TraceHash.isValueLine(path) {
            // A value line's expression reads the paths inside it (predicates stripped):
            // the changes at, under or above one of them, predicates stripped too.
            let found = XPathReadPaths.reads(in: path)
            let inputs = found.paths + found.places
            return changes.filter { change in
                let changed = XPathReadPaths.withoutPredicates(change.path)
                return inputs.contains { input in
                    input.hasPrefix(FigureDependencies.root)
                        ? FigureDependencies.sources(of: input).map { sources in sources.contains { FigureDependencies.isChange(at: change.path, in: $0) } } ?? true
                        : input.hasPrefix(changed) || changed.hasPrefix(input)
                }
            }
        }
        if path.hasPrefix(FigureDependencies.root) {
            let stripped = TraceHash.listParent(ofLine: path) ?? path
            guard let sources = FigureDependencies.sources(of: stripped) else { return changes }
            let inSources = changes.filter { change in sources.contains { FigureDependencies.isChange(at: change.path, in: $0) } }
            if let id = Self.id(in: path) {
                // A measurement's id is EXPECTATION@DATE.
                let aboutIt = inSources.filter { $0.id == id || $0.id?.hasPrefix(id + "@") == true }
                if !aboutIt.isEmpty { return aboutIt }
            }
            return inSources
        }
        let container = TraceHash.listParent(ofLine: path)
        return changes.filter { change in
            if path.hasPrefix(change.path) || change.path.hasPrefix(path) { return true }
            if let container, change.path.hasPrefix(container + "/") { return true }
            return false
        }
    }

    /// The last `[@id='...']` of a path.
    static func id(in path: String) -> String? {
        guard let start = path.range(of: "[@id='", options: .backwards),
            let end = path[start.upperBound...].firstIndex(of: "'")
        else { return nil }
        return String(path[start.upperBound..<end])
    }

    /// A cause in words: the profile change behind it, else what it read, named the way
    /// a reader knows it (the model path stays in ``Cause/read`` for scripts).
    static func summary(path: String, old: String?, new: String?, changes: [ProfileChange]) -> String {
        if let change = changes.first {
            return ProfileChangeText.describe(change) + (changes.count > 1 ? " (and \(changes.count - 1) more)" : "")
        }
        return "\(ProfileChangeText.words(forPath: path)) changed: \(ProfileChangeText.quote(old)) -> \(ProfileChangeText.quote(new))"
    }
}

/// Sentences about profile changes.
public enum ProfileChangeText {
    public static func describe(_ change: ProfileChange) -> String {
        let subject = change.id.map { "\(change.element) \($0)" } ?? change.element
        switch change.kind {
        case .added: return "\(subject) added" + ((change.new ?? "").isEmpty ? "" : ": \(quote(change.new))")
        case .removed: return "\(subject) removed" + ((change.old ?? "").isEmpty ? "" : ": \(quote(change.old))")
        case .modified:
            let field = change.field.map { " " + ($0.hasPrefix("@") ? String($0.dropFirst()) : $0) } ?? ""
            return "\(subject)\(field) changed: \(quote(change.old)) -> \(quote(change.new))"
        }
    }

    /// A model path in words, every step kept: `/client/figures/appraisal/option[@id='o']/year[@n='2']/@net`
    /// is "the figures of appraisal option o year 2, net"; `/client/identity/name` "identity name".
    public static func words(forPath path: String) -> String {
        let isFigure = path.hasPrefix(FigureDependencies.root + "/")
        var steps = path.split(separator: "/").map(String.init).filter { $0 != "client" && $0 != "figures" }
        var attribute: String?
        if let last = steps.last, last.hasPrefix("@") {
            attribute = String(last.dropFirst())
            steps.removeLast()
        }
        let subject = steps.map { step -> String in
            guard let open = step.firstIndex(of: "[") else { return step }
            // The quoted values of the step's predicates: [@expectation='e'][@date='d'] is "e@d".
            let keys = step[open...].split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let position = keys.isEmpty ? step[open...].filter(\.isNumber) : ""
            return "\(step[..<open]) \(keys.isEmpty ? String(position) : keys.joined(separator: "@"))"
        }.joined(separator: " ")
        let named = isFigure ? "the figures of \(subject)" : subject
        return attribute.map { "\(named), \($0)" } ?? named
    }

    static func quote(_ text: String?) -> String {
        guard let text else { return "(none)" }
        let short = text.count > 100 ? String(text.prefix(97)) + "..." : text
        return "\"\(short)\""
    }
}
