import Foundation
import GRDB
import Rendering
import XMLSupport

/// What one generate run did to a pack.
public struct GenerationReport: Sendable {
    /// One document's outcome.
    public struct Document: Sendable {
        public var kind: DocumentKind
        /// The revision the pack now holds for this kind.
        public var revision: Int
        /// Whether this run recorded that revision.
        public var isNewRevision: Bool
    }

    public var documents: [Document]
    public var written: [String]
    public var unchanged: [String]
    /// Where a damaged store was moved when this run started a new history on purpose.
    public var movedAsideStore: String? = nil
}

/// Records a run's documents in a pack: new revisions only for changed documents, files
/// and store changes published together.
///
/// The protocol makes a run all-or-nothing even when it is killed: (1) under the pack's
/// lock, changed files are written to `.engage/staging/RUN/` and flushed; (2) one
/// transaction records the revisions, their sections and traces, and the list of staged
/// files (the commit point); (3) the staged files are renamed into the pack and the list
/// is cleared. Killed before (2), the store is unchanged and the staged files are
/// discarded by the next run; killed after, the next command that opens the pack finishes
/// the renames before doing anything else (``RevisionStore/recover()``).
public enum PackPublisher {
    /// Publishes `documents`, rendered from `model`, into the pack at `folder`.
    ///
    /// - Parameters:
    ///   - profilePath: the profile's path, remembered by the pack.
    ///   - formats: the formats to write, remembered by the pack.
    ///   - lockWait: how long to wait for another run on the pack.
    ///   - startNewHistory: when the pack's store is missing, empty or damaged, move it
    ///     aside and start again at revision 1 instead of refusing.
    ///   - reason: why the new revisions are made, recorded with each.
    public static func publish(
        _ documents: [RenderedPackDocument], model: EngagementModel, profilePath: String, templatesPath: String? = nil,
        formats: Set<OutputFormat>, into folder: URL, now: Date = Date(), parallel: Bool = false,
        lockWait: LockWait = .standard, startNewHistory: Bool = false, reason: String? = nil
    ) throws(PackError) -> GenerationReport {
        let timing = ProcessInfo.processInfo.environment["ENGAGE_TIMING"] != nil
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ label: String) {
            guard timing else { return }
            FileHandle.standardError.write(Data("  publish \(label): \(clock.now - mark)\n".utf8))
            mark = clock.now
        }
        // Before the store is opened: a pack must not be started that cannot be finished.
        if formats.contains(.pdf) {
            do { _ = try PDFConverter.program() } catch { throw .conversionFailed(folder.path, reason: error.description) }
        }
        if !formats.isDisjoint(with: [.docx, .pdf]), documents.contains(where: { !ChartImages.files(in: $0.draft, prefix: "").isEmpty }) {
            do { try SVGRasterizer.load() } catch { throw .chartsCannotBeDrawn(folder.path, reason: error.description) }
        }
        let (store, movedAside) = try RevisionStore.openForWriting(
            folder, wait: lockWait, startNewHistory: startNewHistory, now: now)
        defer { store.close() }
        try store.recover()
        let existingPack = try store.pack()
        if let pack = existingPack, pack.clientID != model.profile.id {
            throw .writeFailed(folder.path, reason: "this pack belongs to client '\(pack.clientID)', not '\(model.profile.id)'")
        }
        let latest = try store.latestRevisions()
        // Charts unchanged since the last run are read back, not drawn again, for Word.
        let pictures = ChartPictures(storeFolder: folder.appendingPathComponent(RevisionStore.folderName))
        defer { pictures.save() }
        lap("open store")

