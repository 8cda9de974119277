import ArgumentParser
import EngagementCore

/// The `engage` command: plans client engagements from XML client profiles.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct EngageCommand: AsyncParsableCommand {
    /// The version `engage --version` prints: the one every document and revision records.
    public static let version = EngageVersion.current

    public static let configuration = CommandConfiguration(
        commandName: "engage",
        abstract: "Plan client engagements from XML client profiles.",
        discussion: """
            engage checks a client profile and, from it, generates the engagement pack: \
            a business case, a strategy, a change management plan and a communication plan.

            \(ExitStatus.helpText)
            """,
        version: version,
        subcommands: [
            ValidateCommand.self, GenerateCommand.self, StatusCommand.self, AlertsCommand.self, RegenerateCommand.self,
            LogCommand.self, ShowCommand.self, DiffCommand.self, AuditCommand.self, TemplatesCommand.self,
        ]
    )

    public init() {}

    /// No command named: bad usage (exit 64), with the usage on stderr, as ripgrep does.
    public func run() async throws {
        throw ValidationError("Name a command: validate, generate, status, alerts, regenerate, log, show, diff or templates.")
    }
}

@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
extension EngageCommand {
    /// Runs the command line of this process; the executable's `main.swift` calls this.
    ///
    /// It names `AsyncParsableCommand` explicitly: from another module a plain
    /// `EngageCommand.main()` resolves to the synchronous entry point.
    public static func runFromCommandLine() async {
        await (Self.self as any AsyncParsableCommand.Type).main()
    }
}
