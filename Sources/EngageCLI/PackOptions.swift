import ArgumentParser
import EngagementCore

/// The pack and profile arguments shared by status, alerts and regenerate.
struct PackOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"), completion: .directory)
    var pack: String

    @Option(
        help: ArgumentHelp("The profile, when it moved from the path the pack remembers; - reads it from standard input.", valueName: "profile"),
        completion: .file(extensions: ["xml"]))
    var profile: String?
}

/// `--wait SECONDS`, for every command that locks a pack.
struct LockWaitOption: ParsableArguments {
    @Option(
        name: .customLong("wait"),
        help: ArgumentHelp(
            "How many seconds to wait for another engage run on the pack to finish before giving up.",
            valueName: "seconds"))
    var seconds: Double = 60

    func validate() throws {
        guard seconds >= 0, seconds.isFinite else {
            throw ValidationError("The value '\(seconds)' is invalid for '--wait': give a number of seconds, 0 or more.")
        }
    }

    /// The wait, telling the user on stderr once it lasts a second.
    var lockWait: LockWait {
        LockWait(seconds: seconds, notice: { Console.standardError($0) })
    }
}
