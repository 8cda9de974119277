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
            standard error.

            \(ExitStatus.helpText) Here: 0 when every file is valid (warnings allowed), 1 when \
            any is invalid, 2 when any cannot be read.
            """
    )

    @Argument(
        help: ArgumentHelp("The client profile files to check; - reads one from standard input.", valueName: "profile"))
    var profiles: [ProfilePath]

    func validate() throws {
        if profiles.filter(\.isStandardInput).count > 1 {
            throw ValidationError("Standard input ('-') can be read once: give - at most once.")
        }
    }

    @Flag(help: "Print the findings as one JSON document on standard output instead.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        output.apply()
        // Completeness advice joins each valid profile's own warnings, in line order.
        let paths = profiles.map(\.path)
        let results = zip(paths, await ProfileBatch.load(paths)).map { path, result in
            var result = result
            let name = path == ProfileLoader.standardInputPath ? ProfileLoader.standardInputName : path
            let advice = result.completenessWarnings(fileName: name)
            result.diagnostics = (result.diagnostics + advice).sortedForDisplay()
            return result
        }
        if json {
            try Console.writeJSON(ValidationReport(results: zip(profiles.map(\.path), results).map { ($0, $1) }))
        } else {
            for result in results {
                for diagnostic in result.diagnostics { Console.diagnostic(diagnostic) }
            }
            let unreadable = results.filter(\.isUnreadable).count
            let invalid = results.filter { !$0.isValid && !$0.isUnreadable }.count
            let of = "of \(profiles.count) profile\(profiles.count == 1 ? "" : "s")"
            var parts: [String] = []
            if invalid > 0 { parts.append("\(invalid) \(of) invalid") }
            if unreadable > 0 { parts.append("\(unreadable) \(of) cannot be read") }
            Console.status(parts.isEmpty ? "\(profiles.count) profile\(profiles.count == 1 ? "" : "s") valid." : parts.joined(separator: "; ") + ".")
        }
        if results.contains(where: \.isUnreadable) { throw ExitStatus.failed }
        if results.contains(where: { !$0.isValid }) { throw ExitStatus.invalidInput }
    }
}

/// The JSON form of `engage validate --json`, keys in snake_case.
struct ValidationReport: Encodable {
    struct File: Encodable {
        var file: String
        var valid: Bool
        /// Null for an invalid file, as documented.
        @NullWhenAbsent var clientId: String?
        var errors: Int
        var warnings: Int
        var diagnostics: [Diagnostic]
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
