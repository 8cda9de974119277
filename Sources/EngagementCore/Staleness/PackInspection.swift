import Foundation
import XMLSupport

/// Everything status and alerts compare: the pack's latest revisions with their traces,
/// the profile each was generated from, and the current profile and templates.
public final class PackInspection {
    /// Why a pack cannot be inspected.
    public enum Failure: Error, CustomStringConvertible {
        case pack(PackError)
        case invalidProfile([Diagnostic])
        /// The pack's firm file (or --firm) is invalid.
        case invalidFirm([Diagnostic])
        /// The profile file cannot be read at all (``ProfileLoadResult/isUnreadable``).
        case unreadableProfile([Diagnostic])
        /// The template folder named by `--templates` or `ENGAGE_TEMPLATES` is not a folder.
        case templatesUnusable(TemplateLocator.Error)
        /// A template does not parse.
        case templates(TemplateFailure)

        public var description: String {
            switch self {
            case .pack(let error): "error: \(error)"
            case .invalidProfile(let diagnostics):
                (diagnostics.map(\.formatted) + ["error: the profile is invalid; fix it before checking the pack."])
                    .joined(separator: "\n")
            case .invalidFirm(let diagnostics):
                (diagnostics.map(\.formatted) + ["error: the firm file is invalid; fix it before checking the pack."])
                    .joined(separator: "\n")
            case .unreadableProfile(let diagnostics):
                diagnostics.map(\.formatted).joined(separator: "\n")
            case .templatesUnusable(let error): "error: \(error)"
            case .templates(let failure): failure.formatted
            }
        }
    }

    public let store: RevisionStore
    public let pack: PackRecord
    public let profilePath: String
    public let current: EngagementModel
    public let latest: [DocumentKind: RevisionRecord]
    /// The template hash each kind would be rendered with now.
    public let templateHashes: [DocumentKind: String]
    /// The templates status compares against; regenerate renders from them.
    public let templates: TemplateSet

    /// The current model as an XPath session, parsed only when a path must be evaluated.
    private lazy var currentSession: XPathSession? = try? current.session()
    private var snapshotModels: [Int64: (EngagementModel, XPathSession)?] = [:]
    private var snapshotRoots: [Int64: SourceElement?] = [:]
    private var compiledPaths: [String: XPathExpression] = [:]

    /// Opens the pack at `folder` and loads its profile (or `profileOverride`).
    ///
    /// - Parameters:
    ///   - editionOverride: the edition to compare with, instead of the one the pack was
    ///     last written in (client for a pack written before editions existed).
    ///   - lockWait: how long to wait for a run that is writing the pack.
    ///   - forWriting: upgrade a store written by an older engage first, for regenerate.
    ///   - firmOverride: the firm file to use instead of the pack's; `FirmLocator.none`
    ///     for none.
    public init(
        packFolder folder: URL, profileOverride: String?, templatesOverride: String? = nil,
        editionOverride: DocumentEdition? = nil, firmOverride: String? = nil, lockWait: LockWait = .standard,
        forWriting: Bool = false
    ) throws(Failure) {
        do {
            store = try PackAccess.open(folder, wait: lockWait, upgrade: forWriting)
            guard let record = try store.pack() else { throw PackError.notAPack(folder.path) }
            pack = record
            latest = try store.latestRevisions()
        } catch let error as PackError {
            throw .pack(error)
        } catch {
            throw .pack(.storeUnreadable(folder.path, reason: "\(error)"))
        }
        profilePath = profileOverride ?? pack.profilePath
        if profileOverride == nil, profilePath == ProfileLoader.standardInputPath { throw .pack(.profileFromStandardInput) }
        guard profilePath == ProfileLoader.standardInputPath || FileManager.default.fileExists(atPath: profilePath) else {
            throw .pack(.profileMissing(profilePath))
        }
        let loaded = ProfileLoader.load(fileAt: profilePath)
        guard loaded.isValid, let profile = loaded.profile, let root = loaded.root else {
            throw loaded.isUnreadable ? .unreadableProfile(loaded.diagnostics) : .invalidProfile(loaded.diagnostics)
        }
        // Comparing one client's pack with another client's profile reports nonsense.
        guard profile.id == pack.clientID else {
            throw .pack(.profileOfAnotherClient(profile: profilePath, client: profile.id, packClient: pack.clientID))
        }
        // The firm file the pack was generated with, or the one given instead.
        var firm: FirmSource?
        if let firmPath = firmOverride.map({ $0 == FirmLocator.none ? nil : $0 }) ?? pack.firmPath {
            guard FileManager.default.fileExists(atPath: firmPath) else { throw .pack(.firmMissing(firmPath)) }
            let loadedFirm = FirmLoader.load(fileAt: firmPath)
            guard loadedFirm.isValid, let value = loadedFirm.firm, let firmRoot = loadedFirm.root else {
                throw .invalidFirm(loadedFirm.diagnostics)
            }
            firm = FirmSource(firm: value, root: firmRoot, path: firmPath)
        }
        current = EngagementModel(
            profile: profile, root: root, edition: editionOverride ?? pack.edition ?? .client, firm: firm,
            documentDate: pack.documentDate)
        // The folder the pack was generated with, else the one a generate would use now.
        if templatesOverride == nil, let recorded = pack.templatesPath {
            guard TemplateLocator.state(ofFolderAtPath: recorded) == .folder else { throw .pack(.templatesMissing(recorded)) }
        }
        let templates: TemplateSet
        do {
            templates = try TemplateLocator.templates(option: templatesOverride ?? pack.templatesPath)
        } catch {
            throw .templatesUnusable(error)
        }
        self.templates = templates
        do throws(TemplateFailure) {
            let sources = try TemplateSources(templates, includesOnly: true)
            var hashes: [DocumentKind: String] = [:]
            for kind in DocumentKind.allCases {
                hashes[kind] = TemplateCompiler.sourceHash(kind.templateFile, sources: sources)
            }
            templateHashes = hashes
        } catch {
            throw .templates(error)
        }
    }

