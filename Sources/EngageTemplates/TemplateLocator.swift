import EngageBasics
import Foundation

/// Finds the template folder of a run: the one the user named, or the shipped one.
///
/// A folder the user names (`--templates`, `ENGAGE_TEMPLATES`) is used or refused, never
/// replaced by the shipped templates: a typo must not put the shipped wording in front of
/// a client in place of the firm's own.
public enum TemplateLocator {
    /// The environment variable that names a template folder to use by default.
    public static let environmentVariable = "ENGAGE_TEMPLATES"

    /// What a path names, for a template folder.
    public enum FolderState: Sendable, Hashable {
        /// A folder (or a link to one).
        case folder
        /// Nothing: the path, or a folder on it, does not exist.
        case missing
        /// A file or anything else that is not a folder.
        case notAFolder
    }

    /// Why no template folder can be used.
    public enum Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The path given to `--templates` is not a folder.
        case optionFolderUnusable(path: String, state: FolderState)
        /// The path in `ENGAGE_TEMPLATES` is not a folder.
        case environmentFolderUnusable(path: String, state: FolderState)
        /// No folder was named and the shipped templates are not where they are looked for.
        case shippedTemplatesNotFound

        public var description: String {
            switch self {
            case .optionFolderUnusable(let path, let state):
                "The template folder '\(path)' given to --templates \(Self.problem(state)). Give the path of a folder of templates (a copy of the shipped Templates/)."
            case .environmentFolderUnusable(let path, let state):
                "The template folder '\(path)' named by \(TemplateLocator.environmentVariable) \(Self.problem(state)). Correct \(TemplateLocator.environmentVariable), or unset it to use the shipped templates."
            case .shippedTemplatesNotFound:
                "The shipped templates cannot be found. Pass --templates DIR or set \(TemplateLocator.environmentVariable)."
            }
        }

        private static func problem(_ state: FolderState) -> String {
            switch state {
            case .folder: "cannot be used"
            case .missing: "does not exist"
            case .notAFolder: "is not a folder"
            }
        }
    }

    /// What `path` names now; for a pack, whether the template folder it recorded is still
    /// there. A relative path is taken from the current directory.
    public static func state(ofFolderAtPath path: String) -> FolderState {
        var isDirectory: ObjCBool = false
        // fileExists follows symbolic links: a link to a folder is a folder.
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .folder : .notAFolder
    }

    /// The template folder of a run: `option` (the `--templates` value) when given, else
    /// `$ENGAGE_TEMPLATES` when set and not empty, else the shipped templates.
    ///
    /// - Throws: ``Error`` when the folder named by `option` or by the environment is
    ///   not a folder, or when none is named and the shipped one cannot be found.
    public static func folder(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(Error) -> URL {
        if let option {
            let state = state(ofFolderAtPath: option)
            guard state == .folder else { throw .optionFolderUnusable(path: option, state: state) }
            return URL(fileURLWithPath: option)
        }
        if let named = environment[environmentVariable], !named.isEmpty {
            let state = state(ofFolderAtPath: named)
            guard state == .folder else { throw .environmentFolderUnusable(path: named, state: state) }
            return URL(fileURLWithPath: named)
        }
        guard let shipped = shippedFolder() else { throw .shippedTemplatesNotFound }
        return shipped
    }

    /// The default template folder: `$ENGAGE_TEMPLATES` when set, else the shipped one.
    ///
    /// Nil when `ENGAGE_TEMPLATES` names something that is not a folder (it is never
    /// passed over for the shipped templates) or when the shipped ones cannot be found;
    /// ``folder(option:environment:)`` says which.
    public static func defaultFolder() -> URL? {
        try? folder(option: nil)
    }

    /// The shipped templates, first found of: `Templates/` in `../share/engage/` beside the
    /// executable (an installed copy); the `Templates/` folder of the source checkout this
    /// binary was built from.
    package static func shippedFolder() -> URL? {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        // This file is Sources/EngageTemplates/TemplateLocator.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            executable.deletingLastPathComponent().appendingPathComponent("../share/engage/Templates"),
            checkout.appendingPathComponent("Templates"),
        ]
        return candidates.first { candidate in
            FileManager.default.fileExists(atPath: candidate.appendingPathComponent("strategy.xhtml").path)
        }?.standardizedFileURL
    }
}
