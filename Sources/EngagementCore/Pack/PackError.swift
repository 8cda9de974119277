import Foundation
import GRDB

/// Problems with a pack or its revision store, as sentences a user can act on.
public enum PackError: Error, Sendable, CustomStringConvertible {
    case notAPack(String)
    /// The store could not be used for a reason that does not show it damaged
    /// (permissions, a lock, an I/O error): the advice never says to replace it.
    case storeUnreadable(String, reason: String)
    /// SQLite found the store corrupt (SQLITE_CORRUPT, SQLITE_NOTADB or a failed
    /// `quick_check`), or its rows contradict each other.
    case storeDamaged(String, reason: String)
    /// The store file is zero bytes long: a failed copy or sync cut it off.
    case storeEmpty(String)
    /// The pack folder holds documents but no store: the history was deleted.
    case storeMissing(String, documents: [String])
    /// The store exists but no generate ever finished in it.
    case storeWithoutHistory(String)
    /// The store's schema is older than this engage's and a reader may not upgrade it.
    case storeNeedsUpgrade(String)
    case storeFromNewerVersion(String)
    /// A revision's stored bytes no longer match the hash recorded with them.
    case revisionAltered(DocumentKind, Int, pack: String)
    /// The disk holding `path` is full.
    case diskFull(String, reason: String)
    case lockFailed(String, reason: String)
    /// Another run held the pack's lock for longer than the caller would wait.
    case lockTimeout(String, seconds: Double)
    /// The pack path is not a folder: a file, or a symbolic link to nothing.
    case notAFolder(String, detail: String)
    /// A file stands where the store keeps a folder (`.engage/staging`).
    case fileInPlaceOfFolder(String)
    case writeFailed(String, reason: String)
    case unknownDocument(String)
    case unknownRevision(DocumentKind, Int, latest: Int?)
    case noRevisions(DocumentKind)
    case profileMissing(String)
    /// The firm file the pack was generated with no longer exists.
    case firmMissing(String)
    /// The pack was generated from standard input (`engage generate - --out PACK`), so it
    /// knows no profile path to compare with.
    case profileFromStandardInput
    /// The profile given belongs to another client than the pack.
    case profileOfAnotherClient(profile: String, client: String, packClient: String)
    /// The template folder the pack was generated with is gone.
    case templatesMissing(String)
    /// A format made by another program (PDF, by LibreOffice) could not be made.
    case conversionFailed(String, reason: String)
    /// The documents have charts and a Word or PDF format was asked for, but librsvg,
    /// which draws the charts' pictures, cannot be loaded.
    case chartsCannotBeDrawn(String, reason: String)

    /// What to run to start a new history in a pack on purpose.
    static func restartAdvice(_ pack: String) -> String {
        "or run engage generate PROFILE --out \(pack) --force-new-history to start a new history at revision 1"
    }

    public var description: String {
        switch self {
        case .notAPack(let path):
            "\(path) is not an engagement pack (it has no \(RevisionStore.folderName)/ store). Create one with engage generate PROFILE --out \(path)."
        case .storeUnreadable(let path, let reason):
            "The revision store \(path) cannot be used: \(reason). Check the folder's permissions and free space, then try again."
        case .storeDamaged(let path, let reason):
            "The revision store \(path) is damaged: \(reason). Restore \(RevisionStore.folderName)/ from a backup, "
                + Self.restartAdvice(Self.pack(ofStore: path)) + " (the damaged store is kept beside it)."
        case .storeEmpty(let path):
            "The revision store \(path) is empty (0 bytes): the pack's history is gone, perhaps cut off by a copy or sync tool. "
                + "Restore it from a backup, " + Self.restartAdvice(Self.pack(ofStore: path)) + "."
        case .storeMissing(let pack, let documents):
            "\(pack) holds documents (\(Self.list(documents))) but no revision store (\(RevisionStore.folderName)/\(RevisionStore.fileName)): "
                + "its history was deleted. Restore \(RevisionStore.folderName)/ from a backup, " + Self.restartAdvice(pack) + "."
        case .storeWithoutHistory(let pack):
            "\(pack) has a revision store but no revisions: its first generate did not finish. Run engage generate PROFILE --out \(pack)."
        case .storeNeedsUpgrade(let path):
            "The revision store \(path) was written by an older version of engage and must be upgraded before it can be read, "
                + "which needs write access. Run engage regenerate or engage generate on the pack where you may write to it, then read it again."
        case .storeFromNewerVersion(let path):
            "The revision store \(path) was written by a newer version of engage. Upgrade engage to use this pack; it was left untouched."
        case .revisionAltered(let kind, let number, let pack):
            "\(kind.rawValue)@\(number) in the pack \(pack) does not match the bytes engage stored for it: the revision store was altered "
                + "outside engage. Restore \(RevisionStore.folderName)/ from a backup; engage will not use this revision."
        case .diskFull(let path, let reason):
            "The disk holding \(path) is full (\(reason)). Free some space on it and run the command again; the pack and its store were left as they were."
        case .lockFailed(let path, let reason):
            "The pack \(path) cannot be locked: \(reason). Check the folder's permissions."
        case .lockTimeout(let path, let seconds):
            "Another engage run held the pack \(path) for more than \(Self.seconds(seconds)); gave up. If no other engage is running "
                + "(a stopped one, e.g. after Ctrl-Z, still holds the lock), end it; or pass --wait SECONDS to wait longer."
        case .notAFolder(let path, let detail):
            "The pack \(path) \(detail)."
        case .fileInPlaceOfFolder(let path):
            "\(path) is a file, but engage keeps a folder there for the files a run prepares before moving them into the pack. "
                + "Move or delete that file and run the command again; the pack was left as it was."
        case .writeFailed(let path, let reason):
            "Writing \(path) failed: \(reason). The pack was left as it was; check free space and permissions."
        case .unknownDocument(let name):
            "'\(name)' is not a document; use one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))."
        case .unknownRevision(let kind, let number, let latest):
            if let latest {
                "\(kind.rawValue) has no revision \(number); its revisions are 1 to \(latest)."
            } else {
                "\(kind.rawValue) has no revisions yet; run engage generate first."
            }
        case .noRevisions(let kind):
            "\(kind.rawValue) has no revisions yet; run engage generate first."
        case .profileMissing(let path):
            "The pack's profile \(path) does not exist. Pass --profile with its new path."
        case .firmMissing(let path):
            "The pack's firm file \(path) does not exist. Pass --firm with its new path, or --firm none to generate without a firm."
        case .profileFromStandardInput:
            "The pack was generated from a profile on standard input, so it knows no profile file. Pass --profile FILE, or --profile - to read it from standard input again."
        case .profileOfAnotherClient(let profile, let client, let packClient):
            "The profile \(profile) is for client '\(client)', but this pack belongs to client '\(packClient)'. Pass --profile with \(packClient)'s profile, or use that client's own pack."
        case .templatesMissing(let path):
            "The pack was generated with the templates in \(path), which no longer exists. Restore that folder, or pass --templates DIR with the templates to compare against."
        case .conversionFailed(let path, let reason):
            "\(path): \(reason). Nothing was written; the other formats are written without --format pdf."
        case .chartsCannotBeDrawn(let path, let reason):
            "\(path): \(reason) Nothing was written; without docx and pdf in --format the other formats are written."
        }
    }