    /// The model of a stored profile snapshot, built once.
    func snapshotModel(_ id: Int64) -> (EngagementModel, XPathSession)? {
        if let cached = snapshotModels[id] { return cached }
        var result: (EngagementModel, XPathSession)?
        // A snapshot was valid when it was stored: decode it without validating again.
        if let stored = snapshotRoot(id), let profile = try? ProfileDecoder.decode(stored) {
            let (root, firm, date) = EngagementModel.inputs(ofSnapshot: stored)
            let model = EngagementModel(profile: profile, root: root, firm: firm, documentDate: date)
            if let session = try? model.session() { result = (model, session) }
        }
        snapshotModels[id] = result
        return result
    }

    /// The figures of a stored profile snapshot, without building its model document
    /// (alerts compare figures only).
    func snapshotFigures(_ id: Int64) -> EngagementFigures? {
        if let cached = snapshotModels[id] { return cached?.0.figures }
        guard let stored = snapshotRoot(id), let profile = try? ProfileDecoder.decode(stored) else { return nil }
        let inputs = EngagementModel.inputs(ofSnapshot: stored)
        return EngagementFigures(profile: profile, firm: inputs.firm?.firm, documentDate: inputs.documentDate)
    }

    /// The profile root of a snapshot, for comparing profiles.
    func snapshotRoot(_ id: Int64) -> SourceElement? {
        if let cached = snapshotRoots[id] { return cached }
        let root = (try? store.snapshot(id: id)).flatMap { snapshot in
            try? XMLDocument.parse(bytes: [UInt8](snapshot.canonicalXML), fileName: "snapshot", limits: ProfileSchema.limits).root
        }
        snapshotRoots[id] = root
        return root
    }

    private var changeCache: [Int64: [ProfileChange]] = [:]

    /// The changes from the profile snapshot `id` to the current profile.
    public func changes(sinceSnapshot id: Int64) -> [ProfileChange] {
        if let cached = changeCache[id] { return cached }
        if profileUnchanged(since: id) {
            changeCache[id] = []
            return []
        }
        var changes: [ProfileChange] = []
        if let old = snapshotRoot(id), let new = currentRoot {
            changes = ProfileComparison.compare(old: old, new: new)
        }
        changeCache[id] = changes
        return changes
    }

    private var snapshotHashes: [Int64: String] = [:]

    /// Whether the current profile is the snapshot `id`: then nothing a revision generated
    /// from it read can have changed.
    public func profileUnchanged(since id: Int64) -> Bool {
        if snapshotHashes[id] == nil { snapshotHashes[id] = (try? store.snapshot(id: id))?.hash ?? "" }
        return snapshotHashes[id] == current.profileHash
    }

    /// The current profile as a normalized tree (the form snapshots are kept in).
    lazy var currentRoot: SourceElement? = try? XMLDocument.parse(bytes: current.profileBytes, fileName: "profile").root

    private var currentHashes: [String: String?] = [:]

    /// The hash a trace records for `path`, evaluated now (nil when the path is invalid);
    /// documents share most of their inputs, so each path is evaluated once.
    func currentHash(of path: String) -> String? {
        if let cached = currentHashes[path] { return cached }
        let value = currentSession.flatMap { hash(of: path, in: $0) }
        currentHashes[path] = value
        return value
    }

    /// The text of `path` in `session`, shortened for messages; nil when it selects nothing.
    func value(of path: String, in session: XPathSession) -> String? {
        if TraceHash.isValueLine(path) {
            guard let expression = compiled(path), let value = try? session.evaluate(expression, at: session.documentHandle) else { return nil }
            return session.stringValue(of: value)
        }
        guard let expression = compiled(path), case .nodes(let nodes)? = try? session.evaluate(expression, at: session.documentHandle),
            !nodes.isEmpty
        else { return nil }
        if TraceHash.listParent(ofLine: path) != nil {
            return nodes.compactMap { session.stablePath(of: $0).split(separator: "/").last.map(String.init) }.joined(separator: ", ")
        }
        let text = session.stringValue(of: nodes[0]).collapsingXMLWhitespace()
        return text.count > 160 ? String(text.prefix(157)) + "..." : text
    }

    func currentValue(of path: String) -> String? { currentSession.flatMap { value(of: path, in: $0) } }

    private func compiled(_ path: String) -> XPathExpression? {
        if let expression = compiledPaths[path] { return expression }
        let expression = try? XPathExpression(path)
        compiledPaths[path] = expression
        return expression
    }

    /// The hash a trace of `path` would record now (``TraceHash``).
    private func hash(of path: String, in session: XPathSession) -> String? {
        TraceHash.current(of: path, in: session, compile: compiled)
    }
}
