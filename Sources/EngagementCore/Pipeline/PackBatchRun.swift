import Foundation
import XMLSupport

/// Runs jobs on all cores: each worker thread compiles the templates once and then takes
/// jobs from a shared counter until none are left.
enum PackBatchRun {
    static func run(
        _ jobs: [PackJob], sources: TemplateSources, compiled: PackDocumentBuilder?, templatesPath: String?,
        formats: Set<OutputFormat>, outputRoot: URL?, progress: (@Sendable () -> Void)?
    ) -> [PackOutcome] {
        let handOff = RendererHandOff(compiled)
        let workers = max(1, min(jobs.count, ProcessInfo.processInfo.activeProcessorCount))
        // Phase 1: find two valid profiles of one client (one pack) before anything is
        // written. Reading each client id is cheap; only profiles whose id is claimed twice
        // are validated here, since an invalid profile claims no pack. Nothing is kept: memory
        // stays flat in the batch size.
        let reading = BatchState<String>(count: jobs.count)
        let needsClientIDs = jobs.count > 1 && jobs.contains { $0.destination == nil }
        DispatchQueue.concurrentPerform(iterations: needsClientIDs ? workers : 0) { _ in
            while let index = reading.next() {
                reading.finish(index, jobs[index].destination == nil ? ProfileLoader.clientID(fileAt: jobs[index].profilePath) ?? "" : "")
            }
        }
        var clientIDs = reading.results()
        let claimants = Dictionary(grouping: clientIDs.indices.filter { !(clientIDs[$0] ?? "").isEmpty }) { clientIDs[$0] ?? "" }
        for indices in claimants.values where indices.count > 1 {
            for index in indices {
                let loaded = ProfileLoader.load(fileAt: jobs[index].profilePath)
                clientIDs[index] = loaded.isValid ? loaded.profile?.id : nil
            }
        }
        var claimed: [String: String] = [:]
        var duplicates: [Int: String] = [:]
        for (index, clientID) in clientIDs.enumerated() {
            guard let clientID, !clientID.isEmpty, jobs[index].destination == nil else { continue }
            if let first = claimed[clientID] {
                duplicates[index] = "\(jobs[index].profilePath): the client id '\(clientID)' is also the id of \(first), and both would write the pack \(clientID); generate them one at a time with --out."
            } else {
                claimed[clientID] = jobs[index].profilePath
            }
        }
        let refusals = duplicates
        // Phase 2: render and write, each worker compiling the templates once.
        let state = BatchState<PackOutcome>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let renderer: PackDocumentBuilder
            do throws(TemplateFailure) {
                if let compiled = handOff.take() {
                    renderer = compiled
                } else {
                    renderer = try PackDocumentBuilder(sources: sources)
                }
            } catch {
                while let index = state.next() {
                    state.finish(index, PackOutcome(job: jobs[index], destination: nil, result: .failure(PackProblem(message: error.formatted, kind: .invalidInput))))
                }
                return
            }
            while let index = state.next() {
                let outcome: PackOutcome
                if let duplicate = refusals[index] {
                    outcome = PackOutcome(job: jobs[index], destination: nil, result: .failure(PackProblem(message: duplicate, kind: .invalidInput)))
                } else {
                    let result = ProfileLoader.load(fileAt: jobs[index].profilePath)
                    outcome = generate(
                        jobs[index], loaded: result, renderer: renderer, templatesPath: templatesPath, formats: formats,
                        outputRoot: outputRoot)
                }
                state.finish(index, outcome)
                progress?()
            }
        }
        return state.results().compactMap { $0 }
    }

    /// The outcome for a profile that failed validation: its problems, and nothing written.
    static func invalidProfileOutcome(_ job: PackJob, loaded: ProfileLoadResult) -> PackOutcome {
        let lines = loaded.diagnostics.map(\.formatted)
        let verdict = loaded.isUnreadable ? "cannot be read" : "is invalid"
        return PackOutcome(job: job, destination: nil, result: .failure(PackProblem(
            message: (lines + ["\(job.profilePath): the profile \(verdict); nothing was written."]).joined(separator: "\n"),
            kind: loaded.isUnreadable ? .failed : .invalidInput)))
    }

    static func generate(
        _ job: PackJob, loaded: ProfileLoadResult, renderer: PackDocumentBuilder, templatesPath: String?,
        formats: Set<OutputFormat>, outputRoot: URL?
    ) -> PackOutcome {
        guard loaded.isValid, let profile = loaded.profile, let root = loaded.root else {
            return invalidProfileOutcome(job, loaded: loaded)
        }
        let destination = job.destination ?? outputRoot?.appendingPathComponent(profile.id)
        guard let destination else {
            return PackOutcome(job: job, destination: nil, result: .failure(PackProblem(message: "No output folder given.", kind: .failed)))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let model = EngagementModel(profile: profile, root: root, edition: job.edition, firm: job.firm, documentDate: job.documentDate)
        do {
            let modelled = clock.now
            let documents = try renderer.render(model)
            let rendered = clock.now
            let report = try PackPublisher.publish(
                documents, model: model, profilePath: job.profilePath, templatesPath: templatesPath, formats: formats,
                into: destination, lockWait: job.lockWait, startNewHistory: job.startNewHistory, reason: job.reason)
            if ProcessInfo.processInfo.environment["ENGAGE_TIMING"] != nil {
                FileHandle.standardError.write(Data(
                    "timing \(job.profilePath): model \(modelled - start), render \(rendered - modelled), publish \(clock.now - rendered)\n".utf8))
            }
            return PackOutcome(job: job, destination: destination, result: .success(report), warnings: loaded.diagnostics)
        } catch let failure as TemplateFailure {
            return PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: failure.formatted, kind: .invalidInput)))
        } catch {
            return PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: "error: \(error)", kind: .failed)))
        }
    }
}

/// Gives the renderer compiled up front to the first worker that asks, so that a single
/// profile compiles the templates once. Each renderer is then used by one thread only.
private final class RendererHandOff: @unchecked Sendable {
    private let lock = NSLock()
    private var renderer: PackDocumentBuilder?

    init(_ renderer: PackDocumentBuilder?) {
        self.renderer = renderer
    }

    func take() -> PackDocumentBuilder? {
        lock.lock()
        defer { lock.unlock() }
        defer { renderer = nil }
        return renderer
    }
}

/// The shared job counter and results of one phase of a batch.
private final class BatchState<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var values: [Value?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < values.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    func finish(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func results() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
