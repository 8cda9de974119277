import Foundation
import XMLSupport

/// The consultancy that sends the documents (DESIGN section 12): who it is, how its
/// documents look, which spelling and formats it writes, and the method it uses when a
/// client profile does not say. Read from a firm file by ``FirmLoader``.
public struct Firm: Sendable, Hashable {
    public enum ColourRole: String, Sendable, Hashable, CaseIterable { case primary, accent, text }
    public enum FontRole: String, Sendable, Hashable, CaseIterable { case heading, body }
    public enum PageSize: String, Sendable, Hashable { case a4 = "A4", letter = "Letter" }
    public enum Language: String, Sendable, Hashable { case enGB = "en-GB", enUS = "en-US" }

    /// Defaults for a client profile whose own method leaves them out.
    public struct MethodDefaults: Sendable, Hashable {
        public var sector: ClientProfile.Sector?
        public var governance: ClientProfile.Governance?
        /// Percent a year, for private-sector appraisals.
        public var costOfCapital: Decimal?
        /// Percent added to costs, for public-sector appraisals.
        public var optimismBias: Decimal?

        public init(sector: ClientProfile.Sector?, governance: ClientProfile.Governance?, costOfCapital: Decimal?, optimismBias: Decimal?) {
            self.sector = sector
            self.governance = governance
            self.costOfCapital = costOfCapital
            self.optimismBias = optimismBias
        }
    }

    /// Metadata for every document whose profile entry leaves it out.
    public struct DocumentDefaults: Sendable, Hashable {
        public var author: String?
        public var status: ClientProfile.DocumentStatus?
        public var classification: String?

        public init(author: String? = nil, status: ClientProfile.DocumentStatus? = nil, classification: String? = nil) {
            self.author = author
            self.status = status
            self.classification = classification
        }
    }

    public var id: String
    public var name: String
    public var legalName: String?
    /// The logo's path as written, relative to the firm file.
    public var logo: String?
    public var address: String?
    public var colours: [ColourRole: String]
    public var fonts: [FontRole: String]
    /// The stylesheet's path as written, relative to the firm file.
    public var stylesheet: String?
    public var pageSize: PageSize?
    public var language: Language
    public var method: MethodDefaults
    public var documents = DocumentDefaults()
    /// The client journey every account manager follows; nil when the firm file has none.
    public var serviceStandard: ServiceStandard? = nil

    public init(
        id: String, name: String, legalName: String?, logo: String?, address: String?, colours: [ColourRole: String],
        fonts: [FontRole: String], stylesheet: String?, pageSize: PageSize?, language: Language, method: MethodDefaults
    ) {
        self.id = id
        self.name = name
        self.legalName = legalName
        self.logo = logo
        self.address = address
        self.colours = colours
        self.fonts = fonts
        self.stylesheet = stylesheet
        self.pageSize = pageSize
        self.language = language
        self.method = method
    }
}

/// A loaded firm file as a model input: the firm, the element tree it was read from, and
/// its path, which a pack records.
public struct FirmSource: Sendable {
    public let firm: Firm
    public let root: SourceElement
    /// The firm file's path, absolute.
    public let path: String

    public init(firm: Firm, root: SourceElement, path: String) {
        self.firm = firm
        self.root = root
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

extension FirmSource {
    /// A stored input snapshot split into the profile and the firm it was generated with:
    /// the model appends the firm's element as the profile's last child (`/client/firm`).
    public static func split(snapshot: SourceElement) -> (profile: SourceElement, firm: FirmSource?) {
        guard let last = snapshot.elements(named: "firm").last, let firm = try? FirmLoader.decode(last) else { return (snapshot, nil) }
        var profile = snapshot
        profile.children.removeAll { child in
            if case .element(let element) = child, element.name == "firm" { return true }
            return false
        }
        return (profile, FirmSource(firm: firm, root: last, path: ""))
    }
}

/// Where a firm file is found (DESIGN section 12): `--firm FILE`, else `ENGAGE_FIRM`, else
/// a `firm.xml` in the profile's folder or a folder above it. `--firm none` means none.
public enum FirmLocator {
    /// The value of `--firm` (or `ENGAGE_FIRM`) that asks for no firm file.
    public static let none = "none"
    /// The file name looked for beside the profile and above it.
    public static let fileName = "firm.xml"

    /// The firm file for the profile at `profilePath`; nil for none.
    public static func locate(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment, profilePath: String) -> String? {
        if let option { return option == none ? nil : option }
        if let variable = environment["ENGAGE_FIRM"], !variable.isEmpty { return variable == none ? nil : variable }
        let start = profilePath == ProfileLoader.standardInputPath
            ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            : URL(fileURLWithPath: profilePath).standardizedFileURL.deletingLastPathComponent()
        var folder = start
        while true {
            let candidate = folder.appendingPathComponent(fileName)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue { return candidate.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
