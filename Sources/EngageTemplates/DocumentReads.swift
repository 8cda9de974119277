import EngageBasics
import Foundation

/// Every model input a rendered document read, each once: one `PATH<TAB>HASH` line per
/// node (its stable path and a hash of its content at render time), sorted by path. The
/// store keeps the lines in the revision's row, and each section as the numbers of the
/// lines it read: a pack's sections read the same inputs many times over (the client's
/// name, a stakeholder in every table), and writing each line once per document nearly
/// halves the store.
public final class DocumentReads: Sendable {
    /// The lines, joined by newlines: what the store keeps.
    public let encodedLines: String

    public init(encodedLines: String) {
        self.encodedLines = encodedLines
    }

    /// FNV-1a of every line written `PATH=HASH` and ended by a newline, in order: the
    /// fingerprint of the inputs a document depends on.
    public var fingerprint: UInt64 {
        var bytes = Array(encodedLines.utf8)
        guard !bytes.isEmpty else { return FNV1a.hash(bytes) }
        // Neither a path nor a hash holds a tab: each line's one tab is its separator.
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\t") { bytes[index] = UInt8(ascii: "=") }
        bytes.append(UInt8(ascii: "\n"))
        return FNV1a.hash(bytes)
    }

    /// The path and hash of every line, in order.
    public var lines: [(path: String, hash: String)] { Self.lines(of: encodedLines) }

    /// The lines of `text`, as ``encodedLines`` holds them; a line without a tab after a
    /// path is kept with an empty path and hash, so that line numbers stay right.
    public static func lines(of text: String) -> [(path: String, hash: String)] {
        guard !text.isEmpty else { return [] }  // no lines, rather than one empty line
        var lines: [(path: String, hash: String)] = []
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            var tab = -1
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
                if byte == UInt8(ascii: "\t"), tab < 0 {
                    tab = index
                } else if byte == UInt8(ascii: "\n") {
                    if tab > lineStart {
                        lines.append((
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<tab]), as: UTF8.self),
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<index]), as: UTF8.self)))
                    } else {
                        lines.append(("", ""))
                    }
                    lineStart = index + 1
                    tab = -1
                }
            }
        }
        return lines
    }

    /// The reads of the lines numbered `numbers` (``LineNumbers``) of `lines`: path -> hash.
    /// Numbers beyond the lines (a damaged store) are skipped.
    public static func reads(_ numbers: String, of lines: [(path: String, hash: String)]) -> [String: String] {
        var reads: [String: String] = [:]
        for number in LineNumbers.decode(numbers, below: lines.count) where !lines[number].path.isEmpty {
            reads[lines[number].path] = lines[number].hash
        }
        return reads
    }

    /// Builds a document's reads from the lines its sections read.
    ///
    /// - Parameters:
    ///   - lines: every distinct input, in the order it was first read.
    ///   - sections: per section, the indices into `lines` it read, in any order, repeats
    ///     allowed.
    /// - Returns: the reads, and per section the numbers of its lines in them.
    package static func build(lines: [(path: String, hash: String)], sections: [[Int]]) -> (reads: DocumentReads, sections: [String]) {
        let (order, rank) = sortedOrder(of: lines)
        var text: [UInt8] = []
        text.reserveCapacity(lines.reduce(0) { $0 + $1.path.utf8.count + $1.hash.utf8.count + 2 })
        for index in order {
            if !text.isEmpty { text.append(UInt8(ascii: "\n")) }
            text.append(contentsOf: lines[index].path.utf8)
            text.append(UInt8(ascii: "\t"))
            text.append(contentsOf: lines[index].hash.utf8)
        }
        let sectionNumbers = sections.map { read in
            LineNumbers.encode(read.map { rank[$0] }.sorted())
        }
        return (DocumentReads(encodedLines: String(decoding: text, as: UTF8.self)), sectionNumbers)
    }

    /// The lines to write, in path order, each path once; and for every line the number it
    /// is written as. A path read through two nodes (two text nodes of one element) is
    /// written once, from the node read first. Paths beyond ASCII are ordered and merged
    /// as Strings, as the input fingerprint has always ordered them.
    private static func sortedOrder(of lines: [(path: String, hash: String)]) -> (order: [Int], rank: [Int]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(lines.count)
        var allBits: UInt8 = 0
        for line in lines {
            let start = bytes.count
            bytes.append(contentsOf: line.path.utf8)
            ranges.append(start..<bytes.count)
        }
        for byte in bytes { allBits |= byte }
        var sorted = Array(lines.indices)
        let samePath: (Int, Int) -> Bool
        if allBits < 0x80 {
            // For ASCII text, byte order is String order: sort without building Strings.
            bytes.withUnsafeBufferPointer { buffer in
                sorted.sort { precedes(buffer, ranges[$0], ranges[$1]) || (!precedes(buffer, ranges[$1], ranges[$0]) && $0 < $1) }
            }
            samePath = { first, second in bytes[ranges[first]].elementsEqual(bytes[ranges[second]]) }
        } else {
            // String order, in which canonically equivalent paths are equal.
            sorted.sort { lines[$0].path < lines[$1].path || (lines[$0].path == lines[$1].path && $0 < $1) }
            samePath = { first, second in lines[first].path == lines[second].path }
        }
        var order: [Int] = []
        order.reserveCapacity(lines.count)
        var rank = [Int](repeating: 0, count: lines.count)
        for index in sorted {
            if let last = order.last, samePath(last, index) {
                rank[index] = order.count - 1
            } else {
                rank[index] = order.count
                order.append(index)
            }
        }
        return (order, rank)
    }

    private static func precedes(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return first.count < second.count }
        let order = memcmp(base + first.lowerBound, base + second.lowerBound, min(first.count, second.count))
        return order != 0 ? order < 0 : first.count < second.count
    }
}

