/// Which parts of the profile each area of the model's `<figures>` is computed from: the
/// one statement of what ``EngagementFigures/init(profile:)`` and ``FiguresXML`` read.
///
/// Staleness derives from it: a figure is evaluated again only when a profile part it is
/// computed from changed, and the changes behind a new figure are those in its parts. A
/// figure that reads a part missing here would be reported current when it is not; the
/// oracle test (StalenessOracleTests) edits every part of the profile to catch that.
public enum FigureDependencies {
    /// The model path of the figures.
    public static let root = "/client/figures"

    /// Each area (`/client/figures/AREA`) and the profile paths it is computed from, in
    /// the order of ``EngagementFigures``.
    public static let areas: [(area: String, sources: [String])] = [
        ("appraisal", ["/client/appraisal", "/client/options", "/client/budget", "/client/method", "/client/firm/method"]),
        ("loyalty", ["/client/loyalty"]),
        ("stakeholders", ["/client/stakeholders"]),
        ("expectations", ["/client/expectations", "/client/measurements"]),
        ("journey", ["/client/journey"]),
        ("change", ["/client/change-impacts"]),
        ("risks", ["/client/risks"]),
        ("segments", ["/client/segments"]),
        ("method", ["/client/method", "/client/firm/method"]),
        ("documents", ["/client/documents", "/client/stakeholders", "/client/firm/documents", "/client/document-date"]),
        ("relationship", [
            "/client/relationship", "/client/firm/service-standard", "/client/stakeholders", "/client/documents",
            "/client/document-date", "/client/firm/locale",
        ]),
        // Each chart's data (``FiguresXML/charts(_:profile:)``): what its picture shows.
        ("charts/journey-map", ["/client/journey", "/client/stakeholders"]),
        ("charts/relationship-journey", [
            "/client/relationship", "/client/firm/service-standard", "/client/stakeholders", "/client/documents",
            "/client/document-date", "/client/firm/locale",
        ]),
        ("charts/stakeholder-grid", ["/client/stakeholders"]),
        ("charts/change-heat-map", ["/client/change-impacts"]),
        ("charts/cash-flow", [
            "/client/appraisal", "/client/options", "/client/budget", "/client/method", "/client/firm/method", "/client/identity/currency",
        ]),
        ("charts/expectation-trends", ["/client/expectations", "/client/measurements"]),
    ]

    /// The profile paths the figure at model path `path` is computed from; nil for a path
    /// outside every area (the figures element itself), which depends on the whole profile.
    public static func sources(of path: String) -> [String]? {
        let prefix = root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        // The longest area the path is in: `charts/journey-map` before a bare `charts`.
        return areas.filter { entry in
            rest.hasPrefix(entry.area) && (rest.count == entry.area.count || ["/", "[", "@"].contains(rest[rest.index(rest.startIndex, offsetBy: entry.area.count)]))
        }.max { $0.area.count < $1.area.count }?.sources
    }

    /// Whether the profile change at `changePath` is in the profile part `source`: the
    /// change's path read without its predicates, so that the firm's element, written
    /// `/client/firm[@id='halden-partners']`, is under `/client/firm/method`'s parent.
    public static func isChange(at changePath: String, in source: String) -> Bool {
        let path = XPathReadPaths.withoutPredicates(changePath)
        guard path.hasPrefix(source) else { return false }
        let rest = path.dropFirst(source.count)
        return rest.isEmpty || rest.first == "/" || rest.first == "@"
    }
}
