import XMLSupport

/// Each expectation's measurements against its target, its threshold (the worst the client
/// will accept) and the glide path agreed towards the target: one small panel each, two to
/// a row, lines told apart by pattern and label rather than colour.
struct ExpectationTrendsChart {
    let chart: Chart

    private struct Expectation {
        var metric: String
        var unit: String
        var lowerIsBetter: Bool
        var target: Double
        var threshold: Double
        var status: String
        var due: String?
        var measurements: [(day: Double, date: String, value: Double)]
        var glidePath: [(day: Double, value: Double)]
    }

    static let statusWords = ["met": "Met", "on-track": "On track", "at-risk": "At risk", "missed": "Missed", "no-data": "No data yet"]

    init?(_ data: XMLOutputElement) {
        let expectations: [Expectation] = data.children(named: "expectation").compactMap { expectation in
            guard let target = expectation.number("target"), let threshold = expectation.number("threshold") else { return nil }
            let measurements = expectation.children(named: "measurement").compactMap { measurement -> (Double, String, Double)? in
                guard let date = measurement["date"], let day = ChartWords.day(date), let value = measurement.number("value") else { return nil }
                return (day, date, value)
            }
            var glidePath = expectation.children(named: "milestone").compactMap { milestone -> (Double, Double)? in
                guard let day = milestone["date"].flatMap(ChartWords.day), let value = milestone.number("value") else { return nil }
                return (day, value)
            }
            if let due = expectation["due"].flatMap(ChartWords.day) { glidePath.append((due, target)) }
            return Expectation(
                metric: expectation["metric"] ?? "", unit: expectation["unit"] ?? "", lowerIsBetter: expectation["direction"]?.hasPrefix("lower") == true,
                target: target, threshold: threshold,
                status: expectation["status"] ?? "no-data", due: expectation["due"], measurements: measurements, glidePath: glidePath)
        }
        guard !expectations.isEmpty else { return nil }
        chart = Self.draw(expectations)
    }

    private static func draw(_ expectations: [Expectation]) -> Chart {
        let width = 680.0
        let panelWidth = 330.0
        let panelHeight = 184.0
        var canvas = SVGCanvas()
        var sentences: [String] = []
        // One time axis for every panel, so that their dates line up.
        let days = expectations.flatMap { $0.measurements.map(\.day) + $0.glidePath.map(\.day) }
        let dates = expectations.flatMap { $0.measurements.map(\.date) + [$0.due].compactMap { $0 } }
        var span = (first: days.min() ?? 0, last: days.max() ?? 1)
        if span.first == span.last { span = (span.first - 15, span.last + 15) }
        for (index, expectation) in expectations.enumerated() {
            let left = Double(index % 2) * (panelWidth + 20)
            let top = Double(index / 2) * (panelHeight + 14)
            drawPanel(expectation, left: left, top: top, width: panelWidth, height: panelHeight, span: span, dates: (dates.min(), dates.max()), canvas: &canvas)
            let unit = expectation.unit
            var sentence = "\(Self.shortName(expectation.metric)): target \(ChartWords.amount(expectation.target, unit)), threshold \(ChartWords.amount(expectation.threshold, unit))"
            if let latest = expectation.measurements.last {
                sentence += ", latest \(ChartWords.amount(latest.value, unit)) in \(ChartWords.month(latest.date))"
            }
            sentences.append(sentence + " (\((statusWords[expectation.status] ?? expectation.status).lowercased())).")
        }
        let rows = Double((expectations.count + 1) / 2)
        let legendY = rows * (panelHeight + 14) + 6
        var x = 4.0
        for (label, dash, lineWidth) in [("Measured", nil as String?, 1.8), ("Target", nil, 2.6), ("Threshold", "6 3", 1.2), ("Glide path", "1.5 3", 1.4)] {
            canvas.line(x1: x, y1: legendY - 3.5, x2: x + 24, y2: legendY - 3.5, stroke: label == "Target" ? "#777777" : "#000000", width: lineWidth, dash: dash)
            if label == "Measured" { canvas.circle(cx: x + 12, cy: legendY - 3.5, r: 3, fill: "#000000") }
            canvas.text(label, x: x + 29, y: legendY, size: 9)
            x += 40 + TextMetrics.width(label, size: 9) + 10
        }
        let description = "Measurements of \(ChartWords.count(expectations.count, "expectation")) against target, threshold and glide path. " + sentences.joined(separator: " ")
        return Chart(width: width, height: legendY + 8, title: "Expectations against target", description: description, canvas: canvas)
    }

