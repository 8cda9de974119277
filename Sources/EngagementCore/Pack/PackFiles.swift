import Foundation

/// File operations of a pack: names, durable writes, atomic renames.
enum PackFiles {
    /// The file name of `kind` in `format`, e.g. `business-case.html`.
    static func fileName(_ kind: DocumentKind, _ format: OutputFormat) -> String {
        "\(kind.rawValue).\(format.fileExtension)"
    }

    /// Writes each file and flushes them all to disk before returning. The flushes run
    /// side by side: the file system commits them together instead of one after another.
    static func writeDurably(_ files: [(bytes: [UInt8], url: URL)]) throws(PackError) {
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        for file in files {
            let descriptor = open(file.url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .writeFailed(file.url.path, reason: String(cString: strerror(errno))) }
            descriptors.append(descriptor)
            var written = 0
            while written < file.bytes.count {
                let count = file.bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw .writeFailed(file.url.path, reason: String(cString: strerror(errno))) }
                written += count
            }
        }
        let failures = ParallelSlots<String>(count: files.count)
        let toFlush = descriptors
        DispatchQueue.concurrentPerform(iterations: toFlush.count) { index in
            if fsync(toFlush[index]) != 0 { failures[index] = String(cString: strerror(errno)) }
        }
        for (index, failure) in failures.values.enumerated() {
            if let failure { throw .writeFailed(files[index].url.path, reason: failure) }
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
