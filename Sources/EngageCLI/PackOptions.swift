import ArgumentParser
import EngagementCore

/// The pack and profile arguments shared by status, alerts and regenerate.
struct PackOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: PackPath

    @Option(
        help: ArgumentHelp("The profile, when it moved from the path the pack remembers; - reads it from standard input.", valueName: "profile"))
    var profile: ProfilePath?

    @Option(
        help: ArgumentHelp(
            "The firm file to use instead of the one the pack remembers (docs/firm-format.md); none for no firm.",
            valueName: "firm"),
        completion: .file(extensions: ["xml"]))
    var firm: String?
}

/// `--wait SECONDS`, for every command that locks a pack.
struct LockWaitOption: ParsableArguments {
    @Option(
        name: .customLong("wait"),
        help: ArgumentHelp(
            "How many seconds to wait for another engage run on the pack to finish before giving up.",
            valueName: "seconds"))
    var seconds = WaitSeconds(60)

    /// The wait, telling the user on stderr once it lasts a second.
    var lockWait: LockWait {
        LockWait(seconds: seconds.seconds, notice: { Console.standardError($0) })
    }
}

/// `--reason TEXT`: why a change is made, recorded with each new revision it makes.
struct ReasonOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Why this change is made (\"client asked to soften the risk section\"), recorded with each new revision and shown by log and diff.",
            valueName: "text"))
    var reason: String?

    /// The reason with its whitespace collapsed; nil when none was given.
    var text: String? {
        guard let reason else { return nil }
        let words = reason.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? nil : words
    }

    func validate() throws {
        if let reason, reason.split(whereSeparator: \.isWhitespace).isEmpty {
            throw ValidationError("--reason needs some text: say why the change is made.")
        }
        if let reason, reason.count > 500 {
            throw ValidationError("--reason is \(reason.count) characters; keep it to 500, a sentence or two.")
        }
    }
}
