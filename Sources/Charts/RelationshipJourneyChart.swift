import XMLSupport

/// The relationship against the firm's service standard: the standard's stages in columns,
/// each rule a card that says whether it was met or breached (breaches hatched with a heavy
/// border, rules not yet due dashed), and below, how the client felt and how well their
/// issues were resolved at each interaction, over time.
struct RelationshipJourneyChart {
    let chart: Chart

    private struct Rule {
        var label: String
        var status: String
    }

    private struct Stage {
        var label: String
        var isCurrent: Bool
        var isReached: Bool
        var rules: [Rule]
    }

    private struct Reading {
        var day: Double
        var date: String
        var emotional: Double?
        var objective: Double?
    }

    static let statusWords = ["met": "Met", "breached": "Breached", "not-due": "Not yet due", "not-applicable": "Not applicable"]

    init?(_ data: XMLOutputElement) {
        let stages = data.children(named: "stage").map { stage in
            Stage(
                label: stage["label"] ?? "", isCurrent: stage["name"] == data["stage"], isReached: stage.flag("reached"),
                rules: stage.children(named: "rule").map { Rule(label: $0["label"] ?? "", status: $0["status"] ?? "") })
        }
        let readings = data.children(named: "reading").compactMap { reading -> Reading? in
            guard let date = reading["date"], let day = ChartWords.day(date) else { return nil }
            return Reading(day: day, date: date, emotional: reading.number("emotional"), objective: reading.number("objective"))
        }
        guard stages.contains(where: { !$0.rules.isEmpty }) else { return nil }
        chart = Self.draw(stages, readings: readings, start: data["start"], asOf: data["as-of"])
    }

