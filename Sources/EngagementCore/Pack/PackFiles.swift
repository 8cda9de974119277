import Foundation

/// File operations of a pack: names, durable writes, atomic renames.
enum PackFiles {
    /// The file name of `kind` in `format`, e.g. `business-case.html`.
    static func fileName(_ kind: DocumentKind, _ format: OutputFormat) -> String {
        "\(kind.rawValue).\(format.fileExtension)"
    }

    /// Writes `data` to `url` and flushes it to disk before returning.
    static func writeDurably(_ data: Data, to url: URL) throws(PackError) {
        do {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw PackError.writeFailed(url.path, reason: "the file cannot be created")
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch let error as PackError {
            throw error
        } catch {
            throw .writeFailed(url.path, reason: error.localizedDescription)
        }
    }

    /// Renames `source` over `target` in one step: a reader sees the old or the new file.
    static func replace(_ target: URL, with source: URL) throws(PackError) {
        guard rename(source.path, target.path) == 0 else {
            throw .writeFailed(target.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    static func synchronizeFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
