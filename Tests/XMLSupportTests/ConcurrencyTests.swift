import Dispatch
import Foundation
import Testing

@testable import XMLSupport

/// What one concurrent job saw, copied out so it can cross threads.
struct JobOutcome: Sendable {
    var index: Int
    var rootID: String?
    var value: String?
    var canonical: [UInt8] = []
    var diagnostics: [Diagnostic] = []
}

/// Many documents parsed, queried and validated at once; each job must get its own results
/// and its own errors, never another job's.
@Suite("Concurrency")
struct ConcurrencyTests {
    static let jobCount = 200

    /// Elements that make each parse take long enough for jobs on other threads to overlap it.
    static let filler = String(repeating: "<f></f>", count: 500)

    /// A well-formed document whose id and value are unique to `index`; already canonical.
    static func goodDocument(_ index: Int) -> String {
        let padding = String(repeating: "\n", count: index % 17)
        return "<doc id=\"doc-\(index)\">\(filler)\(padding)<value>\(index * 7919)</value>"
            + "<pad>\(String(repeating: "x", count: index))</pad></doc>"
    }

    /// A malformed document whose mismatched tags name `index` and sit on line `index % 40 + 2`.
    static func badDocument(_ index: Int) -> String {
        "<doc>" + filler + String(repeating: "\n", count: index % 40 + 1) + "<open-\(index)></close-\(index)></doc>"
    }

    static func run(_ index: Int) -> JobOutcome {
        let shouldFail = index % 3 == 0
        let text = shouldFail ? badDocument(index) : goodDocument(index)
        do {
            let document = try XMLDocument.parse(bytes: Array(text.utf8), fileName: "doc-\(index).xml")
            let expression = try XPathExpression("string(/doc/value)")
            let value = try document.evaluate(expression).stringValue
            return JobOutcome(
                index: index, rootID: document.root[attribute: "id"], value: value,
                canonical: try document.canonicalBytes())
        } catch let failure as XMLParseFailure {
            return JobOutcome(index: index, diagnostics: failure.diagnostics)
        } catch {
            return JobOutcome(
                index: index,
                diagnostics: [Diagnostic(file: "doc-\(index).xml", position: .start, summary: "\(error)")])
        }
    }

    /// Problems with `outcome`, as sentences; empty when it is exactly what job `index` expects.
    static func problems(in outcome: JobOutcome) -> [String] {
        let index = outcome.index
        if index % 3 == 0 {
            guard let first = outcome.diagnostics.first else { return ["job \(index) parsed a malformed document"] }
            var problems: [String] = []
            if outcome.diagnostics.contains(where: { $0.file != "doc-\(index).xml" }) {
                problems.append("job \(index) got diagnostics for \(outcome.diagnostics.map(\.file))")
            }
            if first.line != index % 40 + 2 { problems.append("job \(index) error at line \(first.line)") }
            if !first.summary.contains("open-\(index) line") || !first.summary.contains("close-\(index)") {
                problems.append("job \(index) got someone else's error: \(first.summary)")
            }
            if outcome.diagnostics.contains(where: { $0.summary.contains("open-") && !$0.summary.contains("open-\(index) ") }) {
                problems.append("job \(index) has a diagnostic of another job")
            }
            return problems
        }
        var problems: [String] = []
        if !outcome.diagnostics.isEmpty { problems.append("job \(index) failed: \(outcome.diagnostics.map(\.formatted))") }
        if outcome.rootID != "doc-\(index)" { problems.append("job \(index) read id \(outcome.rootID ?? "nil")") }
        if outcome.value != "\(index * 7919)" { problems.append("job \(index) read value \(outcome.value ?? "nil")") }
        let expectedCanonical = Array(goodDocument(index).utf8)
        if outcome.canonical != expectedCanonical { problems.append("job \(index) canonical bytes differ") }
        return problems
    }

