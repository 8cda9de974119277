import EngagementCore
import Foundation
import XMLSupport

/// The one place that writes to the terminal: data to stdout, diagnostics to stderr.
enum Console {
    /// Colour only on a terminal and never when NO_COLOR is set (no-color.org).
    static let useColour: Bool = {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) == 1
    }()

    /// Whether stderr is a terminal (for progress bars).
    static let isTerminal: Bool = isatty(STDERR_FILENO) == 1

    static func diagnostic(_ diagnostic: Diagnostic) {
        guard useColour else { return standardError(diagnostic.formatted) }
        let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        let reset = "\u{1B}[0m"
        standardError(
            "\u{1B}[1m\(diagnostic.file):\(diagnostic.line):\(diagnostic.column):\(reset) "
                + "\(colour)\(diagnostic.severity.rawValue):\(reset) \(diagnostic.message)")
    }

    /// A one-line summary for a person, on stderr so stdout stays clean for scripts.
    static func status(_ line: String) {
        standardError(line)
    }

    /// `text` coloured for `severity` on a terminal (stdout), plain otherwise.
    static func paint(_ text: String, severity: Alert.Severity) -> String {
        guard ProcessInfo.processInfo.environment["NO_COLOR"] == nil, isatty(STDOUT_FILENO) == 1 else { return text }
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

    /// One JSON document on stdout: snake_case keys, sorted, so output is deterministic.
    static func writeJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
