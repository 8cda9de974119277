import Foundation
@testable import Rendering
import Testing
import XMLSupport

@testable import EngagementCore

/// The charts of the documents: every chart of every sample is well-formed SVG with a
/// title, a description and one mark per thing it draws (counted from the profile, not
/// from the chart); two are compared with golden files; each is drawn by a real
/// rasterizer and must not come out blank.
@Suite("Charts")
struct ChartTests {
    /// Every chart of the four documents of a sample, internal edition (which has them
    /// all), rendered with the sample firm, by kind.
    static func charts(of sample: String) throws -> (profile: ClientProfile, charts: [String: XMLOutputElement]) {
        let root = try #require(ProfileFixtures.repositoryRoot())
        let text = try String(contentsOf: root.appendingPathComponent("Samples/\(sample)"), encoding: .utf8)
        return try charts(ofProfile: text, name: sample)
    }

    static func charts(ofProfile text: String, name: String) throws -> (profile: ClientProfile, charts: [String: XMLOutputElement]) {
        let root = try #require(ProfileFixtures.repositoryRoot())
        let loaded = ProfileLoader.load(bytes: Array(text.utf8), fileName: name)
        let profile = try #require(loaded.profile, "\(loaded.diagnostics.map(\.formatted))")
        let profileRoot = try #require(loaded.root)
        let firmPath = root.appendingPathComponent("Samples/halden-partners/firm.xml").path
        let firmLoad = FirmLoader.load(fileAt: firmPath, embeddingFiles: false)
        let firm = try #require(firmLoad.firm.flatMap { firm in firmLoad.root.map { FirmSource(firm: firm, root: $0, path: firmPath) } })
        let renderer = try PackDocumentBuilder(sources: try TemplateSources(folder: root.appendingPathComponent("Templates")))
        var charts: [String: XMLOutputElement] = [:]
        for document in try renderer.render(EngagementModel(profile: profile, root: profileRoot, edition: .internal, firm: firm)) {
            for (name, svg) in ChartImages.files(in: document.draft, prefix: document.kind.rawValue) {
                #expect(charts[name] == nil, "\(name) twice")
                charts[String(name.dropLast(4))] = svg
            }
        }
        return (profile, charts)
    }

    /// How many marks of `svg` carry the class `mark` (among others).
    static func marks(_ mark: String, in svg: XMLOutputElement) -> Int {
        var count = 0
        func walk(_ element: XMLOutputElement) {
            if (element.attributes["class"] ?? "").split(separator: " ").contains(Substring(mark)) { count += 1 }
            element.elements.forEach(walk)
        }
        svg.elements.forEach(walk)
        return count
    }