    /// The metric's name without its definition: "Did-not-attend rate" of "Did-not-attend
    /// rate: appointments missed as a share of ..."; the table beside the chart has it all.
    static func shortName(_ metric: String) -> String {
        var name = metric.components(separatedBy: ": ").first ?? metric
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    private static func drawPanel(
        _ expectation: Expectation, left: Double, top: Double, width: Double, height: Double, span: (first: Double, last: Double),
        dates: (first: String?, last: String?), canvas: inout SVGCanvas
    ) {
        let status = statusWords[expectation.status] ?? expectation.status
        canvas.lines(TextMetrics.wrap(shortName(expectation.metric), width: width - 90, size: 9.5, maxLines: 2), x: left + 4, y: top + 11, size: 9.5, bold: true)
        canvas.text(status, x: left + width - 4, y: top + 12, size: 9.5, anchor: .end, bold: expectation.status == "missed" || expectation.status == "at-risk", italic: true)
        let plotLeft = left + 40
        let plotRight = left + width - 8
        let plotTop = top + 42
        let plotBottom = top + height - 22
        let values = expectation.measurements.map(\.value) + expectation.glidePath.map(\.value) + [expectation.target, expectation.threshold]
        // Zero is on the scale when the values are amounts near it; a narrow band far from
        // zero (97 to 99 per cent) gets a scale of its own, whose first tick says so.
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        var scale = AxisScale(covering: values, alsoInclude: low >= 0 && low < high * 0.5 ? [0] : [], ticks: 4)
        // A target or threshold on the edge of the scale would hide in the axis: a step more.
        if scale.lower > 0, values.min() == scale.lower { scale.lower -= scale.step }
        if values.max() == scale.upper { scale.upper += scale.step }
        let (first, last) = span
        func x(_ day: Double) -> Double { plotLeft + (day - first) / (last - first) * (plotRight - plotLeft) }
        func y(_ value: Double) -> Double { scale.position(value, from: plotBottom, to: plotTop) }

        // The unit over the scale, where a long metric name cannot push it out of sight, and
        // which way is better.
        canvas.text(expectation.unit, x: plotLeft - 4, y: plotTop - 6, size: 8.5, anchor: .end, italic: true)
        canvas.text(expectation.lowerIsBetter ? "lower is better" : "higher is better", x: plotLeft + 2, y: plotTop - 6, size: 8.5, italic: true)
        if scale.lower > 0 {
            // The scale does not start at zero: a break in the axis says so.
            canvas.path("M\(SVGCanvas.number(plotLeft - 5)) \(SVGCanvas.number(plotBottom - 3))l10 -4M\(SVGCanvas.number(plotLeft - 5)) \(SVGCanvas.number(plotBottom + 1))l10 -4", stroke: "#000000", width: 1.2)
        }
        for tick in scale.ticks {
            canvas.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: "#dddddd")
            canvas.text(SVGCanvas.number(tick), x: plotLeft - 4, y: y(tick) + 3, size: 8.5, anchor: .end)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom)
        canvas.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom)
        canvas.rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop, mark: "panel")
        // The first and last dates under the axis; the middle one when there is room.
        let (firstDate, lastDate) = dates
        if let firstDate { canvas.text(ChartWords.month(firstDate), x: plotLeft, y: plotBottom + 12, size: 8.5) }
        if let lastDate, lastDate != firstDate { canvas.text(ChartWords.month(lastDate), x: plotRight, y: plotBottom + 12, size: 8.5, anchor: .end) }

        canvas.line(x1: plotLeft, y1: y(expectation.target), x2: plotRight, y2: y(expectation.target), stroke: "#777777", width: 2.6)
        canvas.text("Target \(SVGCanvas.number(expectation.target))", x: plotRight - 2, y: y(expectation.target) - 4, size: 8.5, anchor: .end)
        canvas.line(x1: plotLeft, y1: y(expectation.threshold), x2: plotRight, y2: y(expectation.threshold), stroke: "#000000", width: 1.2, dash: "6 3")
        let thresholdBelow = expectation.threshold < expectation.target
        canvas.text("Threshold \(SVGCanvas.number(expectation.threshold))", x: plotRight - 2, y: y(expectation.threshold) + (thresholdBelow ? 11 : -4), size: 8.5, anchor: .end)
        canvas.polyline(expectation.glidePath.map { (x($0.day), y($0.value)) }, stroke: "#000000", width: 1.4, dash: "1.5 3")
        let points = expectation.measurements.map { (x($0.day), y($0.value)) }
        canvas.polyline(points, stroke: "#000000", width: 1.8)
        for point in points { canvas.circle(cx: point.0, cy: point.1, r: 3, fill: "#000000", mark: "measurement") }
        if let latest = expectation.measurements.last {
            canvas.text(SVGCanvas.number(latest.value), x: x(latest.day) + 6, y: y(latest.value) - 5, size: 9, bold: true, halo: true)
        } else {
            canvas.text("No measurements yet", x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, size: 9.5, anchor: .middle, italic: true)
        }
    }
}
