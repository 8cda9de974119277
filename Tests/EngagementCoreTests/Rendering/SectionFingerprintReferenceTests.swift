import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// The section hashes and reads that packs store are written as bytes; these tests hold
/// them to the plain String implementation they replaced (``ReferenceSectionFingerprint``),
/// since a changed hash would make every stored section look stale.
@Suite("Section hashes and reads match their plain implementation")
struct SectionFingerprintReferenceTests {
    static let seeds: [UInt64] = Array(1...400)

    @Test("Section hashes are those of the reference canonical form", arguments: seeds)
    func sectionHashesMatchReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        let document = generator.document()
        let sections = SectionFingerprint.sections(of: document)
        let reference = ReferenceSectionFingerprint.sections(of: document)
        #expect(sections.map(\.id) == reference.map(\.id))
        #expect(sections.map(\.hash) == reference.map(\.hash))
        #expect(SectionFingerprint.canonical(document) == ReferenceSectionFingerprint.canonical(document))
    }

    @Test("A document's reads are the reference's sorted lines, each path once", arguments: seeds)
    func documentReadsMatchReference(seed: UInt64) {
        var generator = RandomTree(seed: seed)
        var reads: [String: String] = [:]
        for _ in 0..<generator.number(below: 30) { reads[generator.text()] = generator.text() }
        // ASCII paths, sorted as bytes rather than as Strings: prefixes of one another,
        // brackets, quotes, tabs, empty paths and hashes.
        var paths: [String: String] = [:]
        for _ in 0..<generator.number(below: 150) {
            var path = ""
            for _ in 0..<generator.number(below: 6) {
                path += generator.pick(["/client", "/a", "/a/b", "[@id='x']", "[1]", "[10]", "/*", "/@name", "Z", "\t", ""])
            }
            paths[path] = generator.pick(["cbf29ce484222325", "0add25bd68d3fb50", ""])
        }
        // Lines with repeated paths (a path always with the same hash, as in a trace),
        // ASCII or not, in any order, give the sorted lines of their dictionary.
        for table in [paths, reads] {
            var lines = table.map { (path: $0.key, hash: $0.value) }
            lines += lines.filter { _ in generator.number(below: 3) == 0 }
            lines.reverse()
            let built = DocumentReads.build(lines: lines, sections: [Array(lines.indices)])
            #expect(Array(built.reads.encodedLines.utf8) == Array(ReferenceSectionFingerprint.encode(table).utf8))
            #expect(built.sections == [LineNumbers.encode(Array(0..<table.count))])
        }
        let plain = paths.filter { !$0.key.isEmpty && !$0.key.contains("\t") }
        #expect(SectionReads.decode(SectionReads.encode(plain)) == plain)
    }
}

/// Section hashes as they were computed before the canonical form was written as bytes
/// (commit 14202ff).
enum ReferenceSectionFingerprint {
    static func sections(of root: XMLOutputElement) -> [(id: String, hash: String)] {
        var result: [(String, String)] = []
        func visit(_ element: XMLOutputElement) {
            if element.name == "section", let id = element.attributes["id"] {
                result.append((id, FNV1a.hex(FNV1a.hash(canonical(element)))))
            } else if element.name == "head" {
                // The head is traced as a section since the firm issue (its house style).
                result.append(("head", FNV1a.hex(FNV1a.hash(canonical(element)))))
            }
            element.elements.forEach(visit)
        }
        visit(root)
        return result
    }

    static func canonical(_ element: XMLOutputElement) -> String {
        var text = "<\(element.name)"
        for name in element.attributes.keys.sorted() {
            text += " \(name)=\"\(element.attributes[name] ?? "")\""
        }
        text += ">"
        for child in element.children {
            switch child {
            case .text(let value): text += value.replacingOccurrences(of: "<", with: "&lt;")
            case .element(let nested): text += canonical(nested)
            }
        }
        return text + "</\(element.name)>"
    }

    static func encode(_ reads: [String: String]) -> String {
        reads.keys.sorted().map { "\($0)\t\(reads[$0] ?? "")" }.joined(separator: "\n")
    }
}
