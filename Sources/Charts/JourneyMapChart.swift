import XMLSupport

/// The client journey as a map: the five stages in columns, each touchpoint a card with its
/// owner and channel, then how people feel at each touchpoint (the emotional curve) and how
/// well it works (the objective bars). Touchpoints below the standard are marked in words
/// and by a heavy border and hatching, not by colour; the weakest stage is named.
struct JourneyMapChart {
    let chart: Chart

    private struct Touchpoint {
        var number: Int
        var name: String
        var owner: String
        var channel: String
        var emotional: Double
        var objective: Double
        var isGap: Bool
    }

    private struct Stage {
        var label: String
        var objective: Double?
        var emotional: Double?
        var isWeakest: Bool
        var touchpoints: [Touchpoint]
    }

    init?(_ data: XMLOutputElement) {
        var number = 0
        let stages: [Stage] = data.children(named: "stage").map { stage in
            Stage(
                label: stage["label"] ?? stage["name"] ?? "", objective: stage.number("objective"), emotional: stage.number("emotional"),
                isWeakest: stage["name"] == data["weakest-stage"],
                touchpoints: stage.children(named: "touchpoint").map { touchpoint in
                    number += 1
                    return Touchpoint(
                        number: number, name: touchpoint["name"] ?? "", owner: touchpoint["owner"] ?? "", channel: touchpoint["channel"] ?? "",
                        emotional: touchpoint.number("emotional") ?? 0, objective: touchpoint.number("objective") ?? 0,
                        isGap: touchpoint.flag("gap"))
                })
        }
        guard number > 0 else { return nil }
        let standard = data.number("objective-standard") ?? 60
        chart = Self.draw(stages, standard: standard)
    }

