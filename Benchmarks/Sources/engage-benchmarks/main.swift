// Benchmarks that need the library rather than the command line:
//
//   engage-benchmarks diff SECTIONS    compare two synthetic revisions of SECTIONS sections
//                                      (5 paragraphs each, 3% of them edited, 0.2% moved)
//   engage-benchmarks docx XHTML...    the CPU of writing each XHTML file as a Word document:
//                                      the XML parts, and the zip of them
//   engage-benchmarks charts [--pictures DIR] [--firm FIRM] PROFILE...
//                                      the CPU of drawing every chart of each profile as SVG
//                                      (per document, four documents a profile), and the time
//                                      of drawing each as the PNG a Word document carries, by
//                                      cairo and pango directly and by librsvg (with
//                                      --pictures, both PNGs of each chart written into DIR)
//   engage-benchmarks xpath PROFILE    the cost of one libxml2 XPath evaluation of a plain
//                                      value (`@id`, `name`) where the model has one: the
//                                      floor of every value a template puts in a document
//
// Prints one line of `key=value` pairs for Benchmarks/run.sh to collect.
import Charts
import EngagementCore
import Foundation
import Rendering
import XMLSupport

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1024 / 1024  // bytes on macOS
    #endif
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: engage-benchmarks diff SECTIONS | engage-benchmarks docx XHTML... | engage-benchmarks charts PROFILE... | engage-benchmarks xpath PROFILE\n".utf8))
    exit(2)
}

/// The processor time this thread has used.
func threadTime() -> Duration {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
}

func processTime() -> Duration {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
}

func benchmarkDocx(files: [String]) throws {
    let roots = try files.map { try PackAccess.outputElement(XMLDocument.parse(fileAt: $0).root) }
    let rounds = 50
    var partsTime = Duration.zero
    var zipTime = Duration.zero
    var bytes = 0
    for _ in 0..<rounds {
        for root in roots {
            let start = threadTime()
            let parts = DocxWriter.parts(of: root)
            let made = threadTime()
            bytes = DocxWriter.package(parts).count
            zipTime += threadTime() - made
            partsTime += made - start
        }
    }
    let documents = Double(rounds * roots.count)
    print(String(format: "docx_parts_ms=%.3f docx_zip_ms=%.3f docx_total_ms=%.3f docx_bytes=%d", milliseconds(partsTime) / documents,
                 milliseconds(zipTime) / documents, milliseconds(partsTime + zipTime) / documents, bytes))
}

/// The SVG of every chart of `files` (profiles, internal edition: every chart), timed over
/// rounds, then each chart drawn as a PNG by librsvg as the Word document does (after one
/// warm-up picture, which loads librsvg and fontconfig).
func benchmarkCharts(files: [String]) throws {
    // With a firm first (`--firm FILE`), its service standard brings the relationship chart in.
    var files = files
    var firm: FirmSource?
    var picturesFolder: String?
    if files.first == "--pictures", files.count > 2 {
        picturesFolder = files[1]
        files.removeFirst(2)
    }
    if files.first == "--firm", files.count > 2 {
        let load = FirmLoader.load(fileAt: files[1], embeddingFiles: false)
        firm = load.firm.flatMap { loaded in load.root.map { FirmSource(firm: loaded, root: $0, path: files[1]) } }
        files.removeFirst(2)
    }
    var drawTime = Duration.zero
    var drawn: [(kind: ChartKind, svg: XMLOutputElement)] = []
    let rounds = 20
    for file in files {
        let loaded = ProfileLoader.load(fileAt: file)
        guard let profile = loaded.profile, let root = loaded.root else { throw XPathError.invalidExpression(file, reason: "the profile does not load") }
        let model = EngagementModel(profile: profile, root: root, edition: .internal, firm: firm)
        let session = XPathSession(document: try XMLDocument.parse(bytes: model.bytes, fileName: file))
        for kind in ChartKind.allCases {
            guard case .nodes(let nodes) = try session.evaluate(XPathExpression(kind.dataPath), at: session.documentHandle),
                let node = nodes.first, let data = session.subtree(of: node)
            else { continue }
            let start = threadTime()
            var svg: XMLOutputElement?
            for _ in 0..<rounds { svg = kind.draw(data) }
            drawTime += threadTime() - start
            if let svg { drawn.append((kind, svg)) }
        }
    }
    let documents = Double(files.count * 4 * rounds)
    var line = [String(format: "charts_draw_ms_per_document=%.3f charts=%d", milliseconds(drawTime) / documents, drawn.count)]
    guard let first = drawn.first else { return print(line[0]) }
    _ = try SVGRasterizer.png(fromSVG: XMLWriter.serialize(first.svg, indent: false), width: 100, height: 100)
    _ = try SVGRasterizer.png(fromSVG: XMLWriter.serialize(first.svg, indent: false), width: 100, height: 100, renderer: .librsvg)
    // Each chart drawn as Word's PNG is: wall time and the process's CPU (the PNG is
    // compressed on several threads), by cairo and pango directly, then by librsvg alone.
    for renderer in [SVGRasterizer.Renderer.automatic, .librsvg] {
        var byKind: [ChartKind: (time: Duration, count: Int)] = [:]
        var cpu = Duration.zero
        for (index, (kind, svg)) in drawn.enumerated() {
            let bytes = XMLWriter.serialize(svg, indent: false)
            guard let (width, height) = DocxWriter.chartPixelSize(of: svg) else { continue }
            let (start, startCPU) = (ContinuousClock.now, processTime())
            let png = try SVGRasterizer.png(fromSVG: bytes, width: width, height: height, dotsPerInch: 192, renderer: renderer)
            let elapsed = ContinuousClock.now - start
            cpu += processTime() - startCPU
            byKind[kind, default: (.zero, 0)].time += elapsed
            byKind[kind, default: (.zero, 0)].count += 1
            if let folder = picturesFolder {
                let name = "\(index + 1)-\(kind.rawValue)\(renderer == .librsvg ? "-librsvg" : "").png"
                try Data(png).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
            }
        }
        let total = byKind.values.reduce(Duration.zero) { $0 + $1.time }
        let prefix = renderer == .librsvg ? "librsvg_" : ""
        line.append(String(format: "\(prefix)raster_ms_per_chart=%.1f \(prefix)raster_cpu_ms_per_chart=%.1f", milliseconds(total) / Double(drawn.count), milliseconds(cpu) / Double(drawn.count)))
        for kind in ChartKind.allCases {
            guard let entry = byKind[kind] else { continue }
            line.append(String(format: "\(prefix)raster_ms_%@=%.1f", kind.rawValue, milliseconds(entry.time) / Double(entry.count)))
        }
    }
    print(line.joined(separator: " "))
}