    @Test("Every chart of every sample is well-formed SVG with a title and a description, and draws one mark per stage, touchpoint, person, group, year and measurement", arguments: ProfileFixtures.sampleNames)
    func everySampleChart(sample: String) throws {
        let (profile, charts) = try Self.charts(of: sample)
        let figures = EngagementFigures(profile: profile, firm: nil, documentDate: nil)
        var expected: Set<String> = ["strategy-journey-map", "strategy-stakeholder-grid", "strategy-expectation-trends", "strategy-relationship-journey"]
        if !profile.options.isEmpty { expected.insert("business-case-cash-flow") }
        if !profile.changeImpacts.isEmpty { expected.insert("change-management-change-heat-map") }
        #expect(Set(charts.keys) == expected)

        for (name, svg) in charts {
            // Well-formed as a file of its own, through libxml2's parser.
            let bytes = ChartImages.bytes(of: svg)
            #expect(throws: Never.self, "\(name)") { _ = try XMLDocument.parse(bytes: bytes, fileName: name) }
            let title = svg.elements.first { $0.name == "title" }?.textContent ?? ""
            let description = svg.elements.first { $0.name == "desc" }?.textContent ?? ""
            #expect(!title.isEmpty && description.count > 40, "\(name): \(title) / \(description)")
            #expect(svg.attributes["role"] == "img" && svg.attributes["viewBox"] != nil)
        }

        let touchpoints = profile.journey.flatMap(\.touchpoints)
        let journey = try #require(charts["strategy-journey-map"])
        #expect(Self.marks("stage", in: journey) == 5)
        #expect(Self.marks("touchpoint", in: journey) == touchpoints.count)
        #expect(Self.marks("objective", in: journey) == touchpoints.count)
        #expect(Self.marks("emotional", in: journey) == touchpoints.count)
        #expect(Self.marks("below-standard", in: journey) == figures.journey.gaps.count)
        #expect(Self.marks("weakest", in: journey) == (figures.journey.weakestStage == nil ? 0 : 1))

        let clientPeople = profile.stakeholders.filter { $0.side == .client }
        let grid = try #require(charts["strategy-stakeholder-grid"])
        #expect(Self.marks("stakeholder", in: grid) == clientPeople.count)
        #expect(Self.marks("engagement", in: grid) == clientPeople.count)

        let trends = try #require(charts["strategy-expectation-trends"])
        #expect(Self.marks("panel", in: trends) == profile.expectations.count)
        #expect(Self.marks("measurement", in: trends) == profile.measurements.count)

        if let heat = charts["change-management-change-heat-map"] {
            #expect(Self.marks("cell", in: heat) == 6 * profile.changeImpacts.count)
        }
        if let cash = charts["business-case-cash-flow"] {
            let horizon = try #require(figures.appraisal?.horizon)
            // A baseline with no flows lies on the zero line and is not drawn over it.
            let drawn = try #require(figures.appraisal).options.filter { option in
                option.withOptimismBias.years.contains { $0.cumulativeDiscountedNet != 0 }
            }
            #expect(Self.marks("option", in: cash) == drawn.count)
            #expect(Self.marks("year", in: cash) == profile.options.count * (horizon + 1))
        }
        let relationship = try #require(charts["strategy-relationship-journey"])
        #expect(Self.marks("stage", in: relationship) >= 1)
        #expect(Self.marks("rule", in: relationship) == 12, "the sample standard has 12 rules")
    }

    @Test("Cascade's relationship chart marks the breaches the audit finds, and Northgate's none")
    func relationshipBreaches() throws {
        let cascade = try Self.charts(of: "cascade-home-services.xml").charts["strategy-relationship-journey"]
        let northgate = try Self.charts(of: "northgate-hospitals.xml").charts["strategy-relationship-journey"]
        #expect(Self.marks("breached", in: try #require(cascade)) == 3)
        #expect(Self.marks("breached", in: try #require(northgate)) == 0)
    }

    @Test("A journey of six touchpoints and one of thirty both give one card, bar and point per touchpoint, and cards that stay inside the picture")
    func smallAndLargeJourneys() throws {
        for total in [6, 30] {
            let profile = ChartFixtures.profile(touchpointsPerStage: total == 6 ? [2, 1, 1, 1, 1] : [4, 5, 11, 6, 4])
            let journey = try #require(try Self.charts(ofProfile: profile, name: "journey-\(total).xml").charts["strategy-journey-map"])
            #expect(Self.marks("touchpoint", in: journey) == total)
            #expect(Self.marks("objective", in: journey) == total)
            let height = try #require(Double(journey.attributes["height"] ?? ""))
            let width = try #require(Double(journey.attributes["width"] ?? ""))
            for element in journey.elements where element.name == "rect" || element.name == "text" {
                let x = Double(element.attributes["x"] ?? "0") ?? 0
                let y = Double(element.attributes["y"] ?? "0") ?? 0
                #expect(x >= 0 && x <= width && y >= 0 && y <= height, "\(element.name) at \(x),\(y) outside \(width)x\(height)")
            }
        }
    }

    @Test("Two charts match their golden files (re-record with ENGAGE_RECORD_GOLDEN=1)", arguments: [
        ("northgate-hospitals.xml", "business-case-cash-flow"), ("cascade-home-services.xml", "strategy-journey-map"),
    ])
    func goldenCharts(sample: String, chart: String) throws {
        let svg = try #require(try Self.charts(of: sample).charts[chart])
        let actual = ChartImages.bytes(of: svg)
        let root = try #require(ProfileFixtures.repositoryRoot())
        let golden = root.appendingPathComponent("Tests/EngagementCoreTests/Charts/Golden/\(sample.dropLast(4))-\(chart).svg")
        if ProcessInfo.processInfo.environment["ENGAGE_RECORD_GOLDEN"] == "1" {
            try Data(actual).write(to: golden)
            return
        }
        let expected = try #require(FileManager.default.contents(atPath: golden.path), "no golden file at \(golden.path)")
        #expect([UInt8](expected) == actual, "the chart changed; look at it, then re-record with ENGAGE_RECORD_GOLDEN=1")
    }

    @Test("Every chart of Northgate, drawn by librsvg, has ink on a white ground: between 2% and 60% of its pixels are dark")
    func rasterizedChartsAreNotBlank() throws {
        guard ChartFixtures.hasTools(["rsvg-convert", "pdftoppm"]) else {
            Issue.record("rsvg-convert and pdftoppm are needed (Debian: librsvg2-bin, poppler-utils); .ci/run installs them")
            return
        }
        let charts = try Self.charts(of: "northgate-hospitals.xml").charts
        #expect(charts.count == 6)
        for (name, svg) in charts {
            let share = try ChartFixtures.darkShare(of: ChartImages.bytes(of: svg))
            #expect(share > 0.02 && share < 0.6, "\(name): \(share)")
        }
    }

    @Test("Every chart of every sample is painted by cairo and pango directly, and its PNG is librsvg's drawing of the same SVG: no block of it apart, the same colours", arguments: ProfileFixtures.sampleNames)
    func paintedAsLibrsvgDrawsIt(sample: String) throws {
        for (name, svg) in try Self.charts(of: sample).charts.sorted(by: { $0.key < $1.key }) {
            let bytes = ChartImages.bytes(of: svg)
            #expect(ChartScene(svg: bytes) != nil, "\(name) is left to librsvg")
            let (width, height) = try #require(DocxWriter.chartPixelSize(of: svg))
            let painted = try SVGRasterizer.png(fromSVG: bytes, width: width, height: height)
            let drawn = try SVGRasterizer.png(fromSVG: bytes, width: width, height: height, renderer: .librsvg)
            let difference = try ChartSceneTests.difference(painted, drawn)
            #expect(difference.block < ChartSceneTests.sameBlock && difference.colour < 1, "\(sample) \(name): \(difference)")
        }
    }

    @Test("The comparison above sees a label or a dark line left out of a chart")
    func comparisonSeesAMissingMark() throws {
        let svg = try #require(try Self.charts(of: "northgate-hospitals.xml").charts["strategy-journey-map"])
        let (width, height) = try #require(DocxWriter.chartPixelSize(of: svg))
        let drawn = try SVGRasterizer.png(fromSVG: ChartImages.bytes(of: svg), width: width, height: height, renderer: .librsvg)
        // The first label ("Touchpoints"), and the first black line (the axis under the bars).
        for (name, stroke) in [("text", nil), ("line", "#000000")] as [(String, String?)] {
            var without = svg
            let index = try #require(without.children.firstIndex {
                if case .element(let element) = $0 { element.name == name && (stroke == nil || element.attributes["stroke"] == stroke) } else { false }
            })
            without.children.remove(at: index)
            let painted = try SVGRasterizer.png(fromSVG: ChartImages.bytes(of: without), width: width, height: height)
            #expect(try ChartSceneTests.difference(painted, drawn).block >= ChartSceneTests.sameBlock, "the first \(name) left out")
        }
    }

    @Test("The same profile gives the same chart bytes twice")
    func deterministic() throws {
        let first = try Self.charts(of: "meridian-aerostructures.xml").charts.mapValues(ChartImages.bytes(of:))
        let second = try Self.charts(of: "meridian-aerostructures.xml").charts.mapValues(ChartImages.bytes(of:))
        #expect(first == second)
    }
}

