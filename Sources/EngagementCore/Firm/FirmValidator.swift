import Foundation
import XMLSupport

/// The firm file's checks beyond its schema: each role is given once, and the files it
/// names (logo, stylesheet) exist inside its folder, so that a firm file cannot make
/// `engage` read, or embed in a document, a file from elsewhere on the machine.
struct FirmValidator {
    let fileName: String
    let folder: URL
    private(set) var diagnostics: [Diagnostic] = []

    static func check(_ root: SourceElement, fileName: String, folder: URL) -> [Diagnostic] {
        var validator = FirmValidator(fileName: fileName, folder: folder)
        let style = root.element(named: "house-style")
        validator.checkRolesOnce(style?.elements(named: "colour") ?? [], what: "colour")
        validator.checkRolesOnce(style?.elements(named: "font") ?? [], what: "font")
        if let logo = root.element(named: "identity")?.element(named: "logo") {
            validator.checkFile(logo, extensions: ["svg", "png"], what: "an SVG or PNG image", maximumBytes: FirmAssets.maximumLogoBytes)
        }
        if let stylesheet = style?.element(named: "stylesheet") {
            validator.checkFile(stylesheet, extensions: ["css"], what: "a CSS stylesheet", maximumBytes: FirmAssets.maximumStylesheetBytes)
        }
        return validator.diagnostics
    }

    private mutating func report(_ element: SourceElement, _ summary: String, fix: String) {
        diagnostics.append(Diagnostic(file: fileName, position: element.position, summary: summary, fix: fix))
    }

    private mutating func checkRolesOnce(_ elements: [SourceElement], what: String) {
        var seen: Set<String> = []
        for element in elements {
            guard let role = element[attribute: "role"] else { continue }
            if !seen.insert(role).inserted {
                report(element, "The \(what) role '\(role)' is given twice.", fix: "Give each role one <\(what)>; remove or rename the second.")
            }
        }
    }

    /// The file `element` names: relative, inside the firm file's folder (symbolic links
    /// resolved), a regular file, of the expected kind.
    private mutating func checkFile(_ element: SourceElement, extensions: Set<String>, what: String, maximumBytes: Int) {
        let written = element.normalizedText
        let segments = written.split(separator: "/", omittingEmptySubsequences: false)
        if written.hasPrefix("/") || segments.contains("..") {
            report(
                element, "'\(written)' leaves the firm file's folder.",
                fix: "Keep the firm's files beside the firm file or in a folder below it, and name them relative to it (brand/logo.svg).")
            return
        }
        let fileExtension = (written as NSString).pathExtension.lowercased()
        if !extensions.contains(fileExtension) {
            report(element, "'\(written)' is not \(what).", fix: "Name a file ending in \(extensions.sorted().map { "." + $0 }.joined(separator: " or ")).")
            return
        }
        let base = folder.resolvingSymlinksInPath().standardizedFileURL
        let target = base.appendingPathComponent(written).resolvingSymlinksInPath().standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder.boolValue else {
            report(element, "'\(written)' does not exist beside the firm file (looked for \(target.path)).", fix: "Check the name, or copy the file into \(base.path).")
            return
        }
        if !(target.path + "/").hasPrefix(base.path + "/") || target.path == base.path {
            report(
                element, "'\(written)' leads outside the firm file's folder through a symbolic link.",
                fix: "Copy the file into the firm file's folder instead of linking to it.")
            return
        }
        // Every document carries the file, so it is kept small.
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        if size > maximumBytes {
            report(
                element, "'\(written)' is \(size / 1024) KiB; the most a document carries is \(maximumBytes / 1024) KiB.",
                fix: "Use a smaller file (an SVG logo, or a PNG at the size it is printed).")
        } else if extensions.contains("css") {
            // Read once: whether it is text, and whether it could end the HTML's <style>.
            if let text = try? String(contentsOf: target, encoding: .utf8) {
                if text.range(of: "</style", options: .caseInsensitive) != nil {
                    report(element, "'\(written)' contains '</style', which would end the stylesheet early in HTML.", fix: "Remove it; a stylesheet never needs it.")
                }
            } else {
                report(element, "'\(written)' is not UTF-8 text.", fix: "Save the stylesheet as UTF-8.")
            }
        }
    }
}
