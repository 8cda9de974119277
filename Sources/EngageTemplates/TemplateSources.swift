import EngageBasics
import Foundation
import XMLSupport

/// The parsed files of a template folder, read once and shared by every thread.
///
/// Every `.xhtml` file under the folder is read up front (a template folder holds a
/// handful), so an include can only ever name a file that was found inside the folder:
/// a path that leaves it, directly or through a symbolic link, cannot resolve.
public struct TemplateSources: Sendable {
    /// One template file.
    public struct File: Sendable {
        /// The path relative to the folder, with `/` separators.
        public var path: String
        /// The path shown in diagnostics.
        public var displayPath: String
        public var root: SourceElement
        public var lines: [String]
        /// FNV-1a of the bytes, for the template hash of a revision.
        public var hash: UInt64
        /// The `<t:macro>` and `<t:include>` elements of the file, in document order: what
        /// the compiler and the template hash look up, found in one walk.
        var instructions: [Instruction]

        init(path: String, displayPath: String, root: SourceElement, lines: [String], hash: UInt64) {
            self.path = path
            self.displayPath = displayPath
            self.root = root
            self.lines = lines
            self.hash = hash
            var instructions: [Instruction] = []
            func walk(_ element: SourceElement) {
                if element.namespaceURI == TemplateNamespace.uri {
                    if element.name == "macro", let name = element[attribute: "name"] {
                        instructions.append(.macro(name: name, definition: element))
                    }
                    if element.name == "include", let reference = element[attribute: "src"] {
                        instructions.append(.include(reference: reference))
                    }
                }
                for case .element(let child) in element.children { walk(child) }
            }
            walk(root)
            self.instructions = instructions
        }
    }

    /// A macro definition or an include, as found in a file.
    package enum Instruction: Sendable {
        case macro(name: String, definition: SourceElement)
        case include(reference: String)
    }

    /// Where the files were read from, as shown in diagnostics: the folder's path, or
    /// `Templates` for the shipped templates.
    public let displayBase: String
    public let files: [String: File]
    /// Files that are in the folder only through a link that leads outside it.
    package let filesLeadingOutside: Set<String>

