import Foundation
import Rendering
import XMLSupport

/// The firm's files that documents carry (logo and stylesheet), put into the firm's
/// element of the model so that a document depends on their content, not their names:
/// a new logo makes the sections that show it stale, and a stored revision holds
/// everything its files, the Word file included, are made from.
///
/// The logo gets `src`, a data URL of the file (Word documents draw a PNG of an SVG logo
/// themselves, so the model and every other format never need librsvg); the stylesheet
/// gets `css`, its text.
enum FirmAssets {
    static let maximumLogoBytes = 512 * 1024
    static let maximumStylesheetBytes = 128 * 1024

    /// `root` with the logo and stylesheet it names read from `folder` (the validator has
    /// checked that they are there, inside it, and small enough), and a warning when an
    /// SVG logo is not an SVG document.
    static func inlined(into root: SourceElement, folder: URL, fileName: String) -> (root: SourceElement, warnings: [Diagnostic]) {
        var root = root
        var warnings: [Diagnostic] = []
        root.updateElement(path: ["identity", "logo"]) { logo in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(logo.normalizedText)) else { return }
            let isPNG = logo.normalizedText.lowercased().hasSuffix(".png")
            logo.attributes.append(.init(name: "src", value: "data:\(isPNG ? "image/png" : "image/svg+xml");base64,\(data.base64EncodedString())"))
            guard !isPNG else { return }
            // Word draws it as PNG (WordLogo) from this SVG; one that is not SVG would not be drawn.
            let svg = try? XMLDocument.parse(bytes: [UInt8](data), fileName: logo.normalizedText).root
            if svg?.name != "svg" || svg?.namespaceURI != ChartImages.svgNamespace {
                warnings.append(Diagnostic(
                    severity: .warning, file: fileName, position: logo.position,
                    summary: "'\(logo.normalizedText)' is not an SVG document, so Word documents show the firm's name in its place.",
                    fix: "Save the logo as SVG (an <svg> root in the SVG namespace), or name a PNG logo."))
            }
        }
        root.updateElement(path: ["house-style", "stylesheet"]) { stylesheet in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(stylesheet.normalizedText), encoding: .utf8) else { return }
            stylesheet.attributes.append(.init(name: "css", value: text))
        }
        return (root, warnings)
    }
}

/// Finds a program on `PATH`, as a shell would.
enum ExecutableSearch {
    static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension SourceElement {
    /// Applies `change` to the first element at `path` (child names, from this element).
    mutating func updateElement(path: ArraySlice<String>, _ change: (inout SourceElement) -> Void) {
        guard let name = path.first else { return change(&self) }
        for index in children.indices {
            guard case .element(var child) = children[index], child.name == name else { continue }
            child.updateElement(path: path.dropFirst(), change)
            children[index] = .element(child)
            return
        }
    }

    mutating func updateElement(path: [String], _ change: (inout SourceElement) -> Void) {
        updateElement(path: path[...], change)
    }
}
