import ArgumentParser

/// `--color WHEN`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `--quiet` and `--color`, on every command.
struct OutputOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print no summaries, warnings or progress on standard error; errors and data only.")
    var quiet = false

    @Option(
        name: .customLong("color"),
        help: ArgumentHelp(
            "When to colour the output: auto (on a terminal, unless NO_COLOR is set and not empty), always or never.",
            valueName: "when"))
    var color = ColorChoice.auto

    /// Makes these the console's settings; the first thing a command's run does.
    func apply() {
        Console.configure(color: color, quiet: quiet)
    }
}
