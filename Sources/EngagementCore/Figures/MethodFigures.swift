/// The conventions that apply to the client, with defaults filled in (DESIGN section 14):
/// documents name only these methods.
public struct MethodFigures: Sendable, Hashable {
    /// Public: the HM Treasury Green Book; private: the firm's cost of capital.
    public var sector: ClientProfile.Sector
    /// A PRINCE2 project board or a steering committee.
    public var governance: ClientProfile.Governance
    /// Whether the profile states the sector, rather than leaving it to the default.
    public var isSectorStated: Bool

    /// The profile's method, defaults filled in from the firm file's method, then: private
    /// when the sector is not given (a private client must never be told of the Green
    /// Book; a public one that does not say so is merely told less), and the governance
    /// usual in the sector.
    public init(method: ClientProfile.Method?, firm: Firm.MethodDefaults? = nil) {
        sector = method?.sector ?? firm?.sector ?? .private
        isSectorStated = method?.sector != nil || firm?.sector != nil
        governance = method?.governance ?? firm?.governance ?? (sector == .public ? .prince2Board : .steeringCommittee)
    }
}
