import Foundation
import Testing

@testable import EngagementCore

/// Which template folder a run uses, and what a recorded folder path names now.
@Suite("Template locator")
struct TemplateLocatorTests {
    @Test("A folder, a missing path and a file are told apart")
    func folderStates() throws {
        let folder = try TemplatingTestFolder(["main.xhtml": "<div/>"])
        #expect(TemplateLocator.state(ofFolderAtPath: folder.url.path) == .folder)
        #expect(TemplateLocator.state(ofFolderAtPath: folder.display("main.xhtml")) == .notAFolder)
        #expect(TemplateLocator.state(ofFolderAtPath: folder.display("gone")) == .missing)
        #expect(TemplateLocator.state(ofFolderAtPath: folder.display("main.xhtml/below")) == .missing)
    }

    @Test("The option comes first, then the environment, then the shipped templates")
    func precedence() throws {
        let option = try TemplatingTestFolder()
        let named = try TemplatingTestFolder()
        let environment = ["ENGAGE_TEMPLATES": named.url.path]
        #expect(try TemplateLocator.templates(option: option.url.path, environment: environment) == .folder(URL(fileURLWithPath: option.url.path)))
        #expect(try TemplateLocator.templates(option: nil, environment: environment) == .folder(URL(fileURLWithPath: named.url.path)))
        #expect(try TemplateLocator.templates(option: nil, environment: ["ENGAGE_TEMPLATES": ""]) == .shipped)
        #expect(try TemplateLocator.templates(option: nil, environment: [:]) == .shipped)
    }

    @Test("The shipped templates are embedded byte for byte: every file of Templates/, and only those")
    func shippedTemplatesAreTheCheckoutsFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xhtml") }.sorted()
        #expect(ShippedTemplates.files.map(\.path) == onDisk)
        #expect(onDisk.contains("strategy.xhtml") && onDisk.contains("partials/macros.xhtml"))
        for (path, bytes) in ShippedTemplates.files {
            #expect(bytes == [UInt8](try Data(contentsOf: folder.appendingPathComponent(path))), "\(path)")
        }
        let schema = folder.deletingLastPathComponent().appendingPathComponent("Schema/client-profile.xsd")
        #expect(Array(ProfileSchema.text.utf8) == [UInt8](try Data(contentsOf: schema)))
    }

    @Test("The shipped templates read from the binary hash as the same files read from a folder")
    func shippedAndFolderTemplatesHashAlike() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")
        let shipped = try TemplateSources(.shipped)
        let copy = try TemplateSources(.folder(folder))
        for kind in DocumentKind.allCases {
            #expect(TemplateCompiler.sourceHash(kind.templateFile, sources: shipped) == TemplateCompiler.sourceHash(kind.templateFile, sources: copy))
        }
        #expect(shipped.files["strategy.xhtml"]?.displayPath == "Templates/strategy.xhtml")
    }

    @Test("A named folder that is not there is an error naming where it was named, never the shipped folder")
    func unusableNamedFolderIsAnError() throws {
        let folder = try TemplatingTestFolder(["file.xhtml": "<div/>"])
        let missing = folder.display("gone")
        #expect(throws: TemplateLocator.Error.optionFolderUnusable(path: missing, state: .missing)) {
            try TemplateLocator.templates(option: missing, environment: [:])
        }
        let file = folder.display("file.xhtml")
        #expect(throws: TemplateLocator.Error.environmentFolderUnusable(path: file, state: .notAFolder)) {
            try TemplateLocator.templates(option: nil, environment: ["ENGAGE_TEMPLATES": file])
        }
        let message = "\(TemplateLocator.Error.environmentFolderUnusable(path: missing, state: .missing))"
        #expect(message.hasPrefix("The template folder '\(missing)' named by ENGAGE_TEMPLATES does not exist."))
    }
}