func benchmarkDiff(sections: Int) {
    let clock = ContinuousClock()
    let buildStart = clock.now
    let pair = DiffBenchmark.syntheticPair(
        sections: sections, paragraphsPerSection: 5, changes: max(1, sections * 3 / 100), moves: max(1, sections / 500), seed: 1)
    let buildTime = clock.now - buildStart

    var best = Duration.seconds(1_000)
    var diff = DocumentComparison.compare(old: pair.old, new: pair.new)
    for _ in 0..<3 {
        let start = clock.now
        diff = DocumentComparison.compare(old: pair.old, new: pair.new)
        best = min(best, clock.now - start)
    }
    let summary = diff.summary
    print(
        "sections=\(sections) paragraphs=\(sections * 5) changed_sections=\(summary.changed.count) moved=\(summary.moved.count)"
            + " edits=\(diff.edits.count) compare_ms=\(String(format: "%.1f", milliseconds(best)))"
            + " build_ms=\(String(format: "%.1f", milliseconds(buildTime))) peak_mb=\(String(format: "%.1f", peakResidentMegabytes()))")
}

/// Evaluates `@id` at every element of the profile's model that has one, and `name` at
/// every element with a `name` child, many times over, and prints the best time per
/// evaluation: the cost of one value that is there to read.
func benchmarkXPath(profilePath: String) {
    let loaded = ProfileLoader.load(fileAt: profilePath)
    guard loaded.isValid, let profile = loaded.profile, let root = loaded.root else {
        FileHandle.standardError.write(Data("engage-benchmarks: \(profilePath) is not a valid profile\n".utf8))
        exit(1)
    }
    do {
        let session = try EngagementModel(profile: profile, root: root).session()
        let clock = ContinuousClock()
        var line: [String] = []
        for (key, source, contexts) in [("attribute", "@id", "/client//*[@id]"), ("child", "name", "/client//*[name]")] {
            guard case .nodes(let elements) = try session.evaluate(XPathExpression(contexts), at: session.documentHandle),
                !elements.isEmpty
            else { exit(1) }
            let expression = try XPathExpression(source)
            let rounds = max(1, 200_000 / elements.count)
            var best = Duration.seconds(1_000)
            for _ in 0..<3 {
                let start = clock.now
                for _ in 0..<rounds {
                    for element in elements { _ = try session.evaluate(expression, at: element) }
                }
                best = min(best, (clock.now - start) / (rounds * elements.count))
            }
            line.append("\(key)_ns=\(String(format: "%.0f", milliseconds(best) * 1_000_000)) \(key)_elements=\(elements.count)")
        }
        print(line.joined(separator: " "))
    } catch {
        FileHandle.standardError.write(Data("engage-benchmarks: \(error)\n".utf8))
        exit(1)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch (arguments.first, arguments.count) {
case ("diff", 2):
    guard let sections = Int(arguments[1]), sections > 0 else { usage() }
    benchmarkDiff(sections: sections)
case ("xpath", 2):
    benchmarkXPath(profilePath: arguments[1])
case ("charts", let count) where count >= 2:
    do { try benchmarkCharts(files: Array(arguments.dropFirst())) } catch {
        FileHandle.standardError.write(Data("engage-benchmarks: \(error)\n".utf8))
        exit(1)
    }
case ("docx", let count) where count >= 2:
    do { try benchmarkDocx(files: Array(arguments.dropFirst())) } catch {
        FileHandle.standardError.write(Data("engage-benchmarks: \(error)\n".utf8))
        exit(1)
    }
default:
    usage()
}
