import EngageBasics
import Foundation

/// Where a run's templates come from.
public enum TemplateSet: Sendable, Hashable {
    /// The templates shipped inside engage (`Templates/` of the source, embedded at build
    /// time), which `engage templates export` writes out to customize.
    case shipped
    /// A folder of templates, named by `--templates` or `ENGAGE_TEMPLATES`.
    case folder(URL)
}

/// Finds the templates of a run: the folder the user named, or the shipped ones.
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

        public var description: String {
            switch self {
            case .optionFolderUnusable(let path, let state):
                "The template folder '\(path)' given to --templates \(Self.problem(state)). Give the path of a folder of templates ('engage templates export DIR' writes a copy of the shipped ones)."
            case .environmentFolderUnusable(let path, let state):
                "The template folder '\(path)' named by \(TemplateLocator.environmentVariable) \(Self.problem(state)). Correct \(TemplateLocator.environmentVariable), or unset it to use the shipped templates."
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

    /// The templates of a run: the folder `option` (the `--templates` value) names when
    /// given, else the one `$ENGAGE_TEMPLATES` names when set and not empty, else the
    /// shipped templates.
    ///
    /// - Throws: ``Error`` when the folder named by `option` or by the environment is
    ///   not a folder.
    public static func templates(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(Error) -> TemplateSet {
        if let option {
            let state = state(ofFolderAtPath: option)
            guard state == .folder else { throw .optionFolderUnusable(path: option, state: state) }
            return .folder(URL(fileURLWithPath: option))
        }
        if let named = environment[environmentVariable], !named.isEmpty {
            let state = state(ofFolderAtPath: named)
            guard state == .folder else { throw .environmentFolderUnusable(path: named, state: state) }
            return .folder(URL(fileURLWithPath: named))
        }
        return .shipped
    }
}
