import Foundation
import PackagePlugin

/// Embeds the shipped templates (`Templates/`) and the schemas of the profile and the
/// firm file (`Schema/client-profile.xsd`, `Schema/firm.xsd`) in the `ShippedFiles` module as Swift source, so that an
/// installed `engage` is one file that needs nothing beside it (no resource bundle, no
/// checkout). SwiftPM plans this on every build: a template added, removed or edited is
/// embedded by the next `swift build`.
@main
struct EmbedShippedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let templates = root.appending(path: "Templates")
        let schema = root.appending(path: "Schema").appending(path: "client-profile.xsd")
        let firmSchema = root.appending(path: "Schema").appending(path: "firm.xsd")
        let files = try FileManager.default.subpathsOfDirectory(atPath: templates.path)
            .filter { $0.hasSuffix(".xhtml") }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "ShippedFiles+Embedded.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) templates and the profile and firm schemas",
                executable: try context.tool(named: "embed-shipped-files").url,
                arguments: [output.path, schema.path, firmSchema.path, templates.path] + files,
                inputFiles: [schema, firmSchema] + files.map { templates.appending(path: $0) },
                outputFiles: [output])
        ]
    }
}