/// The pack's pictures of its charts for Word (``ChartPictures``).
@Suite("Chart pictures")
struct ChartPicturesTests {
    final class Counter: @unchecked Sendable {
        var draws = 0
    }

    @Test("A picture is drawn once: a second publication reads it back with the same bytes, one of an earlier drawing is drawn again, and the folder keeps the most recently used")
    func drawnOnce() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("pictures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let counter = Counter()
        let draw: DocxWriter.Rasterize = { svg, width, _ in
            counter.draws += 1
            return [0x89, 0x50, 0x4E, 0x47] + svg + [UInt8(width % 256)]
        }
        let first = ChartPictures(storeFolder: store, draw: draw)
        let a = try first.picture(Array("<svg>a</svg>".utf8), 100, 50)
        #expect(try first.picture(Array("<svg>a</svg>".utf8), 100, 50) == a, "the same run draws it once")
        let b = try first.picture(Array("<svg>b</svg>".utf8), 100, 50)
        #expect(counter.draws == 2)
        first.save()

        let second = ChartPictures(storeFolder: store, draw: draw)
        #expect(try second.picture(Array("<svg>a</svg>".utf8), 100, 50) == a)
        #expect(try second.picture(Array("<svg>b</svg>".utf8), 100, 50) == b)
        #expect(counter.draws == 2, "read back, not drawn")
        _ = try second.picture(Array("<svg>a</svg>".utf8), 200, 100)
        #expect(counter.draws == 3, "another size is another picture")

        // A picture of an earlier drawing, under the name the previous revision gave it.
        let folder = store.appendingPathComponent(ChartPictures.folderName)
        let current = ChartPictures.name(Array("<svg>c</svg>".utf8), 100, 50)
        let earlier = current.replacingOccurrences(of: "-r\(SVGRasterizer.revision).png", with: ".png")
        try #require(earlier != current)
        try Data([0x89, 0x50, 0x4E, 0x47, 0]).write(to: folder.appendingPathComponent(earlier))
        let third = ChartPictures(storeFolder: store, draw: draw)
        #expect(try third.picture(Array("<svg>c</svg>".utf8), 100, 50) != [0x89, 0x50, 0x4E, 0x47, 0], "drawn again, not read from an earlier drawing")
        third.save()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(earlier).path), "and the earlier picture is gone")

        let many = ChartPictures(storeFolder: store, draw: draw)
        for index in 0..<(ChartPictures.capacity + 5) { _ = try many.picture(Array("<svg>\(index)</svg>".utf8), 10, 10) }
        many.save()
        let kept = try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent(ChartPictures.folderName).path)
        #expect(kept.count == ChartPictures.capacity)
        #expect(kept.allSatisfy { $0.hasSuffix("-r\(SVGRasterizer.revision).png") })
    }
}

