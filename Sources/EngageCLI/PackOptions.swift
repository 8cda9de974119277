import ArgumentParser

/// The pack and profile arguments shared by status, alerts and regenerate.
struct PackOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The pack folder.", valueName: "pack"))
    var pack: String

    @Option(help: ArgumentHelp("The profile, when it moved from the path the pack remembers.", valueName: "profile"))
    var profile: String?
}
