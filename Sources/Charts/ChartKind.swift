import XMLSupport

/// The charts a template can place with `<t:chart kind="..."/>` (docs/templates.md,
/// "Charts"). Each is drawn from one element of the model, `/client/figures/charts/KIND`,
/// that the figures write with everything the picture shows; a chart reads nothing else,
/// so a section's trace of that element is the whole of what the picture depends on.
public enum ChartKind: String, Sendable, CaseIterable {
    case journeyMap = "journey-map"
    case relationshipJourney = "relationship-journey"
    case stakeholderGrid = "stakeholder-grid"
    case changeHeatMap = "change-heat-map"
    case cashFlow = "cash-flow"
    case expectationTrends = "expectation-trends"

    /// Where the model holds the chart's data.
    public var dataPath: String { "/client/figures/charts/\(rawValue)" }

    /// The chart drawn from `data`, the element at ``dataPath``: an `<svg>` with a
    /// `<title>` and a `<desc>`; nil when the data holds nothing to draw.
    public func draw(_ data: XMLOutputElement) -> XMLOutputElement? {
        let chart: Chart? =
            switch self {
            case .journeyMap: JourneyMapChart(data).map { $0.chart }
            case .relationshipJourney: RelationshipJourneyChart(data).map { $0.chart }
            case .stakeholderGrid: StakeholderGridChart(data).map { $0.chart }
            case .changeHeatMap: ChangeHeatMapChart(data).map { $0.chart }
            case .cashFlow: CashFlowChart(data).map { $0.chart }
            case .expectationTrends: ExpectationTrendsChart(data).map { $0.chart }
            }
        return chart?.svg(id: rawValue)
    }
}
