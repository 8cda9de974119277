import EngagementCore
import Foundation
import Testing
import XMLSupport

/// The document lint: each rule against sentences written by hand, then every document of
/// the samples, of 200 synthetic profiles (two seeds of Benchmarks/generate_profiles.py)
/// and of the minimal profile.
@Suite("Document lint")
struct DocumentLintTests {
    @Test(
        "Each rule finds what it names and passes ordinary prose",
        arguments: [
            ("Each of the 1 stakeholders is briefed.", DocumentLint.Rule.countNoun),
            ("One of its one touchpoints is a gap.", .countNoun),
            ("In addition, 1 of 8 are at risk.", .countNoun),
            ("Future cash is discounted at – a year.", .blank),
            ("The owner is ( ) for now.", .blank),
            ("Meet the the sponsor.", .doubledWord),
            ("Attendance reached 66 % in March.", .spaceBeforePercent),
            ("Send an interim progress note by 31 days after 1 March 2027.", .countedDate),
            ("Stakeholder sh-md-workplace signs.", .rawID),
            ("Edit the profile, not this file, and regenerate.", .toolInstruction),
        ])
    func ruleFinds(sentence: String, rule: DocumentLint.Rule) {
        let found = DocumentLint.findingsInBlock(sentence, ids: ["sh-md-workplace"])
        #expect(!found.isEmpty && Set(found.map(\.rule)) == [rule], "\(found)")
    }

    @Test(
        "Ordinary prose passes every rule",
        arguments: [
            "One stakeholder is briefed; 2 touchpoints are gaps.",
            "Raise delivery across all tier-1 programmes to 95% by 2027.",
            "It costs £1 million over 1.5 years and 2,001 people use it.",
            "Awareness is 4 out of 5 – desire is 2.",
            "Sign here: Helen Marchetti, Chief Executive.",
            "The workplace team (sh-md-workplace-extra is not an id) meets.",
            "No: that is one step, on on-time delivery.",
        ])
    func prosePasses(sentence: String) {
        let found = DocumentLint.findingsInBlock(sentence, ids: ["sh-md-workplace"])
        #expect(found.isEmpty, "\(found)")
    }

    @Test("A glossary term the rest of the document never uses is reported; one it uses is not")
    func unusedGlossaryTerms() {
        func term(_ name: String) -> XMLOutputNode {
            .element(XMLOutputElement(name: "dt", attributes: [:], children: [.text(name)]))
        }
        let glossary = XMLOutputElement(name: "section", attributes: ["id": "glossary"], children: [
            .element(XMLOutputElement(name: "dl", attributes: [:], children: [term("NPV"), term("ADKAR")]))
        ])
        let body = XMLOutputElement(name: "p", attributes: [:], children: [.text("Its npv is positive; the NPVs differ.")])
        let root = XMLOutputElement(name: "body", attributes: [:], children: [.element(body), .element(glossary)])
        #expect(DocumentLint.unusedGlossaryTerms(in: root).map(\.match) == ["ADKAR"])
    }

    @Test("A named person next to an engagement label is reported, in a paragraph or across a table row")
    func engagementLabels() {
        func element(_ name: String, _ children: [XMLOutputNode]) -> XMLOutputNode {
            .element(XMLOutputElement(name: name, attributes: [:], children: children))
        }
        let root = XMLOutputElement(name: "body", attributes: [:], children: [
            element("p", [.text("Mr Anil Kapoor, influential but not yet on board, is won over.")]),
            element("table", [element("tr", [element("td", [.text("Grace Mensah")]), element("td", [.text("unaware → supportive")])])]),
            element("p", [.text("Grace Mensah tests the changes at the check-in desk.")]),
            element("p", [.text("Resistance is high among the 312 consultants.")]),
        ])
        let found = DocumentLint.engagementLabels(in: root, people: ["Mr Anil Kapoor", "Grace Mensah"])
        #expect(found.map(\.match) == ["Mr Anil Kapoor: not yet on board", "Grace Mensah: unaware"])
    }

    @Test("A method the client does not use is reported; the same words for a client that uses it are not")
    func foreignMethods() {
        let blocks = ["Following the Green Book, every option is appraised.", "Costs carry an optimism bias uplift.", "A PRINCE2 project board governs it."]
        let privateWithoutBias = DocumentLint.foreignMethods(
            in: blocks, method: MethodFigures(method: .init(sector: .private, governance: nil)), optimismBias: 0)
        #expect(privateWithoutBias.map(\.match) == ["Green Book", "optimism bias", "PRINCE2", "project board"])
        let publicWithBias = DocumentLint.foreignMethods(
            in: blocks, method: MethodFigures(method: .init(sector: .public, governance: nil)), optimismBias: 24)
        #expect(publicWithBias.isEmpty)
    }

    @Test("A sentence pasted three times is reported once, with its count; twice is allowed")
    func repeatedSentences() {
        let sentence = "Build awareness first and repeat the message across channels."
        let found = DocumentLint.repeatedSentences(in: [sentence, "Other words here.", "\(sentence) Then more.", sentence])
        #expect(found.map(\.match) == ["×3"])
        #expect(DocumentLint.repeatedSentences(in: [sentence, sentence]).isEmpty)
    }

    // MARK: - The corpus

