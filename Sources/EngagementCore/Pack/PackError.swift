import Foundation

/// Problems with a pack or its revision store, as sentences a user can act on.
public enum PackError: Error, Sendable, CustomStringConvertible {
    case notAPack(String)
    case storeUnreadable(String, reason: String)
    case storeFromNewerVersion(String)
    case lockFailed(String, reason: String)
    case writeFailed(String, reason: String)
    case unknownDocument(String)
    case unknownRevision(DocumentKind, Int, latest: Int?)
    case noRevisions(DocumentKind)
    case profileMissing(String)
    /// The profile given belongs to another client than the pack.
    case profileOfAnotherClient(profile: String, client: String, packClient: String)
    /// The template folder the pack was generated with is gone.
    case templatesMissing(String)

    public var description: String {
        switch self {
        case .notAPack(let path):
            "\(path) is not an engagement pack (it has no \(RevisionStore.folderName)/ store). Create one with engage generate PROFILE --out \(path)."
        case .storeUnreadable(let path, let reason):
            "The revision store \(path) cannot be read: \(reason). Restore the pack from a backup or regenerate it into a new folder."
        case .storeFromNewerVersion(let path):
            "The revision store \(path) was written by a newer version of engage. Upgrade engage to use this pack; it was left untouched."
        case .lockFailed(let path, let reason):
            "The pack \(path) cannot be locked: \(reason). Check the folder's permissions."
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
        case .profileOfAnotherClient(let profile, let client, let packClient):
            "The profile \(profile) is for client '\(client)', but this pack belongs to client '\(packClient)'. Pass --profile with \(packClient)'s profile, or use that client's own pack."
        case .templatesMissing(let path):
            "The pack was generated with the templates in \(path), which no longer exists. Restore that folder, or pass --templates DIR with the templates to compare against."
        }
    }
}
