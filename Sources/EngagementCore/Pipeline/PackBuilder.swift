import Foundation
import XMLSupport

/// The one entry point of the pipeline: profile -> model -> documents -> pack. `generate`
/// (one profile or a batch) and `regenerate` both end in ``PackPublisher/publish``; the
/// commands only parse their arguments, call one of these and print the result.
public enum PackBuilder {
    /// Renders each job's profile into its pack.
    ///
    /// One job gets every core to itself (the model loads while the templates compile);
    /// several run in parallel, one per core. Nothing is written for a job whose profile is
    /// invalid, and nothing at all when a template does not compile.
    ///
    /// - Parameters:
    ///   - templatesPath: the folder given with `--templates`, remembered by each pack (nil
    ///     for the shipped templates).
    ///   - outputRoot: where packs named after their client id go, for jobs without a
    ///     destination of their own.
    ///   - progress: called after each job of a batch.
    ///   - processExitsAfterwards: the caller is a process that ends when this returns: a
    ///     single job then leaves its compiled templates and documents for the system to
    ///     reclaim, as compilers do, instead of freeing them object by object (5% of the
    ///     run). A batch reuses its templates and frees as it goes.
    /// - Returns: each job's outcome, in the order of `jobs`, or every template error.
    public static func generate(
        _ jobs: [PackJob], sources: TemplateSources, templatesPath: String?, formats: Set<OutputFormat>,
        outputRoot: URL?, progress: (@Sendable () -> Void)? = nil, processExitsAfterwards: Bool = false
    ) -> Result<[PackOutcome], TemplateErrors> {
        if jobs.count == 1 {
            return SinglePackRun.run(
                jobs[0], sources: sources, templatesPath: templatesPath, formats: formats, outputRoot: outputRoot,
                keepsMemory: processExitsAfterwards
            ).map { [$0] }
        }
        // Compile here to report template errors before any work; the first worker uses it.
        let compiled: PackDocumentBuilder
        do {
            compiled = try PackDocumentBuilder(sources: sources, parallel: true)
        } catch {
            return .failure(TemplateErrors(failures: [error]))
        }
        return .success(PackBatchRun.run(
            jobs, sources: sources, compiled: compiled, templatesPath: templatesPath, formats: formats,
            outputRoot: outputRoot, progress: progress))
    }

    /// What `regenerate` did to a pack.
    public struct RegenerationReport: Sendable {
        /// One regenerated document.
        public struct Document: Sendable {
            public var kind: DocumentKind
            public var previousRevision: Int?
            public var revision: Int
            public var isNewRevision: Bool
            /// The sections status reported stale.
            public var staleSections: [String]
            /// Files that were deleted or edited by hand and are now the revision's again.
            public var restoredFiles: [String]
        }

        /// The regenerated documents; empty when every document was current.
        public var documents: [Document]
        /// The documents left as they were.
        public var unchanged: [DocumentKind]
        /// The files written.
        public var written: [String]
    }

    /// Why a pack could not be regenerated.
    public enum RegenerationFailure: Error, CustomStringConvertible {
        /// The pack, its profile or its templates cannot be read: nothing was done.
        case inspection(PackInspection.Failure)
        /// A template does not compile or render: nothing was written.
        case templates(TemplateFailure)
        /// Publishing failed: the pack was left as it was.
        case pack(PackError)

        public var description: String {
            switch self {
            case .inspection(let failure): failure.description
            case .templates(let failure): failure.formatted
            case .pack(let error): "error: \(error)"
            }
        }
    }

    /// Regenerates exactly the documents of the pack at `folder` that `status` reports
    /// stale (sections, or files deleted or edited by hand), in the formats the pack was
    /// generated in, and records their new revisions.
    ///
    /// - Parameters:
    ///   - profile: the profile, when it moved from the path the pack remembers.
    ///   - templates: templates to render with instead of the pack's own.
    ///   - edition: the edition to write instead of the pack's own; the documents that
    ///     read the edition go stale and are rewritten in it.
    ///   - reason: why, recorded with each new revision.
    public static func regenerate(
        pack folder: URL, profile: String?, templates: String? = nil, edition: DocumentEdition? = nil,
        firm: String? = nil, lockWait: LockWait = .standard, reason: String? = nil
    ) throws(RegenerationFailure) -> RegenerationReport {
        let inspection: PackInspection
        do {
            inspection = try PackInspection(
                packFolder: folder, profileOverride: profile, templatesOverride: templates, editionOverride: edition,
                firmOverride: firm, lockWait: lockWait, forWriting: true)
            // A writing command checks the whole store before trusting it; status, a
            // reader, leaves that out for speed.
            try inspection.store.checkIntegrity()
        } catch let failure as PackInspection.Failure {
            throw .inspection(failure)
        } catch let error as PackError {
            throw .inspection(.pack(error))
        } catch {
            throw .inspection(.pack(.storeUnreadable(folder.path, reason: "\(error)")))
        }
        let status = PackStatus(inspection)
        let stale = status.staleKinds
        guard !stale.isEmpty else { return RegenerationReport(documents: [], unchanged: DocumentKind.allCases, written: []) }
        let documents: [RenderedPackDocument]
        do {
            // One pack: the stale documents compile and render in parallel.
            let renderer = try PackDocumentBuilder(
                sources: TemplateSources(inspection.templates), kinds: stale, parallel: true)
            documents = try renderer.render(inspection.current, parallel: true)
        } catch {
            throw .templates(error)
        }
        let previous = inspection.latest
        // B4: the pack keeps the formats it was generated in.
        let formats = Set(inspection.pack.formats ?? OutputFormat.defaults)
        // Publishing takes the pack's exclusive lock: let go of the reader's shared one.
        inspection.store.close()
        let report: GenerationReport
        do {
            report = try PackPublisher.publish(
                documents, model: inspection.current, profilePath: inspection.profilePath,
                templatesPath: inspection.pack.templatesPath, formats: formats, into: folder, parallel: true,
                lockWait: lockWait, reason: reason)
        } catch {
            throw .pack(error)
        }
        let byKind = Dictionary(status.documents.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        return RegenerationReport(
            documents: report.documents.map { document in
                let reported = byKind[document.kind.rawValue]
                return RegenerationReport.Document(
                    kind: document.kind, previousRevision: previous[document.kind]?.number, revision: document.revision,
                    isNewRevision: document.isNewRevision, staleSections: reported?.staleSections.map(\.sectionId) ?? [],
                    restoredFiles: (reported?.files.map(\.file) ?? []).filter(report.written.contains))
            },
            unchanged: DocumentKind.allCases.filter { !stale.contains($0) }, written: report.written)
    }
}
