import EngageTemplates
import Foundation
import ShippedFiles

/// The templates shipped inside engage, and the one way a run reads its templates.
public enum ShippedTemplates {
    /// What diagnostics show before a shipped template's path.
    public static let displayBase = "Templates"

    /// Each shipped file's path under `Templates/` (with `/` separators, sorted) and bytes.
    public static var files: [(path: String, bytes: [UInt8])] {
        ShippedFiles.templates.map { ($0.path, Array($0.text.utf8)) }
    }

    /// Writes a copy of the shipped templates into `folder`, creating it and the folders
    /// below it, with a README saying how to use the copy. Refuses a folder that exists
    /// and is not empty: a firm's customized templates must not be overwritten.
    ///
    /// - Returns: the paths written, relative to `folder`.
    public static func export(to folder: URL) throws(ExportError) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notAFolder(folder.relativePath) }
            let entries = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            guard entries.isEmpty else { throw .notEmpty(folder.relativePath) }
        }
        var written: [String] = []
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, bytes) in files + [("README.md", Array(readme.utf8))] {
                let target = folder.appendingPathComponent(path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: target, options: .withoutOverwriting)
                written.append(path)
            }
        } catch {
            throw .writeFailed(folder.relativePath, reason: error.localizedDescription)
        }
        return written
    }

    /// Why the templates could not be exported.
    public enum ExportError: Error, CustomStringConvertible {
        case notAFolder(String)
        case notEmpty(String)
        case writeFailed(String, reason: String)

        public var description: String {
            switch self {
            case .notAFolder(let path):
                "'\(path)' is a file, not a folder. Name a new or empty folder to export the templates into."
            case .notEmpty(let path):
                "The folder '\(path)' is not empty; exporting would mix the shipped templates with what is there. Name a new or empty folder."
            case .writeFailed(let path, let reason):
                "The templates could not be written into '\(path)': \(reason). Check that the folder can be written to, then export into a new folder."
            }
        }
    }

    /// The README written beside exported templates.
    static let readme = """
        # Templates for engage

        This folder is a copy of the templates shipped inside `engage` \(EngageVersion.current), written
        by `engage templates export`. Edit them to use your firm's own wording and structure.

        Use the folder for one run:

            engage generate client.xml --out packs/client --templates path/to/this/folder

        or for every run, by naming it in the environment:

            export ENGAGE_TEMPLATES=path/to/this/folder

        A pack remembers the template folder it was generated with: `engage status` reports
        the documents whose templates changed, and `engage regenerate` brings them up to date.

        - `business-case.xhtml`, `strategy.xhtml`, `change-management.xhtml` and
          `communication.xhtml` are the four documents; their file names are fixed.
        - `partials/` holds the macros and sections they include (`<t:include src="..."/>`).
          An include must name a file inside this folder.

        The template language (`t:value`, `t:each`, `t:if`, macros, sections and their ids)
        is described in docs/templates.md of the engage source. Check your changes with
        `engage generate` on a sample profile: every template error is reported with its
        file, line and column.

        """
}

extension TemplateSources {
    /// Reads the templates of `set`: the shipped ones from the binary, or a folder's.
    ///
    /// - Parameter includesOnly: keep only each file's hash and includes (``init(folder:includesOnly:)``).
    public init(_ set: TemplateSet, includesOnly: Bool = false) throws(TemplateFailure) {
        switch set {
        case .shipped:
            try self.init(files: ShippedTemplates.files, displayBase: ShippedTemplates.displayBase, includesOnly: includesOnly)
        case .folder(let folder):
            try self.init(folder: folder, includesOnly: includesOnly)
        }
    }
}
