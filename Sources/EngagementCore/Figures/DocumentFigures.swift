/// Each document's metadata with the defaults filled in (issue: document metadata): the
/// profile's `<documents>` entry, then the firm file's `<documents>` defaults, then draft.
/// The document date is the run's (`generate --date`) when given, else the profile's; it
/// is never the clock's, so the same inputs give the same documents.
public struct DocumentFigures: Sendable, Hashable {
    public struct Recipient: Sendable, Hashable {
        public var id: String
        public var name: String
        public var role: String
    }

    public struct Document: Sendable, Hashable {
        public var kind: DocumentKind
        public var author: String?
        public var status: ClientProfile.DocumentStatus
        public var classification: String?
        public var date: ProfileDate?
        public var recipients: [Recipient]
    }

    /// The four documents, in ``DocumentKind`` order.
    public var documents: [Document]

    public init(profile: ClientProfile, firm: Firm.DocumentDefaults?, date: ProfileDate?) {
        let people = Dictionary(profile.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        documents = DocumentKind.allCases.map { kind in
            let stated = profile.documents.first { $0.kind == kind.rawValue }
            return Document(
                kind: kind, author: stated?.author ?? firm?.author, status: stated?.status ?? firm?.status ?? .draft,
                classification: stated?.classification ?? firm?.classification, date: date ?? stated?.date,
                recipients: (stated?.recipients ?? []).compactMap { id in
                    people[id].map { Recipient(id: id, name: $0.name, role: $0.role) }
                })
        }
    }
}
