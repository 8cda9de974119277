import Foundation
import XMLSupport

/// The document templates read: the client profile, with whitespace normalized, plus a
/// `<figures>` element computed in Swift (DESIGN section 3: profile -> model).
///
/// Text is normalized (runs of whitespace become one space, blank text nodes dropped) so
/// that re-indenting or re-wrapping a profile changes neither the documents nor the
/// section traces.
public struct EngagementModel: Sendable {
    public let profile: ClientProfile
    public let figures: EngagementFigures
    /// The canonical model XML: the bytes every render parses.
    public let bytes: [UInt8]
    /// A fingerprint of the normalized profile (without figures): changes exactly when the
    /// profile's content changes.
    public let profileHash: String
    /// The normalized profile XML the hash is taken of, kept as the revision snapshot.
    public let profileBytes: [UInt8]
    /// The edition the documents are rendered for, the model's `<edition>` element.
    public let edition: DocumentEdition
    /// The firm file the documents are sent under, nil without one.
    public let firm: FirmSource?
    /// The date of every document, from `generate --date`; nil to take the profile's.
    public let documentDate: ProfileDate?
    /// The snapshot element holding ``documentDate``.
    public static let documentDateElement = "document-date"

    /// Builds the model from a validated profile and its element tree.
    ///
    /// The edition is an input like the profile's data, not part of it: it follows the
    /// figures as `<edition>client</edition>`, so that the sections that read it are
    /// traced, and go stale, like any other.
    ///
    /// The firm file, when there is one, is an input like the profile: its normalized
    /// element is the profile snapshot's last child (`/client/firm`), so that its hash and
    /// the comparison of two revisions' inputs cover it, and sections that read it are
    /// traced and go stale like any other.
    ///
    /// The document date of `generate --date` is an input of the same kind: it is the
    /// snapshot's `<document-date>` (`/client/document-date`), before the firm's element.
    public init(
        profile: ClientProfile, root: SourceElement, edition: DocumentEdition = .client, firm: FirmSource? = nil,
        documentDate: ProfileDate? = nil
    ) {
        self.profile = profile
        self.edition = edition
        self.firm = firm
        self.documentDate = documentDate
        self.figures = EngagementFigures(profile: profile, firm: firm?.firm, documentDate: documentDate)
        var client = Self.normalized(root)
        if let documentDate {
            client.children.append(.element(XMLOutputElement(name: Self.documentDateElement, children: [.text(documentDate.description)])))
        }
        if let firm { client.children.append(.element(Self.normalized(firm.root))) }
        let profileBytes = XMLWriter.serialize(client, indent: false)
        self.profileHash = FNV1a.hex(FNV1a.hash(profileBytes))
        self.profileBytes = profileBytes
        // The model is the profile with <figures> as its last child: splice the figures'
        // serialization in before </client> rather than serialize the profile again.
        let figuresDocument = XMLWriter.serialize(FiguresXML.element(for: figures, profile: profile), indent: false)
        let figuresElement = figuresDocument.drop { $0 != UInt8(ascii: "<") }.dropFirst()
            .drop { $0 != UInt8(ascii: "<") }  // past the XML declaration
        let closing = Array("</client>".utf8)
        if let end = Self.lastIndex(of: closing, in: profileBytes) {
            var model = Array(profileBytes[..<end])
            model += figuresElement.reversed().drop { $0 == UInt8(ascii: "\n") }.reversed()
            model += Array("<edition>\(edition.rawValue)</edition>".utf8)
            model += profileBytes[end...]
            self.bytes = model
        } else {
            client.children.append(.element(FiguresXML.element(for: figures, profile: profile)))
            client.children.append(.element(XMLOutputElement(name: "edition", attributes: [:], children: [.text(edition.rawValue)])))
            self.bytes = XMLWriter.serialize(client, indent: false)
        }
    }

