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
        #expect(try TemplateLocator.folder(option: option.url.path, environment: environment).path == option.url.path)
        #expect(try TemplateLocator.folder(option: nil, environment: environment).path == named.url.path)
        let shipped = try TemplateLocator.folder(option: nil, environment: ["ENGAGE_TEMPLATES": ""])
        #expect(FileManager.default.fileExists(atPath: shipped.appendingPathComponent("strategy.xhtml").path))
    }

    @Test("A named folder that is not there is an error naming where it was named, never the shipped folder")
    func unusableNamedFolderIsAnError() throws {
        let folder = try TemplatingTestFolder(["file.xhtml": "<div/>"])
        let missing = folder.display("gone")
        #expect(throws: TemplateLocator.Error.optionFolderUnusable(path: missing, state: .missing)) {
            try TemplateLocator.folder(option: missing, environment: [:])
        }
        let file = folder.display("file.xhtml")
        #expect(throws: TemplateLocator.Error.environmentFolderUnusable(path: file, state: .notAFolder)) {
            try TemplateLocator.folder(option: nil, environment: ["ENGAGE_TEMPLATES": file])
        }
        let message = "\(TemplateLocator.Error.environmentFolderUnusable(path: missing, state: .missing))"
        #expect(message.hasPrefix("The template folder '\(missing)' named by ENGAGE_TEMPLATES does not exist."))
    }
}
