import Foundation

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
}