    /// A stored snapshot split into what the model was built from: the profile, the firm
    /// and the document date of `generate --date`.
    public static func inputs(ofSnapshot snapshot: SourceElement) -> (profile: SourceElement, firm: FirmSource?, documentDate: ProfileDate?) {
        var (profile, firm) = FirmSource.split(snapshot: snapshot)
        let date = profile.element(named: documentDateElement).flatMap { ProfileDate($0.normalizedText) }
        profile.children.removeAll { child in
            if case .element(let element) = child, element.name == documentDateElement { return true }
            return false
        }
        return (profile, firm, date)
    }

    /// The language the documents are written in: the firm file's locale, else British.
    public var locale: TemplateLocale { firm?.firm.language == .enUS ? .american : .british }

    /// Where templates read the edition.
    public static let editionPath = "/client/edition"

    /// Whether a trace line (a path, or an expression's value line) reads the edition.
    public static func readsEdition(_ line: String) -> Bool { line.contains(editionPath) }

    private static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }

    /// How model elements without an `id` are named in stable paths, so that a section's
    /// trace survives the insertion of a sibling: a stage by its name, a measurement by its
    /// expectation and date.
    public static let pathKeys: [String: [String]] = ["stage": ["name"], "measurement": ["expectation", "date"]]

    /// A session over a fresh parse of the model, with the template functions.
    public func session() throws(XMLParseFailure) -> XPathSession {
        XPathSession(
            document: try document(), functions: TemplateFunctions.make(currency: profile.identity.currency, locale: locale),
            keys: Self.pathKeys)
    }

    /// Parses the model for one render; each thread parses its own copy.
    public func document() throws(XMLParseFailure) -> XMLDocument {
        try XMLDocument.parse(bytes: bytes, fileName: "model.xml", limits: XMLLimits(maximumBytes: 64 << 20, maximumDepth: 64))
    }

    /// Collapses whitespace, and drops the private-use characters the renderer uses as
    /// placeholders, so that profile data can never forge one.
    static func normalizedText(_ text: String) -> String {
        let words = text.collapsingXMLWhitespace()
        guard words.unicodeScalars.contains(where: { $0 == "\u{E000}" || $0 == "\u{E001}" }) else { return words }
        return String(String.UnicodeScalarView(words.unicodeScalars.filter { $0 != "\u{E000}" && $0 != "\u{E001}" }))
    }

    /// `element` with its text normalized. In mixed content (text beside elements, as in a
    /// narrative passage's `<p>Text <em>this</em> text</p>`) the spaces around the inner
    /// elements are words' separators: runs become one space but are kept, and only the
    /// mixed element's own first and last text are trimmed.
    static func normalized(_ element: SourceElement, insideMixedContent: Bool = false) -> XMLOutputElement {
        var attributes: [String: String] = [:]
        for attribute in element.attributes where attribute.namespaceURI == nil {
            attributes[attribute.name] = normalizedText(attribute.value)
        }
        let isMixed =
            insideMixedContent
            || (element.children.contains { if case .element = $0 { true } else { false } }
                && element.children.contains { if case .text(let text) = $0 { !text.allSatisfy(\.isWhitespace) } else { false } })
        var children: [XMLOutputNode] = []
        for (index, child) in element.children.enumerated() {
            switch child {
            case .element(let nested):
                children.append(.element(normalized(nested, insideMixedContent: isMixed)))
            case .text(let text) where isMixed:
                var words = spacedText(text)
                if !insideMixedContent, index == 0 { words = String(words.drop { $0 == " " }) }
                if !insideMixedContent, index == element.children.count - 1 { words = String(words.reversed().drop { $0 == " " }.reversed()) }
                if !words.isEmpty { children.append(.text(words)) }
            case .text(let text):
                let words = normalizedText(text)
                if !words.isEmpty { children.append(.text(words)) }
            }
        }
        return XMLOutputElement(name: element.name, attributes: attributes, children: children)
    }

    /// `text` with each run of whitespace as one space, edges kept (as one space), and
    /// the placeholder characters dropped.
    static func spacedText(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars where scalar != "\u{E000}" && scalar != "\u{E001}" {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = true
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        if pendingSpace { result.append(" ") }
        return result
    }
}
