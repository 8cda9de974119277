import Foundation
import Rendering
import XMLSupport

/// The firm's files that documents carry (logo and stylesheet), put into the firm's
/// element of the model so that a document depends on their content, not their names:
/// a new logo makes the sections that show it stale, and a stored revision holds
/// everything its files, the Word file included, are made from.
///
/// The logo gets `src`, a data URL of the file, and, when it is SVG, `png`, a data URL of
/// a PNG drawn from it for Word (which needs one beside an SVG); the stylesheet gets
/// `css`, its text.
enum FirmAssets {
    static let maximumLogoBytes = 512 * 1024
    static let maximumStylesheetBytes = 128 * 1024
    /// The height the PNG of an SVG logo is drawn at: sharp in a page header when printed.
    static let logoPixelHeight = 160

    /// `root` with the logo and stylesheet it names read from `folder` (the validator has
    /// checked that they are there, inside it, and small enough), and a warning when an
    /// SVG logo cannot be drawn as PNG here.
    static func inlined(into root: SourceElement, folder: URL, fileName: String) -> (root: SourceElement, warnings: [Diagnostic]) {
        var root = root
        var warnings: [Diagnostic] = []
        root.updateElement(path: ["identity", "logo"]) { logo in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(logo.normalizedText)) else { return }
            let isPNG = logo.normalizedText.lowercased().hasSuffix(".png")
            logo.attributes.append(.init(name: "src", value: "data:\(isPNG ? "image/png" : "image/svg+xml");base64,\(data.base64EncodedString())"))
            guard !isPNG else { return }
            // Drawn in this process by librsvg, as the charts' pictures are (no rsvg-convert to start).
            do throws(SVGRasterizer.Error) {
                let png = try SVGRasterizer.png(fromSVG: [UInt8](data), height: logoPixelHeight)
                logo.attributes.append(.init(name: "png", value: "data:image/png;base64,\(Data(png).base64EncodedString())"))
            } catch {
                let (problem, fix) = switch error {
                case .libraryMissing(let reason):
                    ("librsvg could not be loaded (\(reason))", "Install \(SVGRasterizer.package) (apt-get install \(SVGRasterizer.package)), or name a PNG logo.")
                case .unreadable(let reason): ("librsvg could not draw it: \(reason)", "Check that the file opens in a browser, or name a PNG logo.")
                case .invalidSize: ("its proportions are too extreme to draw", "Name a logo about as wide as it is high, or a PNG logo.")
                }
                warnings.append(Diagnostic(
                    severity: .warning, file: fileName, position: logo.position,
                    summary: "The SVG logo cannot go into Word documents: \(problem).", fix: fix))
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