    private static func draw(_ stages: [Stage], readings: [Reading], start: String?, asOf: String?) -> Chart {
        let width = 680.0
        let column = (width - 8) / Double(max(1, stages.count))
        let most = stages.map(\.rules.count).max() ?? 0
        let cardHeight = 48.0
        let headerTop = 6.0
        let cardsTop = headerTop + 44
        var canvas = SVGCanvas()
        canvas.hatch(id: "relationship-journey-breached")
        var breaches: [String] = []
        var counts: [String: Int] = [:]
        for (index, stage) in stages.enumerated() {
            let x = 4 + Double(index) * column
            let met = stage.rules.filter { $0.status == "met" }.count
            let breached = stage.rules.filter { $0.status == "breached" }.count
            canvas.rect(x: x + 2, y: headerTop, width: column - 4, height: 38, fill: stage.isReached ? "#eeeeee" : "#ffffff", stroke: "#000000", strokeWidth: stage.isCurrent ? 2.5 : 0.8, dash: stage.isReached ? nil : "3 2", mark: "stage")
            canvas.text(TextMetrics.shortened(stage.label + (stage.isCurrent ? " (now)" : ""), width: column - 10, size: 11), x: x + column / 2, y: headerTop + 15, size: 11, anchor: .middle, bold: true)
            let summary = stage.isReached ? "\(met) met, \(breached) breached" : "Not reached"
            canvas.text(summary, x: x + column / 2, y: headerTop + 30, size: 9.5, anchor: .middle, italic: true)
            for (row, rule) in stage.rules.enumerated() {
                let y = cardsTop + Double(row) * (cardHeight + 5)
                let isBreached = rule.status == "breached"
                let dash: String? = rule.status == "met" || isBreached ? nil : "3 2"
                canvas.rect(x: x + 4, y: y, width: column - 8, height: cardHeight, fill: isBreached ? "url(#relationship-journey-breached)" : "#ffffff", stroke: "#000000", strokeWidth: isBreached ? 2 : 0.8, dash: dash, radius: 3, mark: "rule \(rule.status)")
                if isBreached {
                    canvas.rect(x: x + 7, y: y + 3, width: column - 14, height: cardHeight - 6, fill: "#ffffff")
                    breaches.append(rule.label)
                }
                let label = TextMetrics.wrap(ChartWords.capitalized(rule.label), width: column - 16, size: 9, maxLines: 2)
                let below = canvas.lines(label, x: x + 9, y: y + 13, size: 9, bold: true)
                canvas.text(statusWords[rule.status] ?? rule.status, x: x + 9, y: label.count == 1 ? below + 2 : below, size: 9, bold: isBreached, italic: !isBreached && rule.status != "met")
                counts[rule.status, default: 0] += 1
            }
        }

        // Responses over time, both on a 0-100 scale: the emotional score's −2 to +2 is
        // labelled on the right.
        let plotTop = cardsTop + Double(most) * (cardHeight + 5) + 30
        let plotHeight = 120.0
        let plotBottom = plotTop + plotHeight
        let plotLeft = 44.0
        let plotRight = width - 44
        canvas.text("How the client responded at each interaction", x: 4, y: plotTop - 12, size: 11, bold: true)
        let days = readings.map(\.day) + [start, asOf].compactMap { $0.flatMap(ChartWords.day) }
        var first = days.min() ?? 0
        var last = days.max() ?? 1
        if first == last { first -= 15; last += 15 }
        func x(_ day: Double) -> Double { plotLeft + (day - first) / (last - first) * (plotRight - plotLeft) }
        func y(_ score: Double) -> Double { plotBottom - score / 100 * plotHeight }
        for (score, emotional) in [(0.0, "−2"), (50, "0"), (100, "+2")] {
            canvas.line(x1: plotLeft, y1: y(score), x2: plotRight, y2: y(score), stroke: score == 0 ? "#000000" : "#d0d0d0")
            canvas.text(SVGCanvas.number(score), x: plotLeft - 4, y: y(score) + 3, size: 8.5, anchor: .end)
            canvas.text(emotional, x: plotRight + 4, y: y(score) + 3, size: 8.5)
        }
        canvas.text("Objective (0 to 100)", x: 12, y: (plotTop + plotBottom) / 2, size: 9, anchor: .middle, rotate: true)
        canvas.text("Emotional (−2 to +2)", x: width - 8, y: (plotTop + plotBottom) / 2, size: 9, anchor: .middle, rotate: true)
        if let start { canvas.text(ChartWords.month(start), x: plotLeft, y: plotBottom + 13, size: 8.5) }
        if let asOf { canvas.text(ChartWords.month(asOf), x: plotRight, y: plotBottom + 13, size: 8.5, anchor: .end) }
        let emotional = readings.compactMap { reading in reading.emotional.map { (x(reading.day), y(($0 + 2) * 25)) } }
        let objective = readings.compactMap { reading in reading.objective.map { (x(reading.day), y($0)) } }
        canvas.polyline(emotional, stroke: "#000000", width: 1.8)
        for point in emotional { canvas.marker(0, x: point.0, y: point.1, size: 3, fill: "#000000", mark: "emotional") }
        canvas.polyline(objective, stroke: "#000000", width: 1.4, dash: "6 3")
        for point in objective { canvas.marker(1, x: point.0, y: point.1, size: 3, fill: "#ffffff", mark: "objective") }
        if readings.isEmpty {
            canvas.text("No responses recorded yet", x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, size: 9.5, anchor: .middle, italic: true)
        }
        let legendY = plotBottom + 30
        canvas.line(x1: plotLeft, y1: legendY - 3.5, x2: plotLeft + 24, y2: legendY - 3.5, width: 1.8)
        canvas.marker(0, x: plotLeft + 12, y: legendY - 3.5, size: 3)
        canvas.text("How they felt (emotional)", x: plotLeft + 30, y: legendY, size: 9)
        canvas.line(x1: plotLeft + 180, y1: legendY - 3.5, x2: plotLeft + 204, y2: legendY - 3.5, width: 1.4, dash: "6 3")
        canvas.marker(1, x: plotLeft + 192, y: legendY - 3.5, size: 3, fill: "#ffffff")
        canvas.text("How well it was resolved (objective)", x: plotLeft + 210, y: legendY, size: 9)
        canvas.rect(x: plotLeft + 400, y: legendY - 9, width: 16, height: 11, fill: "url(#relationship-journey-breached)", stroke: "#000000", strokeWidth: 2)
        canvas.text("Breached", x: plotLeft + 422, y: legendY, size: 9)

        var tally = ["met", "breached", "not-due", "not-applicable"].compactMap { status -> String? in
            guard let count = counts[status], count > 0 else { return nil }
            return "\(count) \((statusWords[status] ?? status).lowercased())"
        }
        if tally.isEmpty { tally = ["no rules yet"] }
        var description = "The firm's service standard stage by stage, \(ChartWords.count(counts.values.reduce(0, +), "rule")): \(ChartWords.list(tally))."
        if !breaches.isEmpty { description += " Breached: \(ChartWords.list(breaches))." }
        if let latest = readings.last {
            description += " Below, the client's emotional and objective responses at \(ChartWords.count(readings.count, "interaction")) from \(ChartWords.month(readings[0].date)) to \(ChartWords.month(latest.date))"
            let scores = [latest.emotional.map { "felt \($0 > 0 ? "+" : $0 < 0 ? "−" : "")\(SVGCanvas.number(abs($0)))" }, latest.objective.map { "scored the outcome \(SVGCanvas.number($0)) out of 100" }].compactMap { $0 }
            description += scores.isEmpty ? "." : "; at the latest, the client \(ChartWords.list(scores))."
        } else {
            description += " No responses are recorded yet."
        }
        return Chart(width: width, height: legendY + 8, title: "The relationship against the service standard", description: description, canvas: canvas)
    }
}
