/// The four documents of an engagement pack; the raw values are fixed ids.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case businessCase = "business-case"
    case strategy
    case changeManagement = "change-management"
    case communication

    /// The template file that renders this kind, relative to the template folder.
    public var templateFile: String { "\(rawValue).xhtml" }

    public var title: String {
        switch self {
        case .businessCase: "Business case"
        case .strategy: "Strategy"
        case .changeManagement: "Change management plan"
        case .communication: "Communication plan"
        }
    }

    public static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The formats a document is written in.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Canonical XHTML, the form revisions are stored and compared in.
    case xhtml
    /// Self-contained HTML5 with styles and a table of contents, for reading and printing.
    case html
    /// GitHub-flavoured Markdown, for wikis.
    case md
    /// A Word document (WordprocessingML), for sending and editing.
    case docx
    /// The Word document as LibreOffice lays it out (``PDFConverter``), for sending.
    case pdf

    public var fileExtension: String { rawValue }

    /// What `generate` writes unless told: the formats that cost no more than the render.
    public static let defaults: [OutputFormat] = [.xhtml, .html, .md]
}

/// Who a document is written for (DESIGN section 14). The client edition is what the
/// client's people read and sign; the internal edition adds the engagement team's own
/// assessments of named people. Templates read it at `/client/edition`.
public enum DocumentEdition: String, Sendable, Hashable, CaseIterable, Codable {
    case client
    case `internal`
}
