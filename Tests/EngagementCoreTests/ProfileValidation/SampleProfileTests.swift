import EngagementCore
import Foundation
import Testing
import XMLSupport

@Suite("Sample profiles")
struct SampleProfileTests {
    @Test("The Samples folder is found from the test's source path and holds profiles")
    func samplesFolderHoldsProfiles() throws {
        let folder = try #require(ProfileFixtures.samplesFolder, "No folder with Package.swift above \(#filePath)")
        #expect(FileManager.default.fileExists(atPath: folder.path))
        #expect(ProfileFixtures.sampleNames.count >= 4, "\(ProfileFixtures.sampleNames)")
        #expect(ProfileFixtures.sampleNames.contains("northgate-hospitals.xml"))
    }

    @Test("Every sample loads as a valid profile without any diagnostic", arguments: ProfileFixtures.sampleNames)
    func sampleIsValid(_ name: String) throws {
        let result = ProfileLoader.load(fileAt: try ProfileFixtures.samplePath(name))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted).joined(separator: "\n"))")
        #expect(result.isValid)
        let profile = try #require(result.profile)
        #expect(!profile.id.isEmpty)
        #expect(profile.journey.map(\.name) == ClientProfile.StageName.allCases)
    }

    @Test("Reading a sample from memory gives the same profile as reading it from its file")
    func memoryAndFileLoadingAgree() throws {
        let path = try ProfileFixtures.samplePath("vale-growers-cooperative.xml")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromFile = try #require(ProfileLoader.load(fileAt: path).profile)
        let fromMemory = try #require(ProfileLoader.load(bytes: bytes, fileName: "vale.xml").profile)
        #expect(fromFile == fromMemory)
        #expect(fromFile.id == "vale-growers")
        #expect(fromFile.identity.currency == "EUR")
    }

    @Test("The revised Northgate sample is the same client with a different profile")
    func revisedSampleIsTheSameClient() throws {
        let original = try #require(ProfileLoader.load(fileAt: try ProfileFixtures.samplePath("northgate-hospitals.xml")).profile)
        let revised = try #require(
            ProfileLoader.load(fileAt: try ProfileFixtures.samplePath("northgate-hospitals-revised.xml")).profile)
        #expect(original.id == revised.id)
        #expect(original != revised)
    }
}
