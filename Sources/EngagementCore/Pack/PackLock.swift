import Foundation

/// An exclusive lock on a pack, held for a whole run, so that concurrent runs on one pack
/// happen one after another and lose nothing.
///
/// `flock` locks belong to the open file: the kernel releases them when the process ends,
/// even by SIGKILL, so a killed run never leaves a pack locked.
final class PackLock {
    private let descriptor: Int32

    /// Blocks until the lock on `folder` is held, creating the store folder if needed.
    init(folder: URL) throws(PackError) {
        let storeFolder = folder.appendingPathComponent(RevisionStore.folderName)
        do {
            try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        } catch {
            throw .lockFailed(folder.path, reason: error.localizedDescription)
        }
        let path = storeFolder.appendingPathComponent("lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .lockFailed(folder.path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .lockFailed(folder.path, reason: reason)
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
