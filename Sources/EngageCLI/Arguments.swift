import ArgumentParser
import EngagementCore

// The values commands take, parsed and checked by ArgumentParser: a bad one is a usage
// error (exit 64) in its words, quoting the value and the argument's help.

extension DocumentKind: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}

/// `DOC` or `DOC@N`: a document kind and, optionally, a revision number.
extension DocumentReference: ExpressibleByArgument {
    public init?(argument: String) {
        guard let reference = try? DocumentReference(parsing: argument) else { return nil }
        self = reference
    }

    public static var allValueStrings: [String] { DocumentKind.allCases.map(\.rawValue) }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}


/// `--today YYYY-MM-DD`: a real calendar date (2026-02-30 is refused).
extension ProfileDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }

    public var defaultValueDescription: String { description }
}

/// `--format xhtml,html,md`: one or more output formats, comma-separated.
struct FormatList: ExpressibleByArgument, Hashable {
    var formats: Set<OutputFormat>

    init(_ formats: Set<OutputFormat>) {
        self.formats = formats
    }

    init?(argument: String) {
        var formats: Set<OutputFormat> = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = OutputFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            formats.insert(format)
        }
        guard !formats.isEmpty else { return nil }
        self.formats = formats
    }

    var defaultValueDescription: String {
        OutputFormat.allCases.filter(formats.contains).map(\.rawValue).joined(separator: ",")
    }

    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
