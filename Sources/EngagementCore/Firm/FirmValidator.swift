import EngageBasics
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
        if let standard = root.element(named: "service-standard") {
            validator.checkServiceStandard(standard)
        }
        return validator.diagnostics
    }

    /// Each kind, rule id and stage once, stages in journey order, every rule's timing
    /// readable and every touchpoint it names declared.
    private mutating func checkServiceStandard(_ standard: SourceElement) {
        let touchpoints = standard.elements(named: "touchpoint")
        let kinds = touchpoints.compactMap { $0[attribute: "kind"] }
        checkOnce(touchpoints, attribute: "kind", what: "touchpoint kind")
        let stages = standard.elements(named: "stage")
        checkOnce(stages, attribute: "name", what: "stage")
        let order = ClientProfile.StageName.allCases.map(\.rawValue)
        var previous = -1
        for stage in stages {
            guard let index = stage[attribute: "name"].flatMap(order.firstIndex(of:)) else { continue }
            if index < previous {
                report(
                    stage, "The stage '\(order[index])' is listed after '\(order[previous])', which comes later in the journey.",
                    fix: "List the stages in journey order: \(order.joined(separator: ", ")).")
            }
            previous = max(previous, index)
        }
        let rules = stages.flatMap { $0.elements(named: "rule") }
        checkOnce(rules, attribute: "id", what: "rule id")
        for rule in rules {
            let id = rule[attribute: "id"] ?? "?"
            // A malformed period is the schema's to report; its shape is then unknowable.
            let periodsRead = ["within", "every", "in-stages-over"].allSatisfy { rule[attribute: $0].map { ServiceStandard.Period($0) != nil } ?? true }
            if periodsRead, case .failure(let error) = ServiceStandard.Timing.read({ rule[attribute: $0] }) {
                report(rule, "Rule '\(id)': \(error.message).", fix: ServiceStandard.RuleShapeError.fix)
            }
            var named = [("touchpoint", rule[attribute: "touchpoint"]), ("before", rule[attribute: "before"])]
            if let at = rule[attribute: "at"], at != ServiceStandard.stageEnd { named.append(("at", at)) }
            if let after = rule[attribute: "after"], after != ServiceStandard.significantMeeting { named.append(("after", after)) }
            for case (let attribute, let kind?) in named where !kinds.contains(kind) {
                let near = kinds.min { ProfileValidator.editDistance($0, kind) < ProfileValidator.editDistance($1, kind) }
                report(
                    rule, "Rule '\(id)' names in '\(attribute)' the touchpoint '\(kind)', which the standard does not declare.",
                    fix: (near.map { "Did you mean '\($0)'? " } ?? "") + "Declare it with <touchpoint kind=\"\(kind)\"> at the top of <service-standard>.")
            }
        }
    }

    private mutating func checkOnce(_ elements: [SourceElement], attribute: String, what: String) {
        var seen: Set<String> = []
        for element in elements {
            guard let value = element[attribute: attribute], !seen.insert(value).inserted else { continue }
            report(element, "The \(what) '\(value)' is given twice.", fix: "Give each \(what) once; remove or rename the second.")
        }
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