/// Ascending line numbers written as runs: `0-12 15 20-31`. Sorted reads cluster (a
/// section reads a stakeholder's name, role and level, which sort together), so runs are
/// short to write.
public enum LineNumbers {
    /// `numbers` (ascending; repeats are written once) as runs.
    public static func encode(_ numbers: [Int]) -> String {
        assert(zip(numbers, numbers.dropFirst()).allSatisfy { $0 <= $1 }, "line numbers must be ascending")
        var text = ""
        var index = 0
        while index < numbers.count {
            let start = numbers[index]
            var end = start
            index += 1
            while index < numbers.count, numbers[index] <= end + 1 {
                end = max(end, numbers[index])
                index += 1
            }
            if !text.isEmpty { text += " " }
            text += end == start ? String(start) : "\(start)-\(end)"
        }
        return text
    }

    /// The numbers `text` names that are below `limit`, ascending; anything that is not a
    /// number or a run of two is skipped, and a run is cut at `limit`, so that damaged
    /// text can neither trap nor ask for more memory than the lines it numbers.
    public static func decode(_ text: String, below limit: Int = Int.max) -> [Int] {
        var numbers: [Int] = []
        for run in text.split(separator: " ") {
            let ends = run.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let start = Int(ends[0]), start >= 0, start < limit else { continue }
            guard ends.count == 2 else {
                numbers.append(start)
                continue
            }
            guard let end = Int(ends[1]), end >= start else { continue }
            numbers += start...min(end, limit - 1)
        }
        return numbers
    }
}

/// What one section of a rendered document read from the model: some of the lines of its
/// document's reads. Status and alerts compare these with a new model to say which
/// sections a profile change makes stale, and why.
public struct SectionTrace: Sendable, Hashable {
    public var sectionID: String
    /// The numbers of the lines of ``document`` the section read (``LineNumbers``).
    public var encodedLineNumbers: String
    public var document: DocumentReads

    /// Stable model path -> FNV-1a hex of the node's canonical content.
    public var reads: [String: String] { DocumentReads.reads(encodedLineNumbers, of: document.lines) }

    /// A section alone in its document, having read `reads`.
    public init(sectionID: String, reads: [String: String]) {
        let lines = reads.map { (path: $0.key, hash: $0.value) }
        let built = DocumentReads.build(lines: lines, sections: [Array(lines.indices)])
        self.init(sectionID: sectionID, encodedLineNumbers: built.sections[0], document: built.reads)
    }

    package init(sectionID: String, encodedLineNumbers: String, document: DocumentReads) {
        self.sectionID = sectionID
        self.encodedLineNumbers = encodedLineNumbers
        self.document = document
    }

    /// Equal when the same section read the same inputs, whatever document holds them.
    public static func == (left: SectionTrace, right: SectionTrace) -> Bool {
        left.sectionID == right.sectionID && left.reads == right.reads
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sectionID)
        hasher.combine(reads)
    }
}
