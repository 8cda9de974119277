import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// Hostile templates: each asks for work or memory that grows exponentially or with a high
/// power of the model, and must be refused quickly, with the template's file, line and
/// column; the shipped templates must stay far inside every limit.
@Suite("Template limits")
struct TemplateLimitTests {
    typealias Fixture = TemplatingFixtures

    /// The failure of `folder`'s main.xhtml under `limits`, and how long it took to come.
    static func failure(
        _ folder: TemplatingTestFolder, model: String = "<client/>", limits: TemplateLimits = .standard,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (failure: TemplateFailure, seconds: Double)? {
        let session = try Fixture.session(model)
        let clock = ContinuousClock()
        let start = clock.now
        do throws(TemplateFailure) {
            let sources = try folder.sources()
            let template = try TemplateCompiler.compile("main.xhtml", sources: sources, limits: limits)
            _ = try TemplateRenderer(session: session, sources: sources, limits: limits).render(template)
            Issue.record("The template rendered.", sourceLocation: sourceLocation)
            return nil
        } catch {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return (error, seconds)
        }
    }

    /// A model of `count` elements under `/client` (plus the root).
    static func model(elements count: Int) -> String {
        "<client>" + String(repeating: "<item/>", count: count) + "</client>"
    }

    /// Far more than the limits need, but far less than the minutes and gigabytes these
    /// templates took before there were limits.
    static let quickly = 15.0

    // MARK: - The three attacks of the reliability review, under the standard limits

    @Test("Macros that each call the next twice, 30 levels deep, are refused at compile time")
    func exponentialMacroExpansionIsRefused() throws {
        var lines = (0..<29).map { #"  <t:macro name="m\#($0)"><t:call macro="m\#($0 + 1)"/><t:call macro="m\#($0 + 1)"/></t:macro>"# }
        lines.append(#"  <t:macro name="m29"><b>x</b></t:macro>"#)
        lines.append(#"  <t:call macro="m0"/>"#)
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(lines: lines)])
        let (failure, seconds) = try #require(try Self.failure(folder))
        #expect(seconds < Self.quickly)
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        #expect(diagnostic.summary.contains("grows past 100000 elements and text nodes"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.file == folder.display("main.xhtml"))
        // Inside a macro body (lines 2-31), reached through the chain of calls.
        #expect((2...31).contains(diagnostic.origin.position.line), "\(diagnostic.formatted)")
        #expect(diagnostic.origin.position.column > 1)
        #expect(diagnostic.origin.chain.count >= 10)
        #expect(diagnostic.formatted.hasPrefix(
            "\(folder.display("main.xhtml")):\(diagnostic.origin.position.line):\(diagnostic.origin.position.column): error:"))
    }

