import Foundation

/// How long a command waits for another run's lock on a pack, and whom it tells that it
/// is waiting.
public struct LockWait: Sendable {
    /// The longest wait, in seconds; 0 tries once.
    public var seconds: Double
    /// Receives sentences for the user while a pack is opened: once, after a second of
    /// waiting, that the command waits; and, for a reader, that a pending run cannot be
    /// finished on a read-only pack.
    public var notice: @Sendable (String) -> Void

    /// - Parameters:
    ///   - seconds: the longest wait; 0 tries once.
    ///   - notice: receives "Waiting for another engage run on PACK …" after a second.
    public init(seconds: Double = 60, notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.seconds = max(0, seconds)
        self.notice = notice
    }

    /// The default for library callers: a minute, silently.
    public static let standard = LockWait()
}

/// A lock on a pack, held for a whole run: exclusive for a run that writes, so that
/// concurrent runs on one pack happen one after another and lose nothing; shared for
/// readers, so that they read a store no writer is changing and do not wait for each other.
///
/// `flock` locks belong to the open file: the kernel releases them when the process ends,
/// even by SIGKILL, so a killed run never leaves a pack locked.
final class PackLock {
    /// Whether the lock excludes every other run or only writers.
    enum Mode {
        case exclusive, shared

        var operation: Int32 { self == .exclusive ? LOCK_EX : LOCK_SH }
    }

    private let descriptor: Int32
    let mode: Mode

    /// Waits until the exclusive lock on `folder` is held, creating the store folder if needed.
    ///
    /// - Throws: ``PackError/lockTimeout(_:seconds:)`` after `wait.seconds`,
    ///   ``PackError/lockFailed(_:reason:)`` when the lock file cannot be created.
    init(folder: URL, wait: LockWait = .standard) throws(PackError) {
        let storeFolder = folder.appendingPathComponent(RevisionStore.folderName)
        do {
            try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        } catch {
            throw PackError.fileProblem(storeFolder.path, error, lock: folder.path)
        }
        let path = storeFolder.appendingPathComponent("lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PackError.posix(errno, path: path, lock: folder.path) }
        try Self.acquire(descriptor, .exclusive, folder: folder, wait: wait)
        self.descriptor = descriptor
        mode = .exclusive
    }

    private init(descriptor: Int32, mode: Mode) {
        self.descriptor = descriptor
        self.mode = mode
    }

    /// A shared lock on `folder` for a reader, or nil when the lock file can be neither
    /// opened nor created because the file system or the folder is read-only to this
    /// user: then no writer can be running as this user, and the reader goes without.
    static func shared(folder: URL, wait: LockWait) throws(PackError) -> PackLock? {
        let path = folder.appendingPathComponent(RevisionStore.folderName).appendingPathComponent("lock").path
        // flock works on a descriptor opened read-only, so a lock file the reader may not
        // write still serves; it is created only when missing (a deleted lock file).
        var descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0, errno == ENOENT {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            if [EROFS, EACCES, EPERM, ENOENT].contains(errno) { return nil }
            throw PackError.posix(errno, path: path, lock: folder.path)
        }
        try acquire(descriptor, .shared, folder: folder, wait: wait)
        return PackLock(descriptor: descriptor, mode: .shared)
    }

    /// Takes the lock without blocking, polling every 50 ms: a blocking `flock` could
    /// neither say that it waits nor give up.
    private static func acquire(_ descriptor: Int32, _ mode: Mode, folder: URL, wait: LockWait) throws(PackError) {
        let clock = ContinuousClock()
        let start = clock.now
        var noticed = false
        while flock(descriptor, mode.operation | LOCK_NB) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            guard failure == EWOULDBLOCK else {
                close(descriptor)
                throw .lockFailed(folder.path, reason: String(cString: strerror(failure)))
            }
            let waited = clock.now - start
            if !noticed, waited >= .seconds(1) {
                noticed = true
                wait.notice("Waiting for another engage run on \(folder.path) to finish (lock held)...")
            }
            if waited >= .seconds(wait.seconds) {
                close(descriptor)
                throw .lockTimeout(folder.path, seconds: wait.seconds)
            }
            usleep(50_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
