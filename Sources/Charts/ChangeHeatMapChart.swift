import XMLSupport

/// How hard the change lands on each group: a heat map of groups by the six aspects of
/// work (degree 0 to 5, printed in every cell so that the shade is never the only sign),
/// each group's total, and the ADKAR element where it is stuck.
struct ChangeHeatMapChart {
    let chart: Chart

    static let aspects = ["process", "systems", "roles", "behaviours", "reporting", "location"]

    private struct Group {
        var name: String
        var headcount: String
        var degrees: [Int]
        var heat: String
        var barrier: String?
    }

    init?(_ data: XMLOutputElement) {
        let groups = data.children(named: "group").map { group in
            Group(
                name: group["name"] ?? "", headcount: group["headcount"] ?? "", degrees: Self.aspects.map { Int(group.number($0) ?? 0) },
                heat: group["heat"] ?? "", barrier: group["barrier"])
        }
        guard !groups.isEmpty else { return nil }
        chart = Self.draw(groups)
    }

    /// Lighter to darker grey by degree; text turns white where the cell is dark.
    static let shades = ["#ffffff", "#e6e6e6", "#c8c8c8", "#a0a0a0", "#6e6e6e", "#3c3c3c"]

    private static func draw(_ groups: [Group]) -> Chart {
        let width = 680.0
        let nameWidth = 206.0
        let cellWidth = 52.0
        let totalWidth = 46.0
        let rowHeight = 36.0
        let top = 40.0
        var canvas = SVGCanvas()
        let aspectsLeft = nameWidth + 4
        let totalLeft = aspectsLeft + cellWidth * 6 + 6
        let barrierLeft = totalLeft + totalWidth + 8
        canvas.text("Group", x: 4, y: top - 8, size: 9.5, bold: true)
        canvas.text("People", x: nameWidth - 4, y: top - 8, size: 9.5, anchor: .end, bold: true)
        for (index, aspect) in aspects.enumerated() {
            canvas.text(ChartWords.capitalized(aspect), x: aspectsLeft + (Double(index) + 0.5) * cellWidth, y: top - 8, size: 8.5, anchor: .middle, bold: true)
        }
        canvas.lines(["Total", "(of 30)"], x: totalLeft + totalWidth / 2, y: top - 21, size: 9.5, anchor: .middle, bold: true)
        canvas.lines(["Main barrier", "(ADKAR)"], x: barrierLeft, y: top - 21, size: 9.5, bold: true)
        canvas.text("Degree of change, 0 (none) to 5 (complete)", x: aspectsLeft + cellWidth * 3, y: 12, size: 9, anchor: .middle, italic: true)

        var stuck: [String] = []
        for (row, group) in groups.enumerated() {
            let y = top + Double(row) * rowHeight
            let name = TextMetrics.wrap(group.name, width: nameWidth - 38, size: 9, maxLines: 2)
            canvas.lines(name, x: 4, y: y + 22 - Double(name.count - 1) * 5.6, size: 9)
            canvas.text(group.headcount, x: nameWidth - 4, y: y + 22, size: 9.5, anchor: .end)
            for (index, degree) in group.degrees.enumerated() {
                let x = aspectsLeft + Double(index) * cellWidth
                canvas.rect(x: x, y: y + 3, width: cellWidth - 2, height: rowHeight - 6, fill: shades[min(5, max(0, degree))], stroke: "#000000", strokeWidth: 0.6, mark: "cell")
                canvas.text(String(degree), x: x + cellWidth / 2 - 1, y: y + 22, size: 11, anchor: .middle, bold: degree >= 4, fill: degree >= 4 ? "#ffffff" : "#000000")
            }
            canvas.text(group.heat, x: totalLeft + totalWidth / 2, y: y + 22, size: 11, anchor: .middle, bold: true)
            canvas.text(group.barrier.map(ChartWords.capitalized) ?? "No barrier", x: barrierLeft, y: y + 22, size: 10, bold: group.barrier != nil, italic: group.barrier == nil)
            if let barrier = group.barrier { stuck.append("\(group.name) (\(barrier))") }
        }
        let height = top + Double(groups.count) * rowHeight + 8
        let hottest = groups.max { (Int($0.heat) ?? 0) < (Int($1.heat) ?? 0) }
        var description = "The degree of change (0 to 5) each of \(ChartWords.count(groups.count, "group")) faces in process, systems, roles, behaviours, reporting and location, with each group's total out of 30."
        if let hottest { description += " \(hottest.name) faces the most (\(hottest.heat) of 30)." }
        description += stuck.isEmpty ? " No group has an ADKAR barrier." : " Main ADKAR barrier: \(stuck.joined(separator: "; "))."
        return Chart(width: width, height: height, title: "Change impact heat map", description: description, canvas: canvas)
    }
}