    private static func draw(_ stages: [Stage], standard: Double) -> Chart {
        let width = 680.0
        let left = 84.0
        let column = (width - left - 8) / Double(max(1, stages.count))
        let most = stages.map(\.touchpoints.count).max() ?? 0
        let compact = most > 5
        // Non-compact cards: two lines of name, then the owner and the channel.
        let line = 9 * SVGCanvas.fontScale * 1.2
        let cardHeight = compact ? 34.0 : 10 + 4 * line
        let cardGap = 5.0
        let headerTop = 8.0
        let headerHeight = 50.0
        let cardsTop = headerTop + headerHeight + 6
        let cardsHeight = Double(most) * (cardHeight + cardGap)
        let feelTop = cardsTop + cardsHeight + 14
        let laneHeight = 80.0
        let worksTop = feelTop + laneHeight + 22
        let numbersTop = worksTop + laneHeight + 4
        let legendTop = numbersTop + 22
        let height = legendTop + 16
        var canvas = SVGCanvas()
        canvas.hatch(id: "journey-map-below")

        canvas.lines(["Touchpoints"], x: 4, y: cardsTop + 12, size: 9.5, bold: true)
        canvas.lines(["How people", "feel", "(−2 to +2)"], x: 4, y: feelTop + 12, size: 9.5, bold: true)
        canvas.lines(["How well it", "works", "(out of 100)"], x: 4, y: worksTop + 12, size: 9.5, bold: true)

        var curve: [(Double, Double)] = []
        var gaps: [String] = []
        for (index, stage) in stages.enumerated() {
            let x = left + Double(index) * column
            // The stage header: its name, its averages, and the weakest stage called so.
            canvas.rect(x: x + 2, y: headerTop, width: column - 4, height: headerHeight, fill: "#eeeeee", stroke: stage.isWeakest ? "#000000" : "#999999", strokeWidth: stage.isWeakest ? 2.5 : 1, mark: stage.isWeakest ? "stage weakest" : "stage")
            canvas.text(TextMetrics.shortened(stage.label, width: column - 12, size: 11.5), x: x + column / 2, y: headerTop + 15, size: 11.5, anchor: .middle, bold: true)
            let summary = stage.objective.map { "Average \(Int($0.rounded()))/100" } ?? "No touchpoints"
            canvas.text(summary, x: x + column / 2, y: headerTop + 29, size: 9, anchor: .middle, italic: true)
            if stage.isWeakest { canvas.text("Weakest stage", x: x + column / 2, y: headerTop + 42, size: 9, anchor: .middle, bold: true) }
            if index > 0 { canvas.line(x1: x, y1: cardsTop, x2: x, y2: numbersTop + 14, stroke: "#cccccc", dash: "2 3") }

            for (row, touchpoint) in stage.touchpoints.enumerated() {
                let y = cardsTop + Double(row) * (cardHeight + cardGap)
                canvas.rect(x: x + 4, y: y, width: column - 8, height: cardHeight, fill: touchpoint.isGap ? "url(#journey-map-below)" : "#ffffff", stroke: "#000000", strokeWidth: touchpoint.isGap ? 2 : 0.8, radius: 3, mark: touchpoint.isGap ? "touchpoint below-standard" : "touchpoint")
                if touchpoint.isGap {
                    // The hatching shows through a white panel behind the words, so they stay legible.
                    canvas.rect(x: x + 7, y: y + 3, width: column - 14, height: cardHeight - 6, fill: "#ffffff")
                    gaps.append(touchpoint.name)
                }
                let name = "\(touchpoint.number). \(touchpoint.name)"
                let nameLines = TextMetrics.wrap(name, width: column - 16, size: 9, maxLines: compact ? 1 : 2)
                canvas.lines(nameLines, x: x + 9, y: y + 12, size: 9, bold: true)
                // The owner, then the channel on a line of its own, so neither is cut.
                let details = compact ? ["\(touchpoint.owner) · \(touchpoint.channel)"] : [touchpoint.owner, touchpoint.channel]
                canvas.lines(details.map { TextMetrics.shortened($0, width: column - 16, size: 8.5) }, x: x + 9, y: compact ? y + 25 : y + 12 + 2 * line, size: 8.5)
            }

            // Each touchpoint has a slot in the lanes below its stage, numbered as its card.
            let slots = Double(max(1, stage.touchpoints.count))
            let slot = (column - 12) / slots
            for (offset, touchpoint) in stage.touchpoints.enumerated() {
                let centre = x + 6 + slot * (Double(offset) + 0.5)
                let feel = feelTop + laneHeight - (touchpoint.emotional + 2) / 4 * laneHeight
                curve.append((centre, feel))
                let barWidth = min(22, slot * 0.7)
                let barHeight = touchpoint.objective / 100 * laneHeight
                canvas.rect(x: centre - barWidth / 2, y: worksTop + laneHeight - barHeight, width: barWidth, height: barHeight, fill: touchpoint.isGap ? "url(#journey-map-below)" : "#8c8c8c", stroke: "#000000", strokeWidth: 0.8, mark: "objective")
                canvas.text(String(touchpoint.number), x: centre, y: numbersTop + 10, size: 8.5, anchor: .middle)
            }
        }

        // The feeling lane: its scale, neutral marked, then the curve across every touchpoint.
        for value in [-2.0, 0, 2] {
            let y = feelTop + laneHeight - (value + 2) / 4 * laneHeight
            canvas.line(x1: left, y1: y, x2: width - 8, y2: y, stroke: value == 0 ? "#666666" : "#cccccc", dash: value == 0 ? "4 3" : nil)
            canvas.text(value > 0 ? "+2" : value < 0 ? "−2" : "0", x: left - 4, y: y + 3.5, size: 8.5, anchor: .end)
        }
        canvas.polyline(curve, stroke: "#000000", width: 1.8, mark: "emotional-curve")
        for point in curve { canvas.circle(cx: point.0, cy: point.1, r: 3.2, fill: "#ffffff", stroke: "#000000", strokeWidth: 1.5, mark: "emotional") }

        // The works lane: 0 to 100, and the standard a touchpoint must reach.
        for value in [0.0, 100] {
            let y = worksTop + laneHeight - value / 100 * laneHeight
            canvas.line(x1: left, y1: y, x2: width - 8, y2: y, stroke: value == 0 ? "#000000" : "#cccccc")
            // The standard's own label takes the place of a round number too close to it.
            if abs(value - standard) >= 15 { canvas.text(SVGCanvas.number(value), x: left - 4, y: y + 3.5, size: 8.5, anchor: .end) }
        }
        let standardY = worksTop + laneHeight - standard / 100 * laneHeight
        canvas.line(x1: left, y1: standardY, x2: width - 8, y2: standardY, stroke: "#000000", width: 1.2, dash: "6 3")
        canvas.text(SVGCanvas.number(standard), x: left - 4, y: standardY + 3.5, size: 8.5, anchor: .end, bold: true)

        // The legend says in words what the marks mean, for a reader of a grey printout.
        canvas.rect(x: left, y: legendTop - 9, width: 16, height: 11, fill: "url(#journey-map-below)", stroke: "#000000", strokeWidth: 2)
        canvas.text("Hatched, heavy border: below standard, as the text defines it", x: left + 22, y: legendTop, size: 9)
        canvas.line(x1: left + 360, y1: legendTop - 3.5, x2: left + 382, y2: legendTop - 3.5, stroke: "#000000", width: 1.2, dash: "6 3")
        canvas.text("Standard: \(SVGCanvas.number(standard)) out of 100", x: left + 388, y: legendTop, size: 9)

        let count = curve.count
        let weakest = stages.first(where: \.isWeakest)
        var description = "The client journey in \(ChartWords.count(stages.count, "stage")) with \(ChartWords.count(count, "touchpoint")), each with its owner and channel; under each stage, how people feel at each touchpoint (−2 to +2) and how well it works (out of 100, against a standard of \(SVGCanvas.number(standard)))."
        description += gaps.isEmpty ? " No touchpoint falls below the standard." : " Below the standard: \(ChartWords.list(gaps))."
        if let weakest, let objective = weakest.objective {
            description += " The weakest stage is \(weakest.label), averaging \(SVGCanvas.number(objective)) out of 100."
        }
        return Chart(width: width, height: height, title: "Journey map", description: description, canvas: canvas)
    }
}
