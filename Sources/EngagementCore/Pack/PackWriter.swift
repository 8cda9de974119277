import Foundation

/// Writes rendered documents into a pack folder, one file at a time atomically
/// (temporary file in the same folder, then rename), skipping files whose bytes are
/// already there so that an unchanged document is never rewritten.
public enum PackWriter {
    /// What a write did.
    public struct Report: Sendable, Hashable {
        public var written: [String] = []
        public var unchanged: [String] = []
    }

    /// Errors from writing a pack.
    public enum Error: Swift.Error, CustomStringConvertible {
        case cannotCreateFolder(String, reason: String)
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case .cannotCreateFolder(let path, let reason):
                "The pack folder \(path) cannot be created: \(reason). Check the path and its permissions."
            case .cannotWrite(let path, let reason):
                "The file \(path) cannot be written: \(reason). Check free space and permissions."
            }
        }
    }

    /// The file name of `kind` in `format`, e.g. `business-case.html`.
    public static func fileName(_ kind: DocumentKind, _ format: OutputFormat) -> String {
        "\(kind.rawValue).\(format.fileExtension)"
    }

    /// Writes every output of `documents` into `folder`, creating it when needed.
    public static func write(_ documents: [RenderedPackDocument], to folder: URL) throws(Error) -> Report {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(folder.path, reason: error.localizedDescription)
        }
        var report = Report()
        for document in documents {
            for format in OutputFormat.allCases {
                guard let bytes = document.outputs[format] else { continue }
                let name = fileName(document.kind, format)
                let target = folder.appendingPathComponent(name)
                if let existing = fileManager.contents(atPath: target.path), existing.elementsEqual(bytes) {
                    report.unchanged.append(name)
                    continue
                }
                try writeAtomically(Data(bytes), to: target)
                report.written.append(name)
            }
        }
        return report
    }

    /// Writes to a temporary file beside `target`, flushes it, then renames it over
    /// `target`: a reader sees the old file or the new one, never a part.
    public static func writeAtomically(_ data: Data, to target: URL) throws(Error) {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw Error.cannotWrite(target.path, reason: "the temporary file cannot be created")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw Error.cannotWrite(target.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as Error {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(target.path, reason: error.localizedDescription)
        }
    }
}
