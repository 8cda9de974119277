import Foundation
import XMLSupport

/// A chart of the XHTML, an `<svg role="img">` whose `<title>` and `<desc>` name and
/// describe it, as a Word picture: its size on the page, the pixels of its PNG, its alt text.
struct WordChart {
    /// The PNG's pixels per CSS pixel: 192 dpi at the natural size, sharp on paper. A whole
    /// number keeps edges that fall on CSS pixels crisp, which also makes the PNG smaller
    /// and quicker to compress than one drawn at the printed size (for a 680-pixel chart
    /// on A4, 1285 pixels wide: 202 KB against 139 KB).
    static let pixelsPerCSSPixel = 2
    static let dotsPerInch = 96 * pixelsPerCSSPixel

    let svg: XMLOutputElement
    let title: String
    let description: String
    /// The natural size in CSS pixels (1/96 inch).
    let naturalWidth: Double
    let naturalHeight: Double

    /// `element` as a chart, or nil when it is not an `<svg>` in the SVG namespace.
    init?(_ element: XMLOutputElement) {
        guard ChartImages.isChart(element) else { return nil }
        svg = element
        title = ChartImages.text(of: element, "title")
        description = ChartImages.text(of: element, "desc")
        // width and height, else the viewBox's, else CSS's default size of a replaced element.
        let viewBox = (element.attributes["viewBox"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        naturalWidth = Self.pixels(element.attributes["width"]) ?? (viewBox.count == 4 ? viewBox[2] : nil) ?? 300
        naturalHeight = Self.pixels(element.attributes["height"]) ?? (viewBox.count == 4 ? viewBox[3] : nil) ?? 150
    }

    /// A length in CSS pixels, unitless or in `px`; nil for a percentage or none.
    static func pixels(_ length: String?) -> Double? {
        guard let length else { return nil }
        let number = length.hasSuffix("px") ? String(length.dropLast(2)) : length
        return Double(number.trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    /// What Word shows as the picture's alt text: the title, then the description.
    var altText: String { ChartImages.alternativeText(title: title, description: description) }

    /// The size on the page in EMUs: the natural size at 96 dpi, scaled down (never up),
    /// keeping the proportions, to fit `maximumWidth` and `maximumHeight`.
    func extent(maximumWidth: Int, maximumHeight: Int) -> (width: Int, height: Int) {
        let width = naturalWidth * Double(WordDrawing.emusPerPixel)
        let height = naturalHeight * Double(WordDrawing.emusPerPixel)
        let scale = min(1, Double(maximumWidth) / width, Double(maximumHeight) / height)
        return (Int((width * scale).rounded()), Int((height * scale).rounded()))
    }

    /// The PNG's size in pixels.
    var pixelSize: (width: Int, height: Int) {
        func pixels(_ length: Double) -> Int { max(1, Int((length * Double(Self.pixelsPerCSSPixel)).rounded())) }
        return (pixels(naturalWidth), pixels(naturalHeight))
    }
}
