import EngagementCore
import Foundation
import XMLSupport

/// The one place that writes to the terminal: data to stdout, diagnostics to stderr.
enum Console {
    /// `--color` and `--quiet` of the running command, set once by ``OutputOptions/apply()``
    /// before the command does anything else, and only read after that.
    nonisolated(unsafe) private static var colorChoice = ColorChoice.auto
    nonisolated(unsafe) private(set) static var isQuiet = false

    static func configure(color: ColorChoice, quiet: Bool) {
        colorChoice = color
        isQuiet = quiet
    }

    /// Whether to colour what goes to `descriptor`: `--color always` or `never` when given;
    /// otherwise only on a terminal, and never when NO_COLOR is set to a non-empty value
    /// (no-color.org: an empty NO_COLOR does not count).
    static func usesColour(on descriptor: Int32) -> Bool {
        switch colorChoice {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
            return noColor.isEmpty && isatty(descriptor) == 1
        }
    }

    /// Whether a batch shows a progress bar: stderr is a terminal and not --quiet.
    static var showsProgress: Bool { !isQuiet && isatty(STDERR_FILENO) == 1 }

    static func diagnostic(_ diagnostic: Diagnostic) {
        if isQuiet && diagnostic.severity != .error { return }
        guard usesColour(on: STDERR_FILENO) else { return standardError(diagnostic.formatted) }
        let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        let reset = "\u{1B}[0m"
        standardError(
            "\u{1B}[1m\(diagnostic.file):\(diagnostic.line):\(diagnostic.column):\(reset) "
                + "\(colour)\(diagnostic.severity.rawValue):\(reset) \(diagnostic.message)")
    }

    /// A summary for a person, on stderr so stdout stays clean for scripts; none with
    /// `--quiet`.
    static func status(_ line: String) {
        guard !isQuiet else { return }
        standardError(line)
    }

    /// `text` coloured for `severity` on a terminal (stdout), plain otherwise.
    static func paint(_ text: String, severity: Alert.Severity) -> String {
        guard usesColour(on: STDOUT_FILENO) else { return text }
        let colour = switch severity {
        case .critical: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;33m"
        case .info: "\u{1B}[1;36m"
        }
        return colour + text + "\u{1B}[0m"
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One JSON document on stdout: snake_case keys, sorted, so output is deterministic,
    /// with `format_version` (``JSONOutput``).
    static func writeJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(VersionedJSON(value))
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// `text` as one shell word: in single quotes when it holds anything but letters,
    /// digits and `-_./:`.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:".unicodeScalars.contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
