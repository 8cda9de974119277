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
