import EngagementCore
import Foundation
import Testing
import XMLSupport

/// The firm file (DESIGN section 12): its schema, the checks beyond it, and what it decodes
/// to, on the shipped sample and on broken copies of it, each problem at its line and column.
@Suite("Firm file")
struct FirmFileTests {
    static func sampleFolder() throws -> URL {
        try #require(ProfileFixtures.repositoryRoot()).appendingPathComponent("Samples/halden-partners")
    }

    /// A scratch copy of the sample firm's folder, with `edit` applied to its firm.xml.
    static func brokenCopy(_ edit: (String) -> String) throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firm-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try sampleFolder(), to: folder)
        let file = folder.appendingPathComponent("firm.xml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit must change the file")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    @Test("The sample firm file is valid and decodes to its identity, house style, locale and method")
    func sampleDecodes() throws {
        let path = try Self.sampleFolder().appendingPathComponent("firm.xml").path
        #expect(FirmLoader.isFirmFile(at: path))
        let result = FirmLoader.load(fileAt: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let firm = try #require(result.firm)
        #expect(firm.id == "halden-partners")
        #expect(firm.name == "Halden Partners")
        #expect(firm.legalName == "Halden Partners LLP")
        #expect(firm.logo == "logo.svg")
        #expect(firm.colours == [.primary: "#1F3A5F", .accent: "#B5532E", .text: "#222222"])
        #expect(firm.fonts == [.heading: "Cambria", .body: "Calibri"])
        #expect(firm.stylesheet == "house.css")
        #expect(firm.pageSize == .a4)
        #expect(firm.language == .enGB)
        #expect(firm.method.sector == .private)
        #expect(firm.method.governance == .steeringCommittee)
        #expect(firm.method.costOfCapital == 8)
        #expect(firm.method.optimismBias == 20)
    }

    @Test("A client profile is not a firm file")
    func profileIsNotAFirm() throws {
        let root = try #require(ProfileFixtures.repositoryRoot())
        #expect(!FirmLoader.isFirmFile(at: root.appendingPathComponent("Samples/northgate-hospitals.xml").path))
    }

    typealias BrokenCase = (name: String, from: String, to: String, line: Int, column: Int, message: String)

    static let broken: [BrokenCase] = [
        ("a colour that is not #RRGGBB", ##"value="#1F3A5F""##, #"value="navy""#, 15, 5,
         "the value 'navy' is not accepted by the pattern '#[0-9A-Fa-f]{6}'. Write a colour as # and six hexadecimal digits"),
        ("a role given twice", #"<colour role="text""#, #"<colour role="accent""#, 17, 5,
         "The colour role 'accent' is given twice."),
        ("a logo outside the folder", "<logo>logo.svg</logo>", "<logo>../logo.svg</logo>", 11, 5,
         "'../logo.svg' leaves the firm file's folder."),
        ("an absolute logo path", "<logo>logo.svg</logo>", "<logo>/etc/logo.svg</logo>", 11, 5,
         "'/etc/logo.svg' leaves the firm file's folder."),
        ("a logo that does not exist", "<logo>logo.svg</logo>", "<logo>brand/missing.svg</logo>", 11, 5,
         "'brand/missing.svg' does not exist beside the firm file"),
        ("a logo that is not an image", "<logo>logo.svg</logo>", "<logo>house.css</logo>", 11, 5,
         "'house.css' is not an SVG or PNG image."),
        ("a cost of capital above 100%", #"cost-of-capital="8""#, #"cost-of-capital="180""#, 24, 3,
         "the value '180' is greater than the maximum value allowed ('100')"),
        ("an unknown language", #"language="en-GB""#, #"language="fr-FR""#, 23, 3,
         "'fr-FR' is not an element of the set"),
        ("no name", "    <name>Halden Partners</name>\n", "", 9, 5,
         "Element <legal-name>: this element is not expected here. Expected is ( name ). Add <name> here if it is missing"),
    ]

    @Test("Each broken firm file is refused at the right line and column, with advice", arguments: broken)
    func brokenFirmFile(_ broken: BrokenCase) throws {
        let copy = try Self.brokenCopy { $0.replacingOccurrences(of: broken.from, with: broken.to) }
        defer { try? FileManager.default.removeItem(at: copy.folder) }
        let result = FirmLoader.load(fileAt: copy.file.path, displayName: "firm.xml")
        #expect(!result.isValid)
        let found = result.diagnostics.first { $0.line == broken.line && $0.column == broken.column && $0.message.contains(broken.message) }
        #expect(found != nil, "\(result.diagnostics.map(\.formatted))")
        #expect(result.diagnostics.allSatisfy { $0.file == "firm.xml" })
    }

    @Test("A stylesheet that is a symbolic link out of the folder is refused")
    func symbolicLinkOut() throws {
        let copy = try Self.brokenCopy { $0.replacingOccurrences(of: "<stylesheet>house.css</stylesheet>", with: "<stylesheet>linked.css</stylesheet>") }
        defer { try? FileManager.default.removeItem(at: copy.folder) }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).css")
        try "body {}".write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: copy.folder.appendingPathComponent("linked.css"), withDestinationURL: outside)
        let result = FirmLoader.load(fileAt: copy.file.path, displayName: "firm.xml")
        #expect(result.diagnostics.contains { $0.line == 20 && $0.summary == "'linked.css' leads outside the firm file's folder through a symbolic link." },
                "\(result.diagnostics.map(\.formatted))")
    }

    @Test("A logo larger than a document should carry, and a stylesheet that would end the HTML's <style>, are refused")
    func oversizeLogoAndUnsafeStylesheet() throws {
        let copy = try Self.brokenCopy { $0.replacingOccurrences(of: "<page size=\"A4\"/>", with: "<page size=\"Letter\"/>") }
        defer { try? FileManager.default.removeItem(at: copy.folder) }
        try Data(repeating: 0x20, count: 600 * 1024).write(to: copy.folder.appendingPathComponent("logo.svg"))
        try "p { color: red } </STYLE><script>alert(1)</script>".write(to: copy.folder.appendingPathComponent("house.css"), atomically: true, encoding: .utf8)
        let result = FirmLoader.load(fileAt: copy.file.path, displayName: "firm.xml")
        #expect(result.diagnostics.contains { $0.line == 11 && $0.summary == "'logo.svg' is 600 KiB; the most a document carries is 512 KiB." },
                "\(result.diagnostics.map(\.formatted))")
        #expect(result.diagnostics.contains { $0.line == 20 && $0.summary.contains("contains '</style'") }, "\(result.diagnostics.map(\.formatted))")
        #expect(!result.isValid)
    }

    @Test("Loading for documents puts the logo and the stylesheet's text into the firm's element")
    func filesAreEmbedded() throws {
        let folder = try Self.sampleFolder()
        let result = FirmLoader.load(fileAt: folder.appendingPathComponent("firm.xml").path)
        let root = try #require(result.root)
        let logo = try #require(root.element(named: "identity")?.element(named: "logo"))
        #expect(logo[attribute: "src"]?.hasPrefix("data:image/svg+xml;base64,PHN2Zy") == true)
        #expect(logo[attribute: "png"] == nil, "Word draws its PNG; the model holds none")
        let stylesheet = try #require(root.element(named: "house-style")?.element(named: "stylesheet"))
        #expect(stylesheet[attribute: "css"]?.contains("text-transform: uppercase") == true)
        let checked = FirmLoader.load(fileAt: folder.appendingPathComponent("firm.xml").path, embeddingFiles: false)
        #expect(checked.root?.element(named: "identity")?.element(named: "logo")?[attribute: "src"] == nil, "validate reads no files it need not")
    }

    @Test("An SVG logo that is not an SVG document is a warning naming the file and line: Word documents would show the firm's name in its place", arguments: [
        "<svg>no namespace</svg>", "<html xmlns=\"http://www.w3.org/2000/svg\"/>", "not XML at all",
    ])
    func logoThatIsNotSVGIsAWarning(logoText: String) throws {
        let copy = try Self.brokenCopy { $0.replacingOccurrences(of: "<page size=\"A4\"/>", with: "<page size=\"Letter\"/>") }
        defer { try? FileManager.default.removeItem(at: copy.folder) }
        try logoText.write(to: copy.folder.appendingPathComponent("logo.svg"), atomically: true, encoding: .utf8)
        let result = FirmLoader.load(fileAt: copy.file.path, displayName: "firm.xml")
        let warning = try #require(result.diagnostics.first { $0.summary.contains("is not an SVG document") }, "\(result.diagnostics.map(\.formatted))")
        #expect(warning.severity == .warning && warning.line == 11)
        #expect(warning.summary == "'logo.svg' is not an SVG document, so Word documents show the firm's name in its place.")
        #expect(result.root?.element(named: "identity")?.element(named: "logo")?[attribute: "src"] != nil)
    }

    @Test("Every problem of a firm file is reported at once")
    func everyProblemAtOnce() throws {
        let copy = try Self.brokenCopy {
            $0.replacingOccurrences(of: ##"value="#1F3A5F""##, with: #"value="navy""#)
                .replacingOccurrences(of: "<logo>logo.svg</logo>", with: "<logo>../logo.svg</logo>")
                .replacingOccurrences(of: #"<font role="body""#, with: #"<font role="heading""#)
        }
        defer { try? FileManager.default.removeItem(at: copy.folder) }
        let result = FirmLoader.load(fileAt: copy.file.path, displayName: "firm.xml")
        #expect(result.diagnostics.map(\.line) == [11, 15, 19], "\(result.diagnostics.map(\.formatted))")
    }
}

/// Where the firm file is looked for, and what its method fills in.
@Suite("Firm file: finding it, and its method defaults")
struct FirmLocatorTests {
    @Test("--firm wins, then ENGAGE_FIRM, then a firm.xml beside the profile or above it; none means none")
    func locationOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)")
        let deep = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = deep.appendingPathComponent("client.xml").path
        #expect(FirmLocator.locate(option: "given.xml", environment: ["ENGAGE_FIRM": "env.xml"], profilePath: profile) == "given.xml")
        #expect(FirmLocator.locate(option: "none", environment: ["ENGAGE_FIRM": "env.xml"], profilePath: profile) == nil)
        #expect(FirmLocator.locate(option: nil, environment: ["ENGAGE_FIRM": "env.xml"], profilePath: profile) == "env.xml")
        #expect(FirmLocator.locate(option: nil, environment: ["ENGAGE_FIRM": "none"], profilePath: profile) == nil)
        #expect(FirmLocator.locate(option: nil, environment: [:], profilePath: profile) == nil)
        try "<firm/>".write(to: root.appendingPathComponent("a/firm.xml"), atomically: true, encoding: .utf8)
        #expect(FirmLocator.locate(option: nil, environment: [:], profilePath: profile) == root.appendingPathComponent("a/firm.xml").standardizedFileURL.path)
        try "<firm/>".write(to: deep.appendingPathComponent("firm.xml"), atomically: true, encoding: .utf8)
        #expect(FirmLocator.locate(option: nil, environment: [:], profilePath: profile) == deep.appendingPathComponent("firm.xml").standardizedFileURL.path, "the nearest wins")
    }

    @Test("The firm's method fills what the profile leaves out, and never overrides what it says")
    func methodDefaults() throws {
        let firm = Firm.MethodDefaults(sector: .public, governance: nil, costOfCapital: nil, optimismBias: 30)
        let filled = MethodFigures(method: nil, firm: firm)
        #expect(filled.sector == .public)
        #expect(filled.governance == .prince2Board)
        #expect(filled.isSectorStated)
        let stated = MethodFigures(method: ClientProfile.Method(sector: .private, governance: nil), firm: firm)
        #expect(stated.sector == .private)
        #expect(stated.governance == .steeringCommittee)
        #expect(MethodFigures(method: nil, firm: nil).sector == .private)
    }
}

