// Benchmarks that need the library rather than the command line:
//
//   engage-benchmarks diff SECTIONS    compare two synthetic revisions of SECTIONS sections
//                                      (5 paragraphs each, 3% of them edited, 0.2% moved)
//
// Prints one line of `key=value` pairs for Benchmarks/run.sh to collect.
import EngagementCore
import Foundation

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

let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "diff", let sections = arguments.dropFirst().first.flatMap({ Int($0) }), sections > 0 else {
    FileHandle.standardError.write(Data("usage: engage-benchmarks diff SECTIONS\n".utf8))
    exit(2)
}

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
