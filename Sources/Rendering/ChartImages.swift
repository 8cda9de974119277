import XMLSupport

/// The charts of a rendered document as files of their own: the Markdown refers to them,
/// beside it, as `KIND-CHART.svg` (`strategy-journey-map.svg`). One rule names them for
/// the Markdown that links them and for the pack that writes them.
public enum ChartImages {
    public static let svgNamespace = "http://www.w3.org/2000/svg"

    /// Whether `element` is a chart: an `<svg>` in the SVG namespace.
    public static func isChart(_ element: XMLOutputElement) -> Bool {
        element.name == "svg" && element.namespaceURI == svgNamespace
    }

    /// Every chart of `document`, in document order, with its file name: `PREFIX-KIND.svg`,
    /// the kind read from the chart's `chart-KIND` class, and `-2`, `-3` for a kind that
    /// comes again.
    public static func files(in document: XMLOutputElement, prefix: String) -> [(name: String, svg: XMLOutputElement)] {
        var charts: [XMLOutputElement] = []
        collect(document, into: &charts)
        var used: [String: Int] = [:]
        return charts.map { svg in
            let kind = (svg.attributes["class"] ?? "").split(separator: " ").first { $0.hasPrefix("chart-") }.map { String($0.dropFirst(6)) } ?? "chart"
            let count = used[kind, default: 0] + 1
            used[kind] = count
            return ("\(prefix)-\(kind)\(count == 1 ? "" : "-\(count)").svg", svg)
        }
    }

    /// The bytes of a chart's file: an SVG document, written by libxml2 as the documents are.
    public static func bytes(of svg: XMLOutputElement) -> [UInt8] {
        XMLWriter.serialize(svg, indent: true)
    }

    /// The chart's title and description, its text alternative where the SVG's own cannot
    /// be read (an image in Markdown, a picture in Word).
    public static func alternativeText(of svg: XMLOutputElement) -> String {
        alternativeText(title: text(of: svg, "title"), description: text(of: svg, "desc"))
    }

    /// The title, then the description, as one text: a sentence break between them unless
    /// the title ends one.
    static func alternativeText(title: String, description: String) -> String {
        if title.isEmpty || description.isEmpty { return title + description }
        return title + (title.last.map { ".!?".contains($0) } == true ? " " : ". ") + description
    }

    /// The text of the chart's first `name` child (`title`, `desc`), white space collapsed.
    static func text(of svg: XMLOutputElement, _ name: String) -> String {
        svg.elements.first { $0.name == name }?.textContent.collapsingXMLWhitespace() ?? ""
    }

    private static func collect(_ element: XMLOutputElement, into charts: inout [XMLOutputElement]) {
        if isChart(element) {
            charts.append(element)
            return
        }
        // Every element of every document passes here twice: no array of children each.
        for case .element(let child) in element.children { collect(child, into: &charts) }
    }
}
