import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage validate PROFILE...`: every problem of every file, at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check client profiles against the schema and the profile rules.",
        discussion: """
            Reports every problem of every file as FILE:LINE:COL: error: MESSAGE on \
            standard error. Exits 0 when all files are valid (warnings allowed), 1 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("The client profile files to check.", valueName: "profile"))
    var profiles: [String]

    @Flag(help: "Print the findings as one JSON document on standard output instead.")
    var json = false

    func run() async throws {
        let results = await ProfileBatch.load(profiles)
        if json {
            try Console.writeJSON(ValidationReport(results: zip(profiles, results).map { ($0, $1) }))
        } else {
            for result in results {
                for diagnostic in result.diagnostics { Console.diagnostic(diagnostic) }
            }
            let invalid = results.filter { !$0.isValid }.count
            let summary =
                invalid == 0
                ? "\(profiles.count) profile\(profiles.count == 1 ? "" : "s") valid."
                : "\(invalid) of \(profiles.count) profile\(profiles.count == 1 ? "" : "s") invalid."
            Console.status(summary)
        }
        if results.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}

/// The JSON form of `engage validate --json`, keys in snake_case.
struct ValidationReport: Encodable {
    struct File: Encodable {
        var file: String
        var valid: Bool
        var clientId: String?
        var errors: Int
        var warnings: Int
        var diagnostics: [Diagnostic]

        enum CodingKeys: String, CodingKey {
            case file, valid, clientId, errors, warnings, diagnostics
        }

        /// Writes `client_id` as null for an invalid file, as documented, instead of omitting it.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(valid, forKey: .valid)
            try container.encode(clientId, forKey: .clientId)
            try container.encode(errors, forKey: .errors)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(diagnostics, forKey: .diagnostics)
        }
    }

    var valid: Bool
    var files: [File]

    init(results: [(String, ProfileLoadResult)]) {
        files = results.map { name, result in
            File(
                file: name, valid: result.isValid, clientId: result.profile?.id,
                errors: result.diagnostics.filter { $0.severity == .error }.count,
                warnings: result.diagnostics.filter { $0.severity == .warning }.count,
                diagnostics: result.diagnostics)
        }
        valid = files.allSatisfy(\.valid)
    }
}