/// Profiles and tools for the chart tests.
enum ChartFixtures {
    /// The minimal profile with `touchpointsPerStage` touchpoints in its five stages, with
    /// long names and scores that vary.
    static func profile(touchpointsPerStage: [Int]) -> String {
        var text = ProfileFixtures.minimal
        let stages = ["discovery", "consideration", "conversion", "retention", "advocacy"]
        for (stage, count) in zip(stages, touchpointsPerStage) where count > 1 {
            let extra: String = (1..<count).map { index -> String in
                let emotional = [-2, -1, 0, 1, 2][(index * 3 + stage.count) % 5]
                let objective = (index * 37 + stage.count * 11) % 100
                return #"<touchpoint id="tp-\#(stage)-\#(index)" channel="email" owner="sh-ceo" emotional="\#(emotional)" objective="\#(objective)"><name>\#(stage.capitalized) touchpoint \#(index) with a long descriptive name that must wrap</name></touchpoint>"#
            }.joined()
            guard let range = text.range(of: #"<stage name="\#(stage)">"#),
                let end = text.range(of: "</touchpoint>", range: range.upperBound..<text.endIndex)
            else { continue }
            text.replaceSubrange(end.upperBound..<end.upperBound, with: extra)
        }
        return text
    }

    static func hasTools(_ names: [String]) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return names.allSatisfy { name in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    /// The share of dark pixels (below mid-grey) of `svg` drawn by librsvg (as PDF) and
    /// poppler (as a grey map): the picture a reader would get, not the marks it lists.
    static func darkShare(of svg: [UInt8]) throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(svg).write(to: folder.appendingPathComponent("chart.svg"))
        try run("rsvg-convert", ["-f", "pdf", "-o", folder.appendingPathComponent("chart.pdf").path, folder.appendingPathComponent("chart.svg").path])
        try run("pdftoppm", ["-gray", "-r", "50", "-singlefile", folder.appendingPathComponent("chart.pdf").path, folder.appendingPathComponent("chart").path])
        let grey = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent("chart.pgm").path))
        // A binary PGM: "P5", width, height, maximum, each after white space, then the pixels.
        var fields: [Int] = []
        var index = grey.startIndex + 2
        while fields.count < 3 {
            while grey[index] == 0x20 || grey[index] == 0x0A { index += 1 }
            var value = 0
            while grey[index] >= 0x30 && grey[index] <= 0x39 { value = value * 10 + Int(grey[index] - 0x30); index += 1 }
            fields.append(value)
        }
        let pixels = grey[(index + 1)...]
        #expect(pixels.count == fields[0] * fields[1])
        return Double(pixels.filter { $0 < 128 }.count) / Double(max(1, pixels.count))
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) failed")
    }
}
