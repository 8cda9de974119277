import Foundation

/// Finds the shipped templates from any working directory.
public enum TemplateLocator {
    /// The default template folder, first found of: `$ENGAGE_TEMPLATES`; `Templates/` in
    /// `../share/engage/` beside the executable (an installed copy); the `Templates/`
    /// folder of the source checkout this binary was built from.
    public static func defaultFolder() -> URL? {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["ENGAGE_TEMPLATES"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("../share/engage/Templates"))
        // Sources/EngagementCore/Templating/TemplateLocator.swift -> the checkout's root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("Templates"))
        return candidates.first { candidate in
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: candidate.appendingPathComponent("strategy.xhtml").path, isDirectory: &isDirectory)
        }?.standardizedFileURL
    }
}
