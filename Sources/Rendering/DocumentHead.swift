import XMLSupport

/// What a document carries in its `<head>` (docs/templates.md, "Styling" and "Document
/// metadata"): its metadata and house style as named `<meta>` elements, and `<style>`
/// elements, which each format applies its own way. Read from the document itself, so
/// that a stored revision renders as it first did.
public struct DocumentHead: Sendable, Hashable {
    public enum PageSize: String, Sendable, Hashable {
        case a4 = "A4"
        case letter = "Letter"
    }

    /// "en-GB" or "en-US"; nil when the head does not say.
    public var language: String?
    public var pageSize = PageSize.a4
    /// Colours as `#RRGGBB`, nil for the shipped ones.
    public var primaryColour: String?
    public var accentColour: String?
    public var textColour: String?
    /// Font families, nil for the shipped ones.
    public var headingFont: String?
    public var bodyFont: String?
    /// The firm the document is sent under, nil for none.
    public var firmName: String?
    /// The revision number, as the document gives it.
    public var revision: String?
    /// "draft", "for-review" or "final".
    public var status: String?
    public var author: String?
    /// YYYY-MM-DD.
    public var date: String?
    public var classification: String?
    /// The text of each `<style>` in the head, in order: the template's and the firm's.
    public var stylesheets: [String] = []

    public init() {}

    /// The style of the document whose root is `root` (`<html>`).
    public init(document root: XMLOutputElement) {
        guard let head = root.elements.first(where: { $0.name == "head" }) else { return }
        for element in head.elements {
            switch element.name {
            case "meta":
                guard let name = element.attributes["name"], let content = element.attributes["content"], !content.isEmpty else { continue }
                apply(name: name, content: content)
            case "style":
                let text = element.textContent
                if !text.isEmpty { stylesheets.append(text) }
            default:
                continue
            }
        }
    }

    private mutating func apply(name: String, content: String) {
        let isColour = content.utf8.count == 7 && content.hasPrefix("#") && content.dropFirst().allSatisfy(\.isHexDigit)
        switch name {
        case "language" where content == "en-GB" || content == "en-US": language = content
        case "page-size": pageSize = PageSize(rawValue: content) ?? pageSize
        case "colour-primary" where isColour: primaryColour = content
        case "colour-accent" where isColour: accentColour = content
        case "colour-text" where isColour: textColour = content
        case "font-heading": headingFont = content
        case "font-body": bodyFont = content
        case "firm": firmName = content
        case "revision": revision = content
        case "status": status = content
        case "author": author = content
        case "date": date = content
        case "classification": classification = content
        default: break
        }
    }
}