    @Test("A string doubled through 27 nested variables is refused at the level that passes 1 MiB")
    func stringDoublingIsRefused() throws {
        // 'abcdefgh' is 2^3 bytes; level k doubles it to 2^(3+k), past 2^20 at k = 18.
        var lines = [#"<t:block t:let="s: 'abcdefgh'">"#]
        for level in 1...27 {
            lines.append(String(repeating: " ", count: level) + #"<t:block t:let="s: concat($s, $s)">"#)
        }
        lines.append(#"<p t:text="string-length($s)">n</p>"#)
        lines += Array(repeating: "</t:block>", count: 28)
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(lines: lines)])
        let (failure, seconds) = try #require(try Self.failure(folder))
        #expect(seconds < Self.quickly)
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        let diagnostic = try #require(failure.diagnostics.first)
        // The level's two references take in 2^21 bytes, which the session refuses before
        // libxml2 concatenates them.
        #expect(diagnostic.summary.contains("more than 1048576 bytes of strings from variables"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.file == folder.display("main.xhtml"))
        // Line 1 opens the root, line 2 is level 0, so level 18 is line 20, indented 18.
        #expect(diagnostic.origin.position == SourcePosition(line: 20, column: 19))
    }

    @Test("An XPath nested four times in its own predicates is stopped by libxml2's operation limit")
    func quarticXPathIsRefused() throws {
        let expression = "count(//*[count(//*[count(//*[count(//*) > 0]) > 0]) > 0])"
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(lines: ["  <p>fine</p>", #"  <p t:text="\#(expression)">n</p>"#])
        ])
        let (failure, seconds) = try #require(try Self.failure(folder, model: Self.model(elements: 450)))
        #expect(seconds < Self.quickly)
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.summary.contains("needs more than 50000000 XPath operations"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.file == folder.display("main.xhtml"))
        #expect(diagnostic.origin.position == SourcePosition(line: 3, column: 3))
    }

    // MARK: - Each limit on its own, made small

    static func limits(
        compiledNodes: Int = 1_000, outputNodes: Int = 1_000, outputBytes: Int = 100_000, valueBytes: Int = 10_000,
        operations: Int? = 1_000_000, time: Duration = .seconds(10)
    ) -> TemplateLimits {
        TemplateLimits(
            maximumCompiledNodes: compiledNodes, maximumOutputNodes: outputNodes, maximumOutputBytes: outputBytes,
            maximumValueBytes: valueBytes, maximumXPathOperations: operations, timeLimit: time)
    }

    /// A loop in a loop over the 100 items: 10,000 rows.
    static let loopInLoop = [
        #"  <t:block t:each="a in /client/item">"#,
        #"    <p t:each="b in /client/item">row <b>b</b></p>"#,
        "  </t:block>",
    ]

    @Test("A document with more elements and text nodes than the limit is stopped at the element that crossed it")
    func outputNodeLimit() throws {
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(lines: Self.loopInLoop)])
        let (failure, _) = try #require(try Self.failure(folder, model: Self.model(elements: 100), limits: Self.limits()))
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.summary.contains("more than 1000 elements and text nodes"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.position.line == 3, "\(diagnostic.formatted)")
    }

    @Test("A document with more text than the limit is stopped")
    func outputByteLimit() throws {
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(lines: Self.loopInLoop)])
        let limits = Self.limits(outputNodes: 1_000_000, outputBytes: 5_000)
        let (failure, _) = try #require(try Self.failure(folder, model: Self.model(elements: 100), limits: limits))
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        #expect(failure.diagnostics.first?.summary.contains("more than 5000 bytes of text") == true, "\(failure.formatted)")
    }

    @Test("An expression whose string is longer than the value limit is refused at its element")
    func valueLimit() throws {
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(lines: ["  <p>fine</p>", #"  <p t:text="concat(/client/note, '.')">n</p>"#])
        ])
        let model = "<client><note>" + String(repeating: "a", count: 20_000) + "</note></client>"
        let (failure, _) = try #require(try Self.failure(folder, model: model, limits: Self.limits()))
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.summary.contains("gives a string of 20001 bytes, more than the limit of 10000"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.position == SourcePosition(line: 3, column: 3))
    }

    @Test("A template that expands to more nodes than the limit is refused before rendering")
    func compiledNodeLimit() throws {
        let lines = [#"  <t:macro name="row"><p>a</p><p>b</p></t:macro>"#]
            + Array(repeating: #"  <t:call macro="row"/>"#, count: 400)
        let folder = try TemplatingTestFolder(["main.xhtml": Fixture.template(lines: lines)])
        let (failure, _) = try #require(try Self.failure(folder, limits: Self.limits()))
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        #expect(failure.diagnostics.first?.summary.contains("grows past 1000 elements") == true, "\(failure.formatted)")
    }

    @Test("A render that uses more processor time than the limit is stopped at the instruction it reached")
    func timeLimit() throws {
        // Each row costs 600^2 node tests, under the operation limit; 600 rows take seconds.
        let folder = try TemplatingTestFolder([
            "main.xhtml": Fixture.template(lines: [#"  <p t:each="a in //*" t:text="count(//*[count(//*) > 0])">n</p>"#])
        ])
        let limits = Self.limits(outputNodes: 1_000_000, operations: nil, time: .milliseconds(200))
        let (failure, seconds) = try #require(try Self.failure(folder, model: Self.model(elements: 600), limits: limits))
        #expect(seconds < 3)
        #expect(failure.diagnostics.count == 1, "\(failure.formatted)")
        let diagnostic = try #require(failure.diagnostics.first)
        #expect(diagnostic.summary.contains("of processor time"), "\(diagnostic.summary)")
        #expect(diagnostic.origin.position == SourcePosition(line: 2, column: 3))
    }

    // MARK: - What must still work

    @Test("The shipped templates render every sample profile within the standard limits")
    func shippedTemplatesRenderEverySample() throws {
        let root = try #require(ProfileFixtures.repositoryRoot())
        let sources = try TemplateSources(folder: root.appendingPathComponent("Templates"))
        let renderer = try PackDocumentBuilder(sources: sources)
        let samples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Samples").path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(samples.count >= 4)
        for sample in samples {
            let loaded = ProfileLoader.load(fileAt: root.appendingPathComponent("Samples/\(sample)").path)
            let profile = try #require(loaded.profile, "\(sample)")
            let modelRoot = try #require(loaded.root, "\(sample)")
            let documents = try renderer.render(EngagementModel(profile: profile, root: modelRoot))
            #expect(documents.count == DocumentKind.allCases.count, "\(sample)")
        }
    }
}