    @Test("Every document of the samples (both editions), 200 synthetic profiles and the minimal profile, with the sample firm, passes the lint")
    func corpusPassesTheLint() throws {
        let corpus = try LintCorpus.profiles()
        #expect(corpus.count >= 200 + ProfileFixtures.sampleNames.count + 1)
        let findings = try LintCorpus.findings(in: corpus)
        var byRule: [DocumentLint.Rule: [String]] = [:]
        for (profile, document, finding) in findings {
            byRule[finding.rule, default: []].append("\(profile) \(document): \(finding)")
        }
        // ENGAGE_LINT_REPORT=FILE writes every finding there, one per line, to work through.
        if let report = ProcessInfo.processInfo.environment["ENGAGE_LINT_REPORT"] {
            let lines = DocumentLint.Rule.allCases.flatMap { byRule[$0] ?? [] }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: report))
        }
        print("document lint over \(corpus.count) profiles: " + DocumentLint.Rule.allCases.map { "\($0.rawValue) \(byRule[$0]?.count ?? 0)" }.joined(separator: ", "))
        // Every rule is enforced: a finding of any rule fails the test.
        for rule in DocumentLint.Rule.allCases {
            let lines = byRule[rule] ?? []
            #expect(lines.isEmpty, Comment(rawValue: "\(lines.count) findings of \(rule.rawValue):\n" + lines.prefix(30).joined(separator: "\n")))
        }
    }
}

/// The profiles the lint reads and the documents they render to.
enum LintCorpus {
    struct Profile: Sendable {
        var name: String
        var text: String
    }

    /// The samples, 100 synthetic profiles of each of the seeds 42 and 7, and the minimal
    /// profile: generated once per test process, for every test that reads them.
    static func profiles() throws -> [Profile] { try corpus.get() }

    private static let corpus: Result<[Profile], CorpusError> = {
        do { return .success(try readProfiles()) } catch { return .failure(CorpusError(description: "\(error)")) }
    }()

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
    }

    private static func readProfiles() throws -> [Profile] {
        let root = try #require(ProfileFixtures.repositoryRoot())
        var profiles = try ProfileFixtures.sampleNames.map {
            Profile(name: $0, text: try String(contentsOf: root.appendingPathComponent("Samples/\($0)"), encoding: .utf8))
        }
        profiles.append(Profile(name: "minimal-profile.xml", text: ProfileFixtures.minimal))
        for seed in [42, 7] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engage-lint-\(seed)-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", root.appendingPathComponent("Benchmarks/generate_profiles.py").path, "100", folder.path, "--seed", "\(seed)"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "the synthetic profile generator failed")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".xml") {
                profiles.append(Profile(name: "seed \(seed)/\(name)", text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
            }
        }
        return profiles
    }

    /// Every lint finding of every document of `profiles`, rendered with the shipped templates.
    static func findings(in profiles: [Profile]) throws -> [(profile: String, document: String, finding: DocumentLint.Finding)] {
        let root = try #require(ProfileFixtures.repositoryRoot())
        let sources = try TemplateSources(folder: root.appendingPathComponent("Templates"))
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let results = LockedResults()
        // Rendered with the sample firm, whose service standard brings the relationship
        // sections in; the samples also in the internal edition, which says more of it.
        let firmPath = root.appendingPathComponent("Samples/halden-partners/firm.xml").path
        let firmLoad = FirmLoader.load(fileAt: firmPath, embeddingFiles: false)
        let firm = try #require(firmLoad.firm.flatMap { firm in firmLoad.root.map { FirmSource(firm: firm, root: $0, path: firmPath) } })
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard let renderer = try? PackDocumentBuilder(sources: sources) else {
                results.fail("the shipped templates do not compile")
                return
            }
            for index in stride(from: worker, to: profiles.count, by: workers) {
                let profile = profiles[index]
                let loaded = ProfileLoader.load(bytes: Array(profile.text.utf8), fileName: profile.name)
                guard let model = loaded.profile, let modelRoot = loaded.root else {
                    results.fail("\(profile.name) does not load: \(loaded.diagnostics.map(\.formatted))")
                    continue
                }
                do {
                    let lint = DocumentLint(ids: DocumentLint.ids(inProfile: profile.text))
                    let editions: [DocumentEdition] = profile.name.hasPrefix("seed ") ? [.client] : [.client, .internal]
                    let documents = try editions.flatMap { edition in
                        try renderer.render(EngagementModel(profile: model, root: modelRoot, edition: edition, firm: firm)).map { (edition, $0) }
                    }
                    for (edition, document) in documents {
                        let people = model.stakeholders.map(\.name)
                        let blocks = DocumentLint.blocks(of: document.draft)
                        let method = DocumentLint.foreignMethods(
                            in: blocks, method: MethodFigures(method: model.method), optimismBias: model.appraisal?.optimismBias ?? 0)
                        for finding in lint.findings(in: blocks) + DocumentLint.unusedGlossaryTerms(in: document.draft)
                            // The internal edition names engagement levels on purpose.
                            + (edition == .client ? DocumentLint.engagementLabels(in: document.draft, people: people) : []) + method
                            + DocumentLint.summaryFindings(in: document.draft)
                        {
                            results.add((profile.name, document.kind.rawValue, finding))
                        }
                    }
                } catch {
                    results.fail("\(profile.name) does not render: \(error)")
                }
            }
        }
        let (findings, failures) = results.values()
        #expect(failures.isEmpty, "\(failures)")
        return findings.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    private final class LockedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var findings: [(String, String, DocumentLint.Finding)] = []
        private var failures: [String] = []

        func add(_ finding: (String, String, DocumentLint.Finding)) {
            lock.lock()
            defer { lock.unlock() }
            findings.append(finding)
        }

        func fail(_ message: String) {
            lock.lock()
            defer { lock.unlock() }
            failures.append(message)
        }

        func values() -> ([(String, String, DocumentLint.Finding)], [String]) {
            lock.lock()
            defer { lock.unlock() }
            return (findings, failures)
        }
    }
}
