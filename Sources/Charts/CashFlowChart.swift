import XMLSupport

/// Each option's cumulative discounted net cash flow by year (its NPV so far), with the
/// point where it breaks even. Options differ by line pattern and marker shape as well as
/// by name at the line's end, so the chart reads in black and white.
struct CashFlowChart {
    let chart: Chart

    private struct Option {
        var name: String
        var isRecommended: Bool
        var values: [(year: Double, value: Double)]
        var breakEven: Double?
    }

    static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3", "4 4"]

    init?(_ data: XMLOutputElement) {
        let options: [Option] = data.children(named: "option").map { option in
            Option(
                name: option["name"] ?? option["id"] ?? "", isRecommended: option.flag("recommended"),
                values: option.children(named: "year").compactMap { year in
                    guard let n = year.number("n"), let value = year.number("cumulative-discounted-net") else { return nil }
                    return (n, value)
                },
                breakEven: option.number("discounted-payback"))
        }.filter { !$0.values.isEmpty }
        guard !options.isEmpty else { return nil }
        chart = Self.draw(options, symbol: data["symbol"] ?? "")
    }

    private static func draw(_ options: [Option], symbol: String) -> Chart {
        let width = 680.0
        let (left, right, top) = (78.0, 176.0, 14.0)
        let plotHeight = 250.0
        let bottom = top + plotHeight
        let allValues = options.flatMap { $0.values.map(\.value) }
        let largest = allValues.map(abs).max() ?? 0
        let (divisor, unit) = largest >= 1_000_000 ? (1_000_000.0, "m") : largest >= 1_000 ? (1_000.0, "k") : (1.0, "")
        // Zero is always on the scale: the chart is about crossing it.
        let scale = AxisScale(covering: allValues.map { $0 / divisor }, alsoInclude: [0], ticks: 6)
        let lastYear = options.flatMap { $0.values.map(\.year) }.max() ?? 1
        let years = AxisScale(lower: 0, upper: max(1, lastYear), step: lastYear > 12 ? 2 : 1)
        func x(_ year: Double) -> Double { years.position(year, from: left, to: width - right) }
        func y(_ value: Double) -> Double { scale.position(value / divisor, from: bottom, to: top) }

        var canvas = SVGCanvas()
        for tick in scale.ticks {
            let position = scale.position(tick, from: bottom, to: top)
            canvas.line(x1: left, y1: position, x2: width - right, y2: position, stroke: tick == 0 ? "#000000" : "#d0d0d0", width: tick == 0 ? 1.2 : 1)
            canvas.text(Self.money(tick, symbol: symbol, unit: unit), x: left - 5, y: position + 3.5, size: 9, anchor: .end)
        }
        for tick in years.ticks {
            canvas.line(x1: x(tick), y1: bottom, x2: x(tick), y2: bottom + 4)
            canvas.text(SVGCanvas.number(tick), x: x(tick), y: bottom + 15, size: 9, anchor: .middle)
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom)
        canvas.text("Year", x: (left + width - right) / 2, y: bottom + 30, size: 10, anchor: .middle)
        canvas.text("Cumulative discounted net (\(symbol)\(unit))", x: 14, y: (top + bottom) / 2, size: 10, anchor: .middle, rotate: true)

        var labels: [(y: Double, lines: [String], nameLines: Int, shape: Int, filled: Bool)] = []
        var sentences: [String] = []
        var breakEvens: [Double] = []
        // The recommended option has the solid line; the others take the patterns in turn.
        var nextPattern = 1
        for (index, option) in options.enumerated() {
            let points = option.values.map { (x($0.year), y($0.value)) }
            let pattern = option.isRecommended ? 0 : nextPattern
            if !option.isRecommended { nextPattern += 1 }
            // A baseline of no flows lies on the zero line: it is said, not drawn over the axis.
            let isBaseline = option.values.allSatisfy { $0.value == 0 }
            if !isBaseline {
                canvas.polyline(points, stroke: "#000000", width: option.isRecommended ? 2.6 : 1.4, dash: dashes[pattern % dashes.count], mark: "option")
            }
            for point in points { canvas.marker(index, x: point.0, y: point.1, size: 3, fill: option.isRecommended ? "#000000" : "#ffffff", mark: "year") }
            var note = option.isRecommended ? "Recommended" : ""
            let quoted = "“\(option.name)”"
            if isBaseline {
                note = "The baseline: no flows beyond today’s"
                sentences.append("\(quoted) is the baseline: no flows beyond today’s, so its line is the zero line.")
            } else {
                let final = Self.money((option.values.last?.value ?? 0) / divisor, symbol: symbol, unit: unit)
                var sentence = "\(quoted)\(option.isRecommended ? " (recommended)" : "") ends year \(SVGCanvas.number(option.values.last?.year ?? 0)) at \(final)"
                if let breakEven = option.breakEven {
                    let point = (x(breakEven), y(0))
                    canvas.circle(cx: point.0, cy: point.1, r: 5, fill: "none", stroke: "#000000", strokeWidth: 1.6, mark: "break-even")
                    canvas.line(x1: point.0, y1: point.1 + 5, x2: point.0, y2: bottom + 4, stroke: "#000000", dash: "2 2")
                    // Each break-even says when, one above the line and the next below, so close ones stay apart.
                    let above = breakEvens.count % 2 == 0
                    canvas.text(SVGCanvas.number(breakEven), x: point.0 + 6, y: point.1 + (above ? -7 : 15), size: 8.5, bold: true, halo: true)
                    breakEvens.append(breakEven)
                    let years = "\(SVGCanvas.number(breakEven)) \(SVGCanvas.number(breakEven) == "1" ? "year" : "years")"
                    note += (note.isEmpty ? "B" : "; b") + "reaks even after \(years)"
                    sentence += " and, discounted, breaks even after \(years)"
                } else {
                    note += (note.isEmpty ? "D" : "; d") + "oes not break even"
                    sentence += " and does not break even within the period"
                }
                sentences.append(sentence + ".")
            }
            if let last = points.last {
                let name = TextMetrics.wrap(option.name, width: right - 34, size: 9.5, maxLines: 2)
                labels.append((last.1, name + TextMetrics.wrap(note, width: right - 24, size: 8.5, maxLines: 2), name.count, index, option.isRecommended))
            }
        }
        // Names at the lines' ends, moved apart so that none overlaps another.
        labels.sort { $0.y < $1.y }
        var previous = -Double.infinity
        for label in labels {
            let height = Double(label.lines.count) * 11.5
            let position = max(label.y - height / 2 + 8, previous + 4)
            canvas.marker(label.shape, x: width - right + 10, y: position - 3.5, size: 3, fill: label.filled ? "#000000" : "#ffffff")
            for (offset, line) in label.lines.enumerated() {
                let isNote = offset >= label.nameLines
                canvas.text(line, x: width - right + 18, y: position + Double(offset) * 11.5, size: isNote ? 8.5 : 9.5, bold: !isNote, italic: isNote)
            }
            previous = position + height
        }
        let legendY = bottom + 46
        canvas.circle(cx: left + 6, cy: legendY - 3.5, r: 5, fill: "none", stroke: "#000000", strokeWidth: 1.6)
        canvas.text("Break-even, in years: where the discounted flows have repaid the outlay", x: left + 16, y: legendY, size: 9)

        let description = "The cumulative discounted net cash flow of \(ChartWords.count(options.count, "option")) by year, in \(symbol)\(unit == "m" ? " millions" : unit == "k" ? " thousands" : ""). " + sentences.joined(separator: " ")
        return Chart(width: width, height: legendY + 10, title: "Cumulative discounted cash flow by option", description: description, canvas: canvas)
    }

    /// "£-120k", "£1.5m": the amount in the axis's unit.
    static func money(_ value: Double, symbol: String, unit: String) -> String {
        let sign = value < 0 ? "−" : ""
        return "\(sign)\(symbol)\(SVGCanvas.number(abs(value)))\(unit)"
    }
}
