import Foundation
import XMLSupport

/// The client profile's XSD, shipped inside the tool and compiled once per process.
public enum ProfileSchema {
    /// The schema version this build reads (`schema-version` on the root).
    public static let version = "1"

    /// Limits for profile files: far above any real client, far below harm.
    public static let limits = XMLLimits(maximumBytes: 8 << 20, maximumDepth: 32)

    /// The path of the shipped XSD, found through the resource bundle next to the
    /// executable, so it works from any working directory.
    public static var url: URL? {
        Bundle.module.url(forResource: "client-profile", withExtension: "xsd")
    }

    /// The compiled schema, or the reason it is unavailable (a broken installation).
    public static let compiled: Result<XMLSchema, ProfileSchemaError> = {
        guard let url else { return .failure(.missing) }
        do throws(XMLParseFailure) {
            return .success(try XMLSchema(fileAt: url.path, guide: "docs/profile-format.md"))
        } catch {
            return .failure(.invalid(error.diagnostics.map(\.formatted)))
        }
    }()
}

/// Why the shipped schema could not be used: a broken installation, not bad user input.
public enum ProfileSchemaError: Error, Sendable, CustomStringConvertible {
    case missing
    case invalid([String])

    public var description: String {
        switch self {
        case .missing:
            "The client profile schema (client-profile.xsd) is missing from the installation. Rebuild or reinstall engage."
        case .invalid(let messages):
            "The shipped client profile schema is invalid: \(messages.joined(separator: "; "))"
        }
    }
}