    /// The first three names, and how many more.
    private static func list(_ names: [String]) -> String {
        names.count <= 3 ? names.joined(separator: ", ") : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }

    private static func seconds(_ value: Double) -> String {
        let rounded = value.rounded() == value ? String(Int(value)) : String(value)
        return value == 1 ? "1 second" : "\(rounded) seconds"
    }

    /// The pack folder of the store at `path` (`PACK/.engage/revisions.sqlite`).
    private static func pack(ofStore path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path
    }
}

extension PackError {
    /// The ``PackError`` for a failure of the store at `path`: a full disk, real damage,
    /// or anything else, which does not call for a restore.
    static func store(_ path: String, _ error: any Error) -> PackError {
        if let error = error as? PackError { return error }
        guard let error = error as? DatabaseError else { return .storeUnreadable(path, reason: "\(error)") }
        let reason = "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")"
        switch error.resultCode {
        case .SQLITE_FULL:
            return .diskFull(path, reason: reason)
        case .SQLITE_IOERR where diskIsFull(near: path):
            // SQLite reports a write that found no space as an I/O error (its errno is not
            // kept in the error); free space near zero tells the two apart.
            return .diskFull(path, reason: reason)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .storeDamaged(path, reason: reason)
        default:
            return .storeUnreadable(path, reason: reason)
        }
    }

    /// The ``PackError`` for a failed system call on `path` with `code` (an errno):
    /// a full disk, else a lock failure when `lock` names the pack, else a failed write.
    static func posix(_ code: Int32, path: String, lock: String? = nil) -> PackError {
        let reason = String(cString: strerror(code))
        if code == ENOSPC || code == EDQUOT { return .diskFull(path, reason: reason) }
        if let lock { return .lockFailed(lock, reason: reason) }
        return .writeFailed(path, reason: reason)
    }

    /// The ``PackError`` for a Foundation file operation on `path` that threw `error`,
    /// read through to its errno so that a full disk is called one.
    static func fileProblem(_ path: String, _ error: any Error, lock: String? = nil) -> PackError {
        let nsError = error as NSError
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        if nsError.domain == NSPOSIXErrorDomain { return posix(Int32(nsError.code), path: path, lock: lock) }
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return posix(Int32(underlying.code), path: path, lock: lock) }
        if diskIsFull(near: path) { return .diskFull(path, reason: String(cString: strerror(ENOSPC))) }
        let reason = underlying?.localizedDescription ?? nsError.localizedDescription
        if let lock { return .lockFailed(lock, reason: reason) }
        return .writeFailed(path, reason: reason)
    }

    /// Whether the file system holding `path` (or its nearest existing ancestor) has less
    /// than 1 MiB free for this user: too little for a SQLite commit or a pack's files.
    static func diskIsFull(near path: String) -> Bool {
        var url = URL(fileURLWithPath: path)
        var stats = statvfs()
        while statvfs(url.path, &stats) != 0 {
            let parent = url.deletingLastPathComponent()
            guard parent.path != url.path else { return false }
            url = parent
        }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 1 << 20
    }
}
