import Foundation
import ShippedFiles
import XMLSupport

/// The client profile's XSD, shipped inside the tool and compiled once per process.
public enum ProfileSchema {
    /// The schema version this build reads (`schema-version` on the root).
    public static let version = "1"

    /// Limits for profile files: far above any real client, far below harm.
    public static let limits = XMLLimits(maximumBytes: 8 << 20, maximumDepth: 32)

    /// The XSD's text (`Schema/client-profile.xsd`), embedded in the binary so that it
    /// works from any folder, installed anywhere.
    public static var text: String { ShippedFiles.profileSchema }

    /// The compiled schema, or the reason it is unavailable (a broken build).
    public static let compiled: Result<XMLSchema, ProfileSchemaError> = {
        do throws(XMLParseFailure) {
            let document = try XMLDocument.parse(bytes: Array(text.utf8), fileName: "client-profile.xsd", limits: .standard)
            return .success(try XMLSchema(document: document, guide: "docs/profile-format.md"))
        } catch {
            return .failure(.invalid(error.diagnostics.map(\.formatted)))
        }
    }()
}

/// Why the shipped schema could not be used: a broken installation, not bad user input.
public enum ProfileSchemaError: Error, Sendable, CustomStringConvertible {
    case invalid([String])

    public var description: String {
        switch self {
        case .invalid(let messages):
            "The shipped client profile schema is invalid: \(messages.joined(separator: "; "))"
        }
    }
}
