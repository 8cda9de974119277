import Foundation
import XMLSupport

/// The outcome of reading one profile file: the profile when it is valid, and every
/// problem found (warnings may accompany a valid profile).
public struct ProfileLoadResult: Sendable {
    public var profile: ClientProfile?
    public var diagnostics: [Diagnostic]
    /// The element tree the profile was read from; the model is built from it.
    public var root: SourceElement? = nil

    /// Whether the profile can be used: no diagnostic is an error.
    public var isValid: Bool { profile != nil && !diagnostics.containsErrors }
}

/// Reads client profiles: hardened parse, XSD validation, semantic checks, decoding.
public enum ProfileLoader {
    /// Loads the profile at `path`; never throws, every problem becomes a diagnostic.
    ///
    /// - Parameter displayName: the name diagnostics use, by default `path` as given.
    public static func load(fileAt path: String, displayName: String? = nil) -> ProfileLoadResult {
        let name = displayName ?? path
        do {
            let document = try XMLDocument.parse(fileAt: path, displayName: name, limits: ProfileSchema.limits)
            return load(document)
        } catch {
            return ProfileLoadResult(profile: nil, diagnostics: error.diagnostics)
        }
    }

    /// Loads a profile held in memory.
    public static func load(bytes: [UInt8], fileName: String) -> ProfileLoadResult {
        do {
            let document = try XMLDocument.parse(bytes: bytes, fileName: fileName, limits: ProfileSchema.limits)
            return load(document)
        } catch {
            return ProfileLoadResult(profile: nil, diagnostics: error.diagnostics)
        }
    }

    private static func load(_ document: XMLDocument) -> ProfileLoadResult {
        let root = document.root
        var diagnostics: [Diagnostic] = []
        switch ProfileSchema.compiled {
        case .success(let schema):
            diagnostics += schema.validate(document)
        case .failure(let error):
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: error.description))
        }
        // A wrong root or version makes every other finding noise.
        let isProfile = root.name == "client" && root[attribute: "schema-version"] == ProfileSchema.version
        if isProfile {
            diagnostics += ProfileValidator.check(root, fileName: document.fileName)
        }
        diagnostics = diagnostics.sortedForDisplay()
        guard !diagnostics.containsErrors else { return ProfileLoadResult(profile: nil, diagnostics: diagnostics) }
        do {
            let profile = try ProfileDecoder.decode(root)
            return ProfileLoadResult(profile: profile, diagnostics: diagnostics, root: root)
        } catch let error as ProfileDecoder.Failure {
            diagnostics.append(
                Diagnostic(
                    file: document.fileName, position: error.element.position,
                    summary: error.message, fix: "Please report this: the schema accepted what the decoder cannot read."))
            return ProfileLoadResult(profile: nil, diagnostics: diagnostics)
        } catch {
            diagnostics.append(Diagnostic(file: document.fileName, position: .start, summary: "\(error)"))
            return ProfileLoadResult(profile: nil, diagnostics: diagnostics)
        }
    }
}