    /// Reads and parses every `.xhtml` file under `folder`.
    ///
    /// - Throws: ``TemplateFailure`` with every file's problems when any file is not
    ///   acceptable XML, or when the folder cannot be read.
    /// - Parameter includesOnly: keep only each file's bytes hash and its includes, not its
    ///   tree: enough for template hashes (status), at a fraction of the cost.
    public init(folder: URL, includesOnly: Bool = false) throws(TemplateFailure) {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let displayBase = folder.path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            throw TemplateFailure(diagnostics: [
                TemplateDiagnostic(
                    origin: TemplateOrigin(file: displayBase, position: .start, chain: []),
                    summary: "The template folder cannot be read.", fix: "Check the path given to --templates.")
            ])
        }
        var paths: [URL] = []
        var outside: Set<String> = []
        var read: [(path: String, bytes: [UInt8])] = []
        var problems: [TemplateDiagnostic] = []
        for case let url as URL in enumerator where url.pathExtension == "xhtml" { paths.append(url) }
        for url in paths.sorted(by: { $0.path < $1.path }) {
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL
            guard resolved.path.hasPrefix(root.path + "/") else {
                let listed = url.standardizedFileURL.path
                if listed.hasPrefix(root.path + "/") { outside.insert(String(listed.dropFirst(root.path.count + 1))) }
                continue
            }
            let relative = String(resolved.path.dropFirst(root.path.count + 1))
            do {
                read.append((relative, [UInt8](try Data(contentsOf: resolved))))
            } catch {
                problems.append(
                    TemplateDiagnostic(
                        origin: TemplateOrigin(file: (displayBase as NSString).appendingPathComponent(relative), position: .start, chain: []),
                        summary: "The template cannot be read: \(error.localizedDescription)"))
            }
        }
        try self.init(files: read, displayBase: displayBase, includesOnly: includesOnly, problems: problems, leadingOutside: outside)
    }

    /// Parses `files`, each a path relative to the template folder (with `/` separators)
    /// and its bytes: the shipped templates, embedded in the binary.
    ///
    /// - Parameter displayBase: what diagnostics show before each path.
    /// - Throws: ``TemplateFailure`` with every file's problems.
    public init(files: [(path: String, bytes: [UInt8])], displayBase: String, includesOnly: Bool = false) throws(TemplateFailure) {
        try self.init(files: files, displayBase: displayBase, includesOnly: includesOnly, problems: [], leadingOutside: [])
    }

    private init(
        files read: [(path: String, bytes: [UInt8])], displayBase: String, includesOnly: Bool, problems: [TemplateDiagnostic],
        leadingOutside: Set<String>
    ) throws(TemplateFailure) {
        var files: [String: File] = [:]
        var problems = problems
        for (relative, bytes) in read {
            let display = (displayBase as NSString).appendingPathComponent(relative)
            do {
                let document = try XMLDocument.parse(bytes: bytes, fileName: display, limits: .standard)
                if includesOnly {
                    files[relative] = File(
                        path: relative, displayPath: display, root: Self.includes(of: document), lines: [],
                        hash: FNV1a.hash(bytes))
                    continue
                }
                files[relative] = File(
                    path: relative, displayPath: display, root: document.root, lines: Self.lines(of: bytes),
                    hash: FNV1a.hash(bytes))
            } catch {
                let lines = Self.lines(of: bytes)
                problems += error.diagnostics.map {
                    TemplateDiagnostic(
                        origin: TemplateOrigin(file: $0.file, position: $0.position, chain: []),
                        summary: $0.summary, fix: $0.fix,
                        sourceLine: $0.line >= 1 && $0.line <= lines.count ? lines[$0.line - 1] : nil)
                }
            }
        }
        guard problems.isEmpty else { throw TemplateFailure(diagnostics: problems) }
        self.displayBase = displayBase
        self.files = files
        self.filesLeadingOutside = leadingOutside
    }

    /// The path diagnostics show for the file `path` of the folder.
    package func displayPath(of path: String) -> String {
        (displayBase as NSString).appendingPathComponent(path)
    }

    /// The lines of a file, for the caret display of diagnostics: the text split at its
    /// "\n" characters, read from the bytes (a line feed is a character of its own unless it
    /// ends a CR LF pair).
    private static func lines(of bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) {
            lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        lines.append(String(decoding: bytes[start...], as: UTF8.self))
        return lines
    }

    /// A stand-in root holding only the file's `<t:include>` elements.
    private static func includes(of document: XMLDocument) -> SourceElement {
        let query = "//*[local-name() = 'include' and namespace-uri() = '\(TemplateNamespace.uri)']/@src"
        var children: [SourceElement.Child] = []
        if case .nodes(let nodes)? = try? document.evaluate(query) {
            for node in nodes {
                children.append(.element(SourceElement(
                    name: "include", namespaceURI: TemplateNamespace.uri,
                    attributes: [.init(name: "src", value: node.stringValue)], position: node.position ?? .start)))
            }
        }
        return SourceElement(name: "includes", children: children, position: .start)
    }

    /// Resolves `reference`, written in the file at `from`, to a file of the folder.
    /// Absolute paths and paths that climb out of the folder are refused.
    package func resolve(_ reference: String, from: String) -> Result<File, ResolutionError> {
        guard !reference.hasPrefix("/"), !reference.contains("\\") else { return .failure(.outsideFolder) }
        var components = from.split(separator: "/").dropLast().map(String.init)
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return .failure(.outsideFolder) }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        var path = ""
        for component in components {
            if !path.isEmpty { path += "/" }
            path += component
        }
        if filesLeadingOutside.contains(path) { return .failure(.outsideFolder) }
        guard let file = files[path] else { return .failure(.notFound(path)) }
        return .success(file)
    }

    package enum ResolutionError: Error {
        case outsideFolder
        case notFound(String)
    }
}
