import EngagementCore
import Foundation
import XMLSupport

/// One profile to render into one pack.
struct PackJob: Sendable {
    var profilePath: String
    /// The pack folder; nil in --out-dir mode, where the client id names it.
    var destination: URL?
}

/// Why a job failed, as the text to print.
struct PackProblem: Error, Sendable {
    var message: String
}

/// What happened to one job.
struct PackOutcome: Sendable {
    var job: PackJob
    var destination: URL?
    var result: Result<PackWriter.Report, PackProblem>
}

/// Runs jobs on all cores: each worker thread compiles the templates once and then takes
/// jobs from a shared counter until none are left.
enum PackBatch {
    static func run(
        _ jobs: [PackJob], sources: TemplateSources, formats: Set<OutputFormat>, outputRoot: URL?, showProgress: Bool
    ) -> [PackOutcome] {
        let state = BatchState(count: jobs.count)
        let workers = max(1, min(jobs.count, ProcessInfo.processInfo.activeProcessorCount))
        let progress = showProgress ? ProgressBar(total: jobs.count) : nil
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let renderer: DocumentRenderer
            do throws(TemplateFailure) {
                renderer = try DocumentRenderer(sources: sources)
            } catch {
                while let index = state.next() {
                    state.finish(index, PackOutcome(job: jobs[index], destination: nil, result: .failure(PackProblem(message: error.formatted))))
                }
                return
            }
            while let index = state.next() {
                let outcome = generate(jobs[index], renderer: renderer, formats: formats, outputRoot: outputRoot)
                state.finish(index, outcome)
                progress?.advance()
            }
        }
        progress?.finish()
        return state.outcomes()
    }

    static func generate(_ job: PackJob, renderer: DocumentRenderer, formats: Set<OutputFormat>, outputRoot: URL?) -> PackOutcome {
        let loaded = ProfileLoader.load(fileAt: job.profilePath)
        guard loaded.isValid, let profile = loaded.profile, let root = loaded.root else {
            let lines = loaded.diagnostics.map(\.formatted)
            return PackOutcome(job: job, destination: nil, result: .failure(PackProblem(
                message: (lines + ["\(job.profilePath): the profile is invalid; nothing was written."]).joined(separator: "\n"))))
        }
        for warning in loaded.diagnostics { Console.diagnostic(warning) }
        let destination = job.destination ?? outputRoot?.appendingPathComponent(profile.id)
        guard let destination else {
            return PackOutcome(job: job, destination: nil, result: .failure(PackProblem(message: "No output folder given.")))
        }
        let model = EngagementModel(profile: profile, root: root)
        do {
            let documents = try renderer.render(model, formats: formats)
            let report = try PackWriter.write(documents, to: destination)
            return PackOutcome(job: job, destination: destination, result: .success(report))
        } catch let failure as TemplateFailure {
            return PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: failure.formatted)))
        } catch {
            return PackOutcome(job: job, destination: destination, result: .failure(PackProblem(message: "error: \(error)")))
        }
    }
}

/// The shared job counter and results of a batch.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var results: [PackOutcome?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < results.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    func finish(_ index: Int, _ outcome: PackOutcome) {
        lock.lock()
        results[index] = outcome
        lock.unlock()
    }

    func outcomes() -> [PackOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return results.compactMap { $0 }
    }
}

/// A one-line progress bar on stderr, redrawn in place.
private final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var lastDrawn = -1

    init(total: Int) {
        self.total = total
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let width = 30
        let filled = total == 0 ? width : done * width / total
        guard filled != lastDrawn || done == total else { return }
        lastDrawn = filled
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) packs".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