extension FirmLocatorTests {
    @Test("A public-sector appraisal that gives no optimism bias takes the firm's; one that gives it keeps its own")
    func optimismBiasDefault() throws {
        let root = try #require(ProfileFixtures.repositoryRoot())
        let sample = try String(contentsOf: root.appendingPathComponent("Samples/northgate-hospitals.xml"), encoding: .utf8)
        let stated = #"optimism-bias="24""#
        #expect(sample.contains(stated))
        let firm = Firm(
            id: "f", name: "F", legalName: nil, logo: nil, address: nil, colours: [:], fonts: [:], stylesheet: nil, pageSize: nil,
            language: .enGB, method: Firm.MethodDefaults(sector: nil, governance: nil, costOfCapital: nil, optimismBias: 30))
        func bias(_ text: String, firm: Firm?) throws -> Decimal? {
            let loaded = ProfileLoader.load(bytes: Array(text.utf8), fileName: "p.xml")
            return EngagementFigures(profile: try #require(loaded.profile, "\(loaded.diagnostics)"), firm: firm).appraisal?.optimismBias
        }
        let unstated = sample.replacingOccurrences(of: stated, with: "")
        #expect(try bias(unstated, firm: firm) == 30)
        #expect(try bias(unstated, firm: nil) == 0)
        #expect(try bias(sample, firm: firm) == 24)
    }
}

extension FirmFileTests {
    @Test(
        "A firm file is told from a profile by its first element, past the declaration and comments",
        arguments: [
            ("<?xml version=\"1.0\"?>\n<!-- a <firm> in a comment -->\n<client id=\"a\"/>", false),
            ("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- the firm -->\n<firm id=\"a\" schema-version=\"1\"/>", true),
            ("<firm>", true),
            ("<firmament/>", false),
            ("no markup at all", false),
        ])
    func firstElementDecides(text: String, isFirm: Bool) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("first-\(UUID().uuidString).xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(FirmLoader.isFirmFile(at: file.path) == isFirm)
    }
}
