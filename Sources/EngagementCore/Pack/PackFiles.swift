import Foundation

/// File operations of a pack: names, durable writes, atomic renames.
enum PackFiles {
    /// The file name of `kind` in `format`, e.g. `business-case.html`.
    static func fileName(_ kind: DocumentKind, _ format: OutputFormat) -> String {
        "\(kind.rawValue).\(format.fileExtension)"
    }

    /// Whether `name` is a chart image of `kind` written beside its Markdown
    /// (``ChartImages/files(in:prefix:)``: `strategy-journey-map.svg`).
    static func isChartImage(_ name: String, of kind: DocumentKind) -> Bool {
        name.hasPrefix(kind.rawValue + "-") && name.hasSuffix(".svg")
    }

    /// Writes each file and flushes them all to disk before returning. The flushes run
    /// side by side: the file system commits them together instead of one after another.
    static func writeDurably(_ files: [(bytes: [UInt8], url: URL)]) throws(PackError) {
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        for file in files {
            let descriptor = open(file.url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw PackError.posix(errno, path: file.url.path) }
            descriptors.append(descriptor)
            var written = 0
            while written < file.bytes.count {
                let count = file.bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw PackError.posix(errno, path: file.url.path) }
                written += count
            }
        }
        let failures = ParallelSlots<Int32>(count: files.count)
        let toFlush = descriptors
        DispatchQueue.concurrentPerform(iterations: toFlush.count) { index in
            if fsync(toFlush[index]) != 0 { failures[index] = errno }
        }
        for (index, failure) in failures.values.enumerated() {
            if let failure { throw PackError.posix(failure, path: files[index].url.path) }
        }
    }

    /// Whether the file at `path` holds exactly `bytes`: false when it is missing or
    /// cannot be read. Compared with `memcmp`: a byte-by-byte walk through `Data` was 5%
    /// of a batch generate onto packs it leaves unchanged.
    static func file(at path: String, holds bytes: [UInt8]) -> Bool {
        guard let existing = FileManager.default.contents(atPath: path), existing.count == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }  // so both buffers have an address
        return existing.withUnsafeBytes { existing in
            bytes.withUnsafeBytes { memcmp(existing.baseAddress!, $0.baseAddress!, bytes.count) == 0 }
        }
    }

    /// Renames `source` over `target` in one step: a reader sees the old or the new file.
    static func replace(_ target: URL, with source: URL) throws(PackError) {
        guard rename(source.path, target.path) == 0 else {
            throw PackError.posix(errno, path: target.path)
        }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    static func synchronizeFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Checks that `folder` can hold a pack: a folder, or nothing yet (it is created).
    ///
    /// - Throws: ``PackError/notAFolder(_:detail:)`` for a file or a symbolic link to nothing.
    static func checkPackFolder(_ folder: URL) throws(PackError) {
        var status = stat()
        guard lstat(folder.path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFLNK, stat(folder.path, &status) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: folder.path)) ?? "?"
            throw .notAFolder(folder.path, detail: "is a symbolic link to \(target), which does not exist. Create that folder, or give another one")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw .notAFolder(folder.path, detail: "is an existing file, not a folder. Give a folder for the pack (engage creates it when it does not exist)")
        }
    }

    /// Creates the folder `url` inside the pack's store folder (staging), saying plainly
    /// when a file stands where the folder belongs.
    static func createStoreFolder(_ url: URL) throws(PackError) {
        var isFolder: ObjCBool = false
        var parent = url
        while parent.lastPathComponent != RevisionStore.folderName, parent.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder), !isFolder.boolValue {
                throw .fileInPlaceOfFolder(parent.path)
            }
            parent = parent.deletingLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PackError.fileProblem(url.path, error)
        }
    }
}
