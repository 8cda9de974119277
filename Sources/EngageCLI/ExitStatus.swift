import ArgumentParser
import EngagementCore

/// The exit status of every command: one rule, written once, shown in every command's
/// help and in the README ("Exit status").
enum ExitStatus {
    /// The command did its job: the pack is current, there are no alerts, no differences.
    static let success = ExitCode.success
    /// The answer is "no" (stale, alerts, differences, with `--exit-code`), or an input
    /// file (profile, templates) is invalid.
    static let no = ExitCode(1)
    /// An input file is invalid: a profile that breaks the schema or the rules, a template
    /// that does not compile.
    static let invalidInput = ExitCode(1)
    /// The command could not do its job: a missing file, a damaged pack, I/O, a lock held
    /// too long.
    static let failed = ExitCode(2)
    /// Bad usage: an unknown option, a missing or malformed argument.
    static let usage = ExitCode.validationFailure

    /// The rule, for the end of each command's discussion.
    static let helpText = """
        Exit status: 0 success; 1 the answer is "no" (stale, alerts or differences, with \
        --exit-code) or an input is invalid; 2 the command could not do its job (a missing \
        file, a damaged pack, I/O, a lock held too long); 64 bad usage.
        """
}

extension ExitStatus {
    /// The status for a pack that cannot be read or written.
    static func of(_ error: PackError) -> ExitCode {
        if case .unknownDocument = error { return usage }
        return failed
    }

    /// The status for a pack that cannot be inspected.
    static func of(_ failure: PackInspection.Failure) -> ExitCode {
        switch failure {
        case .pack(let error): of(error)
        case .invalidProfile, .invalidFirm, .templates: invalidInput
        case .unreadableProfile, .templatesUnusable: failed
        }
    }

    /// The status for the jobs of a generate that failed: the worst of them.
    static func of(_ problems: [PackProblem]) -> ExitCode {
        if problems.contains(where: { $0.kind == .failed }) { return failed }
        return problems.isEmpty ? success : invalidInput
    }
}
