import EngageBasics

/// A problem found in a user's file, located at a line and column.
///
/// Diagnostics are collected, not thrown one at a time, so a user sees every problem
/// of a run together. The text form is `FILE:LINE:COL: error: SUMMARY FIX`, the shape
/// compilers use and editors understand.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// The file as the user named it.
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, as a full sentence.
    public var summary: String
    /// How to fix it, as a full sentence; nil when the summary says it all (JSON: null).
    @NullWhenAbsent public var fix: String?

    public init(
        severity: Severity = .error,
        file: String,
        position: SourcePosition,
        summary: String,
        fix: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = position.line
        self.column = position.column
        self.summary = summary
        self.fix = fix
    }

    public var position: SourcePosition { SourcePosition(line: line, column: column) }

    /// The summary followed by the fix.
    public var message: String {
        guard let fix, !fix.isEmpty else { return summary }
        return "\(summary) \(fix)"
    }

    /// `FILE:LINE:COL: error: MESSAGE`.
    public var formatted: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, then line, then column, errors first.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line, $0.column, $0.severity == .error ? 0 : 1, $0.summary)
                < ($1.file, $1.line, $1.column, $1.severity == .error ? 0 : 1, $1.summary)
        }
    }

    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
