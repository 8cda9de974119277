import Foundation
import Testing

/// The firm file through the built `engage`: found, recorded by the pack, traced like the
/// profile, and refused when broken.
@Suite("Firm file in a pack", .serialized)
struct FirmCommandTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A scratch folder with the Northgate profile as clients/northgate.xml and a copy of
    /// the sample firm in firm/.
    static func scratch() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        let manager = FileManager.default
        try manager.createDirectory(at: folder.url.appendingPathComponent("clients"), withIntermediateDirectories: true)
        try manager.copyItem(
            at: repository.appendingPathComponent("Samples/northgate-hospitals.xml"),
            to: folder.url.appendingPathComponent("clients/northgate.xml"))
        try manager.copyItem(at: repository.appendingPathComponent("Samples/halden-partners"), to: folder.url.appendingPathComponent("firm"))
        return folder
    }

    static func text(_ folder: ScratchFolder, _ name: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("A firm given with --firm is on every cover, remembered by the pack, and a change to it makes exactly its readers stale")
    func firmIsAnInputOfThePack() async throws {
        let folder = try Self.scratch()
        defer { folder.remove() }
        let generated = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml"], in: folder.url)
        #expect(generated.status == 0, "\(generated.standardError)")
        for kind in ["business-case", "strategy", "change-management", "communication"] {
            #expect(try Self.text(folder, "pack/\(kind).md").contains("Prepared for Northgate Hospitals NHS Foundation Trust by Halden Partners.\n\nRevision 1 · "))
        }
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)

        let firm = folder.url.appendingPathComponent("firm/firm.xml")
        try (try String(contentsOf: firm, encoding: .utf8)).replacingOccurrences(of: "<name>Halden Partners</name>", with: "<name>Halden Partners LLP</name>")
            .write(to: firm, atomically: true, encoding: .utf8)
        let stale = try await EngageProcess.run(["status", "pack", "--exit-code", "--verbose"], in: folder.url)
        #expect(stale.status == 1, "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("section cover"), "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("identity/name changed: \"Halden Partners\" -> \"Halden Partners LLP\""), "\(stale.standardOutput)")
        let regenerated = try await EngageProcess.run(["regenerate", "pack"], in: folder.url)
        #expect(regenerated.status == 0, "\(regenerated.standardError)")
        #expect(try Self.text(folder, "pack/strategy.md").contains("by Halden Partners LLP."))
        #expect(try await EngageProcess.run(["status", "pack", "--exit-code"], in: folder.url).status == 0)

        // The firm file moved: status says so and how to go on.
        try FileManager.default.moveItem(at: firm, to: folder.url.appendingPathComponent("firm/moved.xml"))
        let missing = try await EngageProcess.run(["status", "pack"], in: folder.url)
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("firm file"), "\(missing.standardError)")
        #expect(missing.standardError.contains("does not exist. Pass --firm with its new path"), "\(missing.standardError)")
        let moved = try await EngageProcess.run(["status", "pack", "--firm", "firm/moved.xml", "--exit-code"], in: folder.url)
        #expect(moved.status == 0, "\(moved.standardOutput)\(moved.standardError)")
    }

    @Test("A firm.xml beside the profile, or in a folder above it, is found without --firm; --firm none leaves it out")
    func firmIsFound() async throws {
        let folder = try Self.scratch()
        defer { folder.remove() }
        for name in ["firm.xml", "logo.svg", "house.css"] {
            try FileManager.default.copyItem(at: folder.url.appendingPathComponent("firm/\(name)"), to: folder.url.appendingPathComponent(name))
        }
        let found = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "pack"], in: folder.url)
        #expect(found.status == 0, "\(found.standardError)")
        #expect(try Self.text(folder, "pack/strategy.md").contains("by Halden Partners."))
        let without = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "plain", "--firm", "none"], in: folder.url)
        #expect(without.status == 0, "\(without.standardError)")
        #expect(try Self.text(folder, "plain/strategy.md").contains("Prepared for Northgate Hospitals NHS Foundation Trust.\n\nRevision 1 · "))
    }

    @Test("A broken firm file stops generate before anything is written, with every problem at its line")
    func brokenFirmStopsGenerate() async throws {
        let folder = try Self.scratch()
        defer { folder.remove() }
        let firm = folder.url.appendingPathComponent("firm/firm.xml")
        try (try String(contentsOf: firm, encoding: .utf8)).replacingOccurrences(of: "<logo>logo.svg</logo>", with: "<logo>../../etc/logo.svg</logo>")
            .write(to: firm, atomically: true, encoding: .utf8)
        let outcome = try await EngageProcess.run(["generate", "clients/northgate.xml", "--out", "pack", "--firm", "firm/firm.xml"], in: folder.url)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("firm/firm.xml:11:5: error: '../../etc/logo.svg' leaves the firm file's folder."), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("pack").path))
    }
}
