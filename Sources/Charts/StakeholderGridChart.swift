import XMLSupport

/// Who matters and how far each must move: the influence/interest grid with each person
/// numbered, beside an engagement table whose arrows run from where each person stands now
/// to where the engagement needs them (unaware to leading). For the internal edition only.
struct StakeholderGridChart {
    let chart: Chart

    private struct Person {
        var number: Int
        var name: String
        var influence: Int
        var interest: Int
        var current: Int
        var desired: Int
        var isSponsor: Bool
    }

    static let levels = ["Unaware", "Resistant", "Neutral", "Supportive", "Leading"]

    init?(_ data: XMLOutputElement) {
        let people = data.children(named: "stakeholder").enumerated().map { offset, person in
            Person(
                number: offset + 1, name: person["name"] ?? "", influence: Int(person.number("influence") ?? 1),
                interest: Int(person.number("interest") ?? 1), current: Int(person.number("current-rank") ?? 0),
                desired: Int(person.number("desired-rank") ?? 0), isSponsor: person.flag("sponsor"))
        }
        guard !people.isEmpty else { return nil }
        chart = Self.draw(people, highFrom: data.number("high-from") ?? 4)
    }

    private static func draw(_ people: [Person], highFrom: Double) -> Chart {
        let width = 680.0
        let (gridLeft, gridTop, cell) = (44.0, 26.0, 50.0)
        let gridSize = cell * 5
        var canvas = SVGCanvas()

        // The grid: interest across, influence up, the quadrants named in their corners.
        canvas.text("Influence and interest", x: gridLeft, y: 14, size: 11, bold: true)
        let split = gridLeft + (highFrom - 1) * cell
        let splitY = gridTop + gridSize - (highFrom - 1) * cell
        canvas.rect(x: gridLeft, y: gridTop, width: gridSize, height: gridSize, fill: "#ffffff", stroke: "#000000")
        canvas.rect(x: split, y: gridTop, width: gridLeft + gridSize - split, height: splitY - gridTop, fill: "#eeeeee")
        canvas.line(x1: split, y1: gridTop, x2: split, y2: gridTop + gridSize, stroke: "#000000", dash: "5 3")
        canvas.line(x1: gridLeft, y1: splitY, x2: gridLeft + gridSize, y2: splitY, stroke: "#000000", dash: "5 3")
        canvas.rect(x: gridLeft, y: gridTop, width: gridSize, height: gridSize, fill: "none", stroke: "#000000")
        for (text, x, y, anchor) in [
            ("Keep satisfied", gridLeft + 4, gridTop + 12, SVGCanvas.Anchor.start), ("Manage closely", gridLeft + gridSize - 4, gridTop + 12, .end),
            ("Monitor", gridLeft + 4, gridTop + gridSize - 5, .start), ("Keep informed", gridLeft + gridSize - 4, gridTop + gridSize - 5, .end),
        ] {
            canvas.text(text, x: x, y: y, size: 9, anchor: anchor, italic: true, fill: "#444444")
        }
        for score in 1...5 {
            let x = gridLeft + (Double(score) - 0.5) * cell
            canvas.text(String(score), x: x, y: gridTop + gridSize + 13, size: 9, anchor: .middle)
            canvas.text(String(score), x: gridLeft - 6, y: gridTop + gridSize - (Double(score) - 0.5) * cell + 3, size: 9, anchor: .end)
        }
        canvas.text("Interest (1 to 5)", x: gridLeft + gridSize / 2, y: gridTop + gridSize + 28, size: 10, anchor: .middle)
        canvas.text("Influence (1 to 5)", x: 14, y: gridTop + gridSize / 2, size: 10, anchor: .middle, rotate: true)

        // People who share a square sit side by side in it, in profile order.
        var placed: [String: Int] = [:]
        let perSquare = Dictionary(grouping: people) { "\($0.influence)-\($0.interest)" }.mapValues(\.count)
        for person in people {
            let key = "\(person.influence)-\(person.interest)"
            let index = placed[key, default: 0]
            placed[key] = index + 1
            let count = perSquare[key] ?? 1
            let columns = count > 4 ? 3 : count > 1 ? 2 : 1
            let spacing = 16.0
            let row = Double(index / columns)
            let column = Double(index % columns)
            let rows = Double((count + columns - 1) / columns)
            let centreX = gridLeft + (Double(person.interest) - 0.5) * cell + (column - Double(columns - 1) / 2) * spacing
            let centreY = gridTop + gridSize - (Double(person.influence) - 0.5) * cell + (row - (rows - 1) / 2) * spacing
            canvas.circle(cx: centreX, cy: centreY, r: 7.5, fill: person.isSponsor ? "#000000" : "#ffffff", stroke: "#000000", strokeWidth: 1.2, mark: "stakeholder")
            canvas.text(String(person.number), x: centreX, y: centreY + 3, size: 8, anchor: .middle, bold: true, fill: person.isSponsor ? "#ffffff" : "#000000")
        }

        // The engagement table: one row a person, an arrow from now to needed.
        let tableLeft = 330.0
        let nameWidth = 138.0
        let levelWidth = (width - tableLeft - nameWidth - 6) / 5
        let rowHeight = people.count > 14 ? 15.0 : 19.0
        canvas.text("Engagement now and needed", x: tableLeft, y: 14, size: 11, bold: true)
        for (index, level) in levels.enumerated() {
            let x = tableLeft + nameWidth + (Double(index) + 0.5) * levelWidth
            // Staggered on two lines: the names are wider than their columns.
            canvas.text(level, x: x, y: gridTop + (index % 2 == 0 ? 2 : 13), size: 8.5, anchor: .middle)
        }
        let rowsTop = gridTop + 19
        for index in 0..<levels.count {
            // A faint guide from each level's name down through the rows.
            let x = tableLeft + nameWidth + (Double(index) + 0.5) * levelWidth
            canvas.line(x1: x, y1: gridTop + (index % 2 == 0 ? 5 : 16), x2: x, y2: rowsTop + Double(people.count) * rowHeight, stroke: "#c8c8c8", dash: "1 2")
        }
        for (offset, person) in people.enumerated() {
            let y = rowsTop + Double(offset) * rowHeight
            if offset % 2 == 0 { canvas.rect(x: tableLeft, y: y, width: width - tableLeft - 6, height: rowHeight, fill: "#f2f2f2") }
            let label = "\(person.number). \(person.name)\(person.isSponsor ? " (sponsor)" : "")"
            canvas.text(TextMetrics.shortened(label, width: nameWidth - 6, size: 9), x: tableLeft + 3, y: y + rowHeight / 2 + 3, size: 9)
            let middle = y + rowHeight / 2
            func x(_ rank: Int) -> Double { tableLeft + nameWidth + (Double(rank) + 0.5) * levelWidth }
            if person.current != person.desired {
                let direction = person.desired > person.current ? 1.0 : -1.0
                let end = x(person.desired) - direction * 6
                canvas.line(x1: x(person.current) + direction * 4, y1: middle, x2: end, y2: middle, stroke: "#000000", width: 1.4)
                canvas.path("M\(SVGCanvas.number(end + direction * 1)) \(SVGCanvas.number(middle))L\(SVGCanvas.number(end - direction * 6)) \(SVGCanvas.number(middle - 4))L\(SVGCanvas.number(end - direction * 6)) \(SVGCanvas.number(middle + 4))Z", fill: "#000000", stroke: nil)
            }
            if person.current == person.desired {
                // Already where the plan needs them: the square, with "now" inside it.
                canvas.rect(x: x(person.desired) - 5, y: middle - 5, width: 10, height: 10, fill: "#000000", mark: "engagement")
                canvas.circle(cx: x(person.current), cy: middle, r: 2.5, fill: "#ffffff")
            } else {
                canvas.circle(cx: x(person.current), cy: middle, r: 4, fill: "#ffffff", stroke: "#000000", strokeWidth: 1.3)
                canvas.rect(x: x(person.desired) - 4, y: middle - 4, width: 8, height: 8, fill: "#000000", mark: "engagement")
            }
        }
        let tableBottom = rowsTop + Double(people.count) * rowHeight
        let legendY = max(gridTop + gridSize + 48, tableBottom + 18)
        canvas.circle(cx: tableLeft + 4, cy: legendY - 3.5, r: 4, fill: "#ffffff", stroke: "#000000", strokeWidth: 1.3)
        canvas.text("now", x: tableLeft + 12, y: legendY, size: 9)
        canvas.rect(x: tableLeft + 40, y: legendY - 7.5, width: 8, height: 8, fill: "#000000")
        canvas.text("needed", x: tableLeft + 52, y: legendY, size: 9)
        canvas.rect(x: tableLeft + 100, y: legendY - 8.5, width: 10, height: 10, fill: "#000000")
        canvas.circle(cx: tableLeft + 105, cy: legendY - 3.5, r: 2.5, fill: "#ffffff")
        canvas.text("already there", x: tableLeft + 114, y: legendY, size: 9)
        canvas.circle(cx: gridLeft + 4, cy: legendY - 3.5, r: 5, fill: "#000000")
        canvas.text("sponsor", x: gridLeft + 13, y: legendY, size: 9)

        let moving = people.filter { $0.current != $0.desired }
        let closely = people.filter { Double($0.influence) >= highFrom && Double($0.interest) >= highFrom }
        var description = "\(ChartWords.count(people.count, "stakeholder")) placed by influence and interest (1 to 5); \(closely.isEmpty ? "none" : ChartWords.list(closely.map(\.name))) \(closely.count == 1 ? "is" : "are") to be managed closely."
        description += moving.isEmpty
            ? " Everyone is already as engaged as the engagement needs."
            : " Engagement to move: " + moving.map { "\($0.name) from \(levels[$0.current].lowercased()) to \(levels[$0.desired].lowercased())" }.joined(separator: "; ") + "."
        return Chart(width: width, height: legendY + 8, title: "Stakeholder grid and engagement", description: description, canvas: canvas)
    }
}
