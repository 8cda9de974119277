import ArgumentParser
import EngagementCore
import Foundation
import XMLSupport

/// `engage validate PROFILE...`: every problem of every file, at once.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check client profiles and firm files against their schemas and rules.",
        discussion: """
            Reports every problem of every file as FILE:LINE:COL: error: MESSAGE on \
            standard error.

            \(ExitStatus.helpText) Here: 0 when every file is valid (warnings allowed), 1 when \
            any is invalid, 2 when any cannot be read.
            """
    )

    @Argument(
        help: ArgumentHelp("The client profiles or firm files to check (a firm file has the root <firm>); - reads one profile from standard input.", valueName: "profile"))
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
        // Completeness advice joins each valid profile's own warnings, in line order. A
        // file whose root is <firm> is a firm file, checked against its own schema.
        let paths = profiles.map(\.path)
        let results = zip(paths, await ProfileBatch.load(paths)).map { path, result -> CheckedFile in
            if path != ProfileLoader.standardInputPath, FirmLoader.isFirmFile(at: path) {
                return CheckedFile(FirmLoader.load(fileAt: path, embeddingFiles: false))
            }
            var result = result
            let name = path == ProfileLoader.standardInputPath ? ProfileLoader.standardInputName : path
            let advice = result.completenessWarnings(fileName: name)
            result.diagnostics = (result.diagnostics + advice).sortedForDisplay()
            return CheckedFile(result)
        }
        if json {
            try Console.writeJSON(ValidationReport(results: zip(profiles.map(\.path), results).map { ($0, $1) }))
        } else {
            for result in results {
                for diagnostic in result.diagnostics { Console.diagnostic(diagnostic) }
            }
            let unreadable = results.filter(\.isUnreadable).count
            let invalid = results.filter { !$0.isValid && !$0.isUnreadable }.count
            // "profile" while every file is one, "file" once a firm file is among them.
            let noun = results.allSatisfy { $0.kind == "profile" } ? "profile" : "file"
            let of = "of \(profiles.count) \(noun)\(profiles.count == 1 ? "" : "s")"
            var parts: [String] = []
            if invalid > 0 { parts.append("\(invalid) \(of) invalid") }
            if unreadable > 0 { parts.append("\(unreadable) \(of) cannot be read") }
            Console.status(parts.isEmpty ? "\(profiles.count) \(noun)\(profiles.count == 1 ? "" : "s") valid." : parts.joined(separator: "; ") + ".")
        }
        if results.contains(where: \.isUnreadable) { throw ExitStatus.failed }
        if results.contains(where: { !$0.isValid }) { throw ExitStatus.invalidInput }
    }
}

/// One checked file, a client profile or a firm file, as `validate` reports it.
struct CheckedFile {
    var kind: String
    var diagnostics: [Diagnostic]
    var isValid: Bool
    var isUnreadable: Bool
    var clientId: String?
    var firmId: String?

    init(_ result: ProfileLoadResult) {
        kind = "profile"
        diagnostics = result.diagnostics
        isValid = result.isValid
        isUnreadable = result.isUnreadable
        clientId = result.profile?.id
    }

    init(_ result: FirmLoadResult) {
        kind = "firm"
        diagnostics = result.diagnostics
        isValid = result.isValid
        isUnreadable = result.isUnreadable
        firmId = result.firm?.id
    }
}

/// The JSON form of `engage validate --json`, keys in snake_case.
struct ValidationReport: Encodable {
    struct File: Encodable {
        var file: String
        /// "profile" or "firm".
        var kind: String
        var valid: Bool
        /// Null for an invalid file or a firm file, as documented.
        @NullWhenAbsent var clientId: String?
        /// Null for an invalid file or a profile.
        @NullWhenAbsent var firmId: String?
        var errors: Int
        var warnings: Int
        var diagnostics: [Diagnostic]
    }

    var valid: Bool
    var files: [File]

    init(results: [(String, CheckedFile)]) {
        files = results.map { name, result in
            File(
                file: name, kind: result.kind, valid: result.isValid, clientId: result.clientId, firmId: result.firmId,
                errors: result.diagnostics.filter { $0.severity == .error }.count,
                warnings: result.diagnostics.filter { $0.severity == .warning }.count,
                diagnostics: result.diagnostics)
        }
        valid = files.allSatisfy(\.valid)
    }
}
