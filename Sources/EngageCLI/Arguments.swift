import ArgumentParser
import Foundation
import EngagementCore

// The values commands take, parsed and checked by ArgumentParser: a bad one is a usage
// error (exit 64) in its words, quoting the value and the argument's help.

extension DocumentKind: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}

extension DocumentEdition: ExpressibleByArgument {}

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

/// `--format xhtml,html,md,docx,pdf`: one or more output formats, comma-separated.
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

/// A pack folder: any path but the empty one, completed as a folder. Whether it is a pack
/// is the command's to find out (exit 2), not a usage error.
struct PackPath: ExpressibleByArgument {
    var path: String

    init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        path = argument
    }

    var url: URL { URL(fileURLWithPath: path) }

    static var defaultCompletionKind: CompletionKind { .directory }
}

/// A profile: a file's path, or `-` for standard input; completed as an XML file.
struct ProfilePath: ExpressibleByArgument {
    var path: String

    init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        path = argument
    }

    var isStandardInput: Bool { path == ProfileLoader.standardInputPath }

    static var defaultCompletionKind: CompletionKind { .file(extensions: ["xml"]) }
}

/// `--wait SECONDS`: a finite number of seconds, 0 or more.
struct WaitSeconds: ExpressibleByArgument {
    var seconds: Double

    init(_ seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = Double(argument), seconds >= 0, seconds.isFinite else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds) }
}
