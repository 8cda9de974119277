import Foundation
import XMLSupport

/// One profile into one pack, with the cores to itself. The profile is loaded and
/// modelled on its own thread while the four templates compile; each document renders as
/// soon as its template is compiled and the model is ready, and the pack is then published
/// with its documents prepared in parallel. Nothing is written before every template has
/// compiled and the profile has proved valid.
enum SinglePackRun {
    /// - Parameter keepsMemory: leave the compiled templates, the model and the rendered
    ///   documents allocated: the process exits next (``PackBuilder/generate``).
    /// - Returns: the outcome, or the template errors (reported before any profile error,
    ///   as for a batch).
    static func run(
        _ job: PackJob, sources: TemplateSources, templatesPath: String?, formats: Set<OutputFormat>, outputRoot: URL?,
        keepsMemory: Bool = false
    ) -> Result<PackOutcome, TemplateErrors> {
        let clock = ContinuousClock()
        let start = clock.now
        let modelling = ModelLoading(profilePath: job.profilePath, edition: job.edition, firm: job.firm, documentDate: job.documentDate)
        let kinds = DocumentKind.allCases
        let documents = ParallelSlots<DocumentResult>(count: kinds.count)
        DispatchQueue.concurrentPerform(iterations: kinds.count) { index in
            let renderer: PackDocumentBuilder
            do throws(TemplateFailure) {
                renderer = try PackDocumentBuilder(sources: sources, kinds: [kinds[index]])
            } catch {
                documents[index] = .templateFailed(error)
                return
            }
            guard let model = modelling.model() else {
                documents[index] = .notRendered
                return
            }
            do throws(TemplateFailure) {
                documents[index] = .rendered(try renderer.render(model))
            } catch {
                documents[index] = .renderFailed(error)
            }
            if keepsMemory { _ = Unmanaged.passRetained(renderer) }
        }
        let results = documents.values.compactMap { $0 }
        if keepsMemory {
            _ = Unmanaged.passRetained(modelling)
            _ = Unmanaged.passRetained(KeptUntilExit(results))
        }
        let templateErrors = results.compactMap { result -> TemplateFailure? in
            if case .templateFailed(let failure) = result { failure } else { nil }
        }
        guard templateErrors.isEmpty else { return .failure(TemplateErrors(failures: templateErrors)) }
        let loaded = modelling.loaded()
        guard let model = modelling.model() else {
            return .success(PackBatchRun.invalidProfileOutcome(job, loaded: loaded))
        }
        let renderErrors = results.compactMap { result -> TemplateFailure? in
            if case .renderFailed(let failure) = result { failure } else { nil }
        }
        let destination = job.destination ?? outputRoot?.appendingPathComponent(model.profile.id)
        guard let destination else {
            return .success(PackOutcome(job: job, destination: nil, result: .failure(PackProblem(message: "No output folder given.", kind: .failed))))
        }
        guard renderErrors.isEmpty else {
            let message = TemplateErrors(failures: renderErrors).formatted
            return .success(PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: message, kind: .invalidInput))))
        }
        let rendered = results.flatMap { result -> [RenderedPackDocument] in
            if case .rendered(let documents) = result { documents } else { [] }
        }
        let renderedAt = clock.now
        do {
            let report = try PackPublisher.publish(
                rendered, model: model, profilePath: job.profilePath, templatesPath: templatesPath, formats: formats,
                into: destination, parallel: true, lockWait: job.lockWait, startNewHistory: job.startNewHistory, reason: job.reason)
            if ProcessInfo.processInfo.environment["ENGAGE_TIMING"] != nil {
                FileHandle.standardError.write(Data(
                    "timing \(job.profilePath): load, compile and render \(renderedAt - start), publish \(clock.now - renderedAt)\n".utf8))
            }
            return .success(PackOutcome(job: job, destination: destination, result: .success(report), warnings: loaded.diagnostics))
        } catch {
            return .success(PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: "error: \(error)", kind: .failed))))
        }
    }

    private enum DocumentResult {
        case templateFailed(TemplateFailure)
        case notRendered
        case rendered([RenderedPackDocument])
        case renderFailed(TemplateFailure)
    }
}

/// A value left allocated on purpose (``SinglePackRun/run(_:sources:templatesPath:formats:outputRoot:keepsMemory:)``).
private final class KeptUntilExit<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The errors of several templates, each compiled or rendered on its own.
public struct TemplateErrors: Error {
    public var failures: [TemplateFailure]

    /// Every failure's report, one after the other.
    public var formatted: String { failures.map(\.formatted).joined(separator: "\n") }
}

/// Loads and models a profile on a thread of its own (not a dispatch worker, which the
/// renders waiting for it could starve), and hands the model to whoever waits for it.
private final class ModelLoading: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: ProfileLoadResult?
    private var modelled: EngagementModel?

    init(profilePath: String, edition: DocumentEdition, firm: FirmSource?, documentDate: ProfileDate?) {
        let thread = Thread { [self] in
            let loaded = ProfileLoader.load(fileAt: profilePath)
            result = loaded
            if loaded.isValid, let profile = loaded.profile, let root = loaded.root {
                modelled = EngagementModel(profile: profile, root: root, edition: edition, firm: firm, documentDate: documentDate)
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the load; nil when the profile is invalid.
    func model() -> EngagementModel? {
        waitOnce()
        return modelled
    }

    func loaded() -> ProfileLoadResult {
        waitOnce()
        guard let result else { preconditionFailure("The loading thread signals only after setting its result.") }
        return result
    }

    private func waitOnce() {
        // Each waiter passes the signal on, so any number of threads can wait.
        done.wait()
        done.signal()
    }
}
