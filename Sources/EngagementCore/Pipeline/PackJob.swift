import Foundation
import XMLSupport

/// One profile to render into one pack.
public struct PackJob: Sendable {
    public var profilePath: String
    /// The pack folder; nil in --out-dir mode, where the client id names it.
    public var destination: URL?
    /// How long to wait for another run on the pack.
    public var lockWait: LockWait = .standard
    /// Whether a missing, empty or damaged store may be replaced by a new history.
    public var startNewHistory = false
    /// Who the documents are for.
    public var edition: DocumentEdition = .client
    /// The firm file the documents are sent under, nil without one.
    public var firm: FirmSource? = nil
    /// The date of every document (`--date`); nil to take the profile's.
    public var documentDate: ProfileDate? = nil
    /// Why the run is made (`--reason`), recorded with each new revision.
    public var reason: String? = nil

    public init(
        profilePath: String, destination: URL?, lockWait: LockWait = .standard, startNewHistory: Bool = false,
        edition: DocumentEdition = .client
    ) {
        self.profilePath = profilePath
        self.destination = destination
        self.lockWait = lockWait
        self.startNewHistory = startNewHistory
        self.edition = edition
    }
}

/// Why a job failed, as the text to print.
public struct PackProblem: Error, Sendable {
    /// Whose the fault is, which decides the exit status.
    public enum Kind: Sendable {
        /// An input is invalid: the profile, or a template that does not render.
        case invalidInput
        /// The job could not be done: a file that cannot be read, a pack that cannot be
        /// written, a lock held too long.
        case failed
    }

    public var message: String
    public var kind: Kind

    public init(message: String, kind: Kind) {
        self.message = message
        self.kind = kind
    }
}

/// What happened to one job.
public struct PackOutcome: Sendable {
    public var job: PackJob
    /// The pack folder written, nil when none was chosen.
    public var destination: URL?
    public var result: Result<GenerationReport, PackProblem>
    /// The profile's warnings (valid, but worth a look).
    public var warnings: [Diagnostic] = []
}