        // Each document's number, bytes and section hashes; the documents are independent,
        // so a single profile spreads them over the cores.
        struct Prepared {
            var number: Int
            var isNew: Bool
            var outputs: [OutputFormat: [UInt8]]
            /// The hash each output is published with (``PublishedFileRecord/hash(of:)``).
            var outputHashes: [OutputFormat: String]
            var sectionHashes: [(id: String, hash: String)]
            /// The charts written beside the Markdown.
            var images: [(name: String, bytes: [UInt8])] = []
        }
        let slots = ParallelSlots<Prepared>(count: documents.count)
        let prepare: @Sendable (Int) -> Void = { index in
            let document = documents[index]
            let previous = latest[document.kind]
            // A new revision when the content changed, and when what it was made with did:
            // the client edition prints no template or engine fingerprint, so a new engage
            // or template that leaves the text as it was must still be recorded, or status
            // would report the old template or engine for ever.
            let isNew = previous?.contentHash != document.contentHash || previous?.templateHash != document.templateHash
                || previous?.engineVersion != EngageVersion.current || previous?.edition != model.edition
            let number = isNew ? (previous?.number ?? 0) + 1 : previous?.number ?? 1
            // The XHTML is both a file and the stored revision: always produce it. The PDF
            // is converted from the DOCX, below.
            let outputs = document.outputs(
                revision: number, formats: formats.union(formats.contains(.pdf) ? [.xhtml, .docx] : [.xhtml]), pictures: pictures)
            let hashes = isNew ? SectionFingerprint.sections(of: document.draft, values: document.placeholderValues(revision: number)) : []
            slots[index] = Prepared(
                number: number, isNew: isNew, outputs: outputs,
                outputHashes: outputs.mapValues { PublishedFileRecord.hash(of: $0) }, sectionHashes: hashes,
                images: formats.contains(.md) ? document.chartImages : [])
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: documents.count, execute: prepare)
        } else {
            (0..<documents.count).forEach(prepare)
        }

        var preparedDocuments = slots.values
        let recordedFiles = try store.publishedFiles()
        if formats.contains(.pdf) {
            // A document whose revision is unchanged keeps its PDF when the file is the one
            // recorded: LibreOffice takes a second or two a document.
            let recorded = recordedFiles
            var toConvert: [(name: String, docx: [UInt8])] = []
            for (index, document) in documents.enumerated() {
                guard var prepared = preparedDocuments[index] else { continue }
                let name = PackFiles.fileName(document.kind, .pdf)
                if !prepared.isNew, let hash = recorded[name], let existing = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                    PublishedFileRecord.hash(of: [UInt8](existing)) == hash
                {
                    prepared.outputs[.pdf] = [UInt8](existing)
                    prepared.outputHashes[.pdf] = hash
                    preparedDocuments[index] = prepared
                } else if let docx = prepared.outputs[.docx] {
                    toConvert.append((document.kind.rawValue, docx))
                }
            }
            let pdfs: [String: [UInt8]]
            do {
                pdfs = try PDFConverter.convert(toConvert)
            } catch {
                throw .conversionFailed(folder.path, reason: error.description)
            }
            for (index, document) in documents.enumerated() {
                guard var prepared = preparedDocuments[index], let pdf = pdfs[document.kind.rawValue] else { continue }
                prepared.outputs[.pdf] = pdf
                prepared.outputHashes[.pdf] = PublishedFileRecord.hash(of: pdf)
                preparedDocuments[index] = prepared
            }
            lap("convert to PDF")
        }

        var plannedRevisions: [(RenderedPackDocument, RevisionRecord, [(id: String, hash: String)])] = []
        var reportDocuments: [GenerationReport.Document] = []
        var filesToWrite: [(name: String, bytes: [UInt8])] = []
        var unchanged: [String] = []
        // What each file of these documents holds once the run is done.
        var published: [PublishedFileRecord] = []
        var unpublished: [String] = []
        let timestamp = Self.timestamp(now)
        for (document, prepared) in zip(documents, preparedDocuments) {
            guard let prepared, let xhtml = prepared.outputs[.xhtml] else { continue }
            for format in OutputFormat.allCases where formats.contains(format) {
                let name = PackFiles.fileName(document.kind, format)
                guard let bytes = prepared.outputs[format] else { continue }
                published.append(PublishedFileRecord(name: name, hash: prepared.outputHashes[format] ?? PublishedFileRecord.hash(of: bytes)))
                if PackFiles.file(at: folder.appendingPathComponent(name).path, holds: bytes) {
                    unchanged.append(name)
                } else {
                    filesToWrite.append((name, bytes))
                }
            }
            if prepared.isNew {
                plannedRevisions.append((document, RevisionRecord(
                    id: nil, kind: document.kind.rawValue, number: prepared.number, contentHash: document.contentHash,
                    xhtml: Data(xhtml), profileSnapshotID: 0, templateHash: document.templateHash,
                    engineVersion: EngageVersion.current, createdAt: timestamp,
                    reads: document.reads.encodedLines, edition: model.edition, reason: reason), prepared.sectionHashes))
            }
            reportDocuments.append(.init(kind: document.kind, revision: prepared.number, isNewRevision: prepared.isNew))
            for image in prepared.images {
                published.append(PublishedFileRecord(name: image.name, hash: PublishedFileRecord.hash(of: image.bytes)))
                if PackFiles.file(at: folder.appendingPathComponent(image.name).path, holds: image.bytes) {
                    unchanged.append(image.name)
                } else {
                    filesToWrite.append((image.name, image.bytes))
                }
            }
            unpublished += OutputFormat.allCases.filter { !formats.contains($0) }.map { PackFiles.fileName(document.kind, $0) }
            // A chart the document no longer has is no longer the pack's to check.
            let imageNames = Set(prepared.images.map(\.name))
            unpublished += recordedFiles.keys.filter { PackFiles.isChartImage($0, of: document.kind) && !imageNames.contains($0) }.sorted()
        }
        let filesRecorded = published.allSatisfy { recordedFiles[$0.name] == $0.hash } && unpublished.allSatisfy { recordedFiles[$0] == nil }

        // Standard input has no path to remember: the pack keeps "-", and status asks for --profile.
        let absoluteProfile =
            profilePath == ProfileLoader.standardInputPath
            ? profilePath : URL(fileURLWithPath: profilePath).standardizedFileURL.path
        let baselineHash = try existingPack?.baselineSnapshotID.flatMap { id throws(PackError) in try store.snapshot(id: id)?.hash }
        let absoluteTemplates = templatesPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let formatList = OutputFormat.allCases.filter(formats.contains)
        let packChanged = existingPack.map {
            $0.profilePath != absoluteProfile || $0.templatesPath != absoluteTemplates || $0.formats != formatList
                || $0.edition != model.edition || $0.firmPath != model.firm?.path || $0.documentDate != model.documentDate
        } ?? true || baselineHash != model.profileHash
        guard !plannedRevisions.isEmpty || !filesToWrite.isEmpty || packChanged || !filesRecorded else {
            return GenerationReport(documents: reportDocuments, written: [], unchanged: unchanged, movedAsideStore: movedAside)
        }

        lap("prepare bytes")
        // (1) Stage.
        let runID = UUID().uuidString.lowercased()
        let staging = store.stagingFolder.appendingPathComponent(runID)
        try PackFiles.createStoreFolder(staging)
        try PackFiles.writeDurably(filesToWrite.map { ($0.bytes, staging.appendingPathComponent($0.name)) })
        PackFiles.synchronizeFolder(staging)

        lap("stage")
        // (2) Commit.
        do {
            try store.commit(StoreCommit(
                snapshot: ProfileSnapshotRecord(
                    id: nil, hash: model.profileHash, canonicalXML: Data(model.profileBytes), createdAt: timestamp),
                pack: PackRecord(
                    clientID: model.profile.id, profilePath: absoluteProfile, templatesPath: absoluteTemplates,
                    baselineSnapshotID: nil, formats: formatList, edition: model.edition, firmPath: model.firm?.path,
                    documentDate: model.documentDate),
                revisions: plannedRevisions.map { document, revision, hashes in
                    let reads = Dictionary(document.sections.map { ($0.sectionID, $0.encodedLineNumbers) }, uniquingKeysWith: { a, _ in a })
                    return (revision, hashes.map { ($0.id, $0.hash, reads[$0.id] ?? "") })
                },
                publishedFiles: published, unpublishedFiles: unpublished,
                staged: filesToWrite.isEmpty ? nil : (runID, filesToWrite.map(\.name))))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }

        lap("commit")
        // (3) Publish.
        try store.recover()
        lap("rename")
        return GenerationReport(
            documents: reportDocuments, written: filesToWrite.map(\.name), unchanged: unchanged, movedAsideStore: movedAside)
    }

    /// `date` in UTC as ISO 8601 to the second, `2026-11-22T12:13:06Z`: what
    /// `ISO8601DateFormatter` writes, without creating one for every pack.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.tm_year + 1900, 4))-\(padded(parts.tm_mon + 1, 2))-\(padded(parts.tm_mday, 2))"
            + "T\(padded(parts.tm_hour, 2)):\(padded(parts.tm_min, 2)):\(padded(parts.tm_sec, 2))Z"
    }
}