    @Test func taskGroupParsesEachDocumentIntoItsOwnResult() async {
        let outcomes = await withTaskGroup(of: JobOutcome.self) { group in
            for index in 0..<Self.jobCount {
                group.addTask { Self.run(index) }
            }
            var collected: [JobOutcome] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        #expect(outcomes.count == Self.jobCount)
        #expect(Set(outcomes.map(\.index)) == Set(0..<Self.jobCount))
        #expect(outcomes.flatMap(Self.problems) == [])
        #expect(outcomes.filter { !$0.diagnostics.isEmpty }.count == (Self.jobCount + 2) / 3)
    }

    @Test func concurrentPerformKeepsErrorsWithTheDocumentThatCausedThem() {
        let outcomes = LockedList<JobOutcome>()
        DispatchQueue.concurrentPerform(iterations: 2 * Self.jobCount) { index in
            outcomes.append(Self.run(index))
        }
        let all = outcomes.elements
        #expect(all.count == 2 * Self.jobCount)
        #expect(all.flatMap(Self.problems) == [])
    }

    @Test func manyThreadsMoreThanCoresShareNoErrorState() {
        let threadCount = 16
        let perThread = 25
        let outcomes = LockedList<JobOutcome>()
        let group = DispatchGroup()
        for thread in 0..<threadCount {
            group.enter()
            let worker = Thread {
                for step in 0..<perThread {
                    outcomes.append(Self.run(thread * perThread + step))
                }
                group.leave()
            }
            worker.start()
        }
        group.wait()
        let all = outcomes.elements
        #expect(all.count == threadCount * perThread)
        #expect(all.flatMap(Self.problems) == [])
    }

    @Test func oneSchemaValidatesManyDocumentsAtOnce() async throws {
        let schema = try XMLSchema(
            document: TestXML.parse(SchemaValidationTests.schemaText, fileName: "order.xsd"))
        let results = await withTaskGroup(of: (Int, [Diagnostic]).self) { group in
            for index in 0..<Self.jobCount {
                group.addTask {
                    // Odd jobs put an out-of-range quantity, unique to the job, on their own line.
                    let quantity = index.isMultiple(of: 2) ? 1 + index % 100 : 100 + index
                    let text = "<order id=\"o-\(index)\">" + String(repeating: "\n", count: index % 30 + 1)
                        + "<item sku=\"s\"><quantity>\(quantity)</quantity></item></order>"
                    do throws(XMLParseFailure) {
                        let document = try XMLDocument.parse(bytes: Array(text.utf8), fileName: "order-\(index).xml")
                        return (index, schema.validate(document))
                    } catch {
                        return (index, error.diagnostics)
                    }
                }
            }
            var collected: [(Int, [Diagnostic])] = []
            for await result in group { collected.append(result) }
            return collected
        }

        #expect(results.count == Self.jobCount)
        var problems: [String] = []
        for (index, diagnostics) in results {
            if index.isMultiple(of: 2) {
                if !diagnostics.isEmpty { problems.append("valid job \(index) got \(diagnostics.map(\.formatted))") }
                continue
            }
            guard diagnostics.count == 1, let diagnostic = diagnostics.first else {
                problems.append("job \(index) got \(diagnostics.count) diagnostics")
                continue
            }
            if diagnostic.file != "order-\(index).xml" { problems.append("job \(index) got file \(diagnostic.file)") }
            if diagnostic.position != SourcePosition(line: index % 30 + 2, column: 15) {
                problems.append("job \(index) got position \(diagnostic.position)")
            }
            if !diagnostic.summary.contains("'\(100 + index)'") {
                problems.append("job \(index) got someone else's error: \(diagnostic.summary)")
            }
        }
        #expect(problems == [])
    }

    @Test func schemasCompiledOnManyThreadsAtOnceReportTheirOwnErrors() async {
        let results = await withTaskGroup(of: (Int, [Diagnostic]).self) { group in
            for index in 0..<50 {
                group.addTask {
                    // Even schemas are fine; odd ones name a type unique to the job.
                    let type = index.isMultiple(of: 2) ? "xs:string" : "xs:missing\(index)"
                    let text = """
                        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                          <xs:element name="e\(index)" type="\(type)"/>
                        </xs:schema>
                        """
                    do throws(XMLParseFailure) {
                        let schema = try XMLSchema(
                            document: XMLDocument.parse(bytes: Array(text.utf8), fileName: "s\(index).xsd"))
                        let document = try XMLDocument.parse(bytes: Array("<e\(index)>v</e\(index)>".utf8), fileName: "d\(index).xml")
                        return (index, schema.validate(document))
                    } catch {
                        return (index, error.diagnostics)
                    }
                }
            }
            var collected: [(Int, [Diagnostic])] = []
            for await result in group { collected.append(result) }
            return collected
        }
        var problems: [String] = []
        for (index, diagnostics) in results {
            if index.isMultiple(of: 2) {
                if !diagnostics.isEmpty { problems.append("schema \(index) got \(diagnostics.map(\.formatted))") }
            } else if diagnostics.isEmpty
                || !diagnostics.allSatisfy({ $0.file == "s\(index).xsd" && $0.summary.contains("missing\(index)'") })
            {
                problems.append("schema \(index) got \(diagnostics.map(\.formatted))")
            }
        }
        #expect(results.count == 50)
        #expect(problems == [])
    }
}
