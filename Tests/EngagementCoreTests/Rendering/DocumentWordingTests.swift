import EngagementCore
import Foundation
import Testing
import XMLSupport

/// Sentences of the shipped templates whose wording depends on the data, rendered from
/// edited samples and checked against what the figures say.
@Suite("Document wording")
struct DocumentWordingTests {
    /// The text blocks of each document of `profile` (its XML), rendered with the shipped templates.
    static func blocks(
        of profile: String, name: String, edition: DocumentEdition = .client, renderer: PackDocumentBuilder? = nil
    ) throws -> [DocumentKind: [String]] {
        let renderer = try renderer ?? Self.renderer()
        let loaded = ProfileLoader.load(bytes: Array(profile.utf8), fileName: name)
        let model = EngagementModel(
            profile: try #require(loaded.profile, "\(loaded.diagnostics)"), root: try #require(loaded.root), edition: edition)
        var blocks: [DocumentKind: [String]] = [:]
        for document in try renderer.render(model) { blocks[document.kind] = DocumentLint.blocks(of: document.draft) }
        return blocks
    }

    /// Each document of `profile` as rendered.
    static func documents(
        of profile: String, name: String, edition: DocumentEdition, renderer: PackDocumentBuilder
    ) throws -> [DocumentKind: XMLOutputElement] {
        let loaded = ProfileLoader.load(bytes: Array(profile.utf8), fileName: name)
        let model = EngagementModel(
            profile: try #require(loaded.profile, "\(loaded.diagnostics)"), root: try #require(loaded.root), edition: edition)
        return Dictionary(uniqueKeysWithValues: try renderer.render(model).map { ($0.kind, $0.draft) })
    }

    /// The `<section id="ID">` of `root`, searched depth first.
    static func section(_ id: String, of root: XMLOutputElement) -> XMLOutputElement? {
        if root.name == "section", root.attributes["id"] == id { return root }
        for child in root.elements {
            if let found = section(id, of: child) { return found }
        }
        return nil
    }

    /// A renderer of the shipped templates (Templates/ of the checkout).
    static func renderer() throws -> PackDocumentBuilder {
        let root = try #require(ProfileFixtures.repositoryRoot())
        return try PackDocumentBuilder(sources: try TemplateSources(folder: root.appendingPathComponent("Templates")))
    }

    static func sample(_ name: String) throws -> String {
        let root = try #require(ProfileFixtures.repositoryRoot())
        return try String(contentsOf: root.appendingPathComponent("Samples/\(name)"), encoding: .utf8)
    }

    // Consultant review, strategy 1: the portal (felt +2, scaled to 100; measured 36) was
    // said to perform better than people feel about it, because the template compared
    // with an attribute the touchpoint's figures did not have.
    @Test("A touchpoint's gap between feeling and performance is worded in the direction of the gap, both ways")
    func scoreGapFollowsItsDirection() throws {
        var profile = try Self.sample("northgate-hospitals.xml")
        let letter = #"id="tp-clinic-letter" channel="email" owner="sh-clinical-director" frequency="P1D" serves="exp-fft-opd" emotional="0" objective="52""#
        #expect(profile.contains(letter))
        profile = profile.replacingOccurrences(of: letter, with: letter.replacingOccurrences(of: #"emotional="0" objective="52""#, with: #"emotional="-2" objective="85""#))
        let strategy = try #require(try Self.blocks(of: profile, name: "northgate-edited.xml")[.strategy]).joined(separator: "\n")
        // Portal: felt (+2 → 100) above measured (36).
        #expect(strategy.contains("people feel better about it than it performs (a gap of 64 points)"))
        // Clinic letter: felt (−2 → 0) below measured (85).
        #expect(strategy.contains("it performs better than people feel about it (a gap of 85 points)"))
        #expect(!strategy.contains("it performs better than people feel about it (a gap of 64 points)"))
    }

    @Test("A profile with one stakeholder and one touchpoint per stage gets sentences in the singular")
    func singularCounts() throws {
        let documents = try Self.blocks(of: ProfileFixtures.minimal, name: "minimal-profile.xml", edition: .internal)
        let all = documents.values.flatMap { $0 }.joined(separator: "\n")
        #expect(all.contains("The one stakeholder at Acme Tools is placed on the influence/interest grid"))
        #expect(all.contains("whose only touchpoint scores 40 out of 100 on objective measures, and it is a gap."))
        #expect(all.contains("The one stakeholder still needs to move at least one step"))
        // Without an appraisal the glossary has no NPV to define ("discounted at – a year").
        #expect(!all.contains("NPV"))
        #expect(!all.contains("stakeholders whose engagement falls short"))
    }
}

extension DocumentWordingTests {
    // Consultant review: "54% were promoters and 22% detractors, a net promoter score
    // (NPS) of +31": a reader subtracts and gets 32.
    @Test("The promoter and detractor percentages a business case shows subtract to its NPS, for every sample and 40 synthetic profiles")
    func npsAddsUp() throws {
        let sentence = try NSRegularExpression(pattern: #"([0-9.]+)% were promoters and ([0-9.]+)% detractors, a net promoter score \(NPS\) of ([+−]?[0-9]+)"#)
        var checked = 0
        let renderer = try Self.renderer()
        for profile in try LintCorpus.profiles().prefix(ProfileFixtures.sampleNames.count + 41) {
            guard let text = try Self.blocks(of: profile.text, name: profile.name, renderer: renderer)[.businessCase]?.joined(separator: "\n"),
                let match = sentence.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
            else { continue }
            let number = { (group: Int) in Double((text as NSString).substring(with: match.range(at: group)).replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "")) ?? .nan }
            let (promoters, detractors, nps) = (number(1), number(2), number(3))
            #expect(abs(promoters - detractors - nps) <= 0.5 + 1e-9, "\(profile.name): \(promoters)% − \(detractors)% against NPS \(nps)")
            checked += 1
        }
        #expect(checked > 20)
    }
}

extension DocumentWordingTests {
    // Consultant review, business case 2: "pay back its costs after 2.0 years" while the
    // cash table was still negative at the end of 2028; the convention was never stated.
    @Test("The payback headline names its basis and the calendar year it falls in")
    func paybackHeadlineStatesItsYear() throws {
        let blocks = try #require(try Self.blocks(of: try Self.sample("northgate-hospitals.xml"), name: "northgate-hospitals.xml")[.businessCase])
        let text = blocks.joined(separator: "\n")
        // Cumulative net (all benefits, optimism bias on costs) first ends a year at or above
        // zero in year 3; year 0 is 2026.
        #expect(text.contains("Its benefits, cash and non-cash, pay back its costs 2.0 years after the spending at the outset, early in year 3 (2029) of the appraisal, undiscounted"))
        #expect(text.contains("so the cumulative net first turns positive in year 3 (2029), 2.0 years after the outset."))
        // And the table shows it: undiscounted running totals -2,308,800 + 6,800 = -2,302,000;
        // + 2,236,800 = -65,200 at the end of 2028; + 2,463,600 = 2,398,400 at the end of 2029.
        // Payback = 2 + 65,200 / 2,463,600 = 2.03 years.
        let documents = try Self.documents(
            of: try Self.sample("northgate-hospitals.xml"), name: "northgate-hospitals.xml", edition: .client, renderer: try Self.renderer())
        let businessCase = try #require(documents[.businessCase])
        let appraisal = DocumentLint.blocks(of: try #require(Self.section("economic-appraisal", of: businessCase)))
        let year2 = try #require(appraisal.firstIndex(of: "2 (2028)"))
        let year3 = try #require(appraisal.firstIndex(of: "3 (2029)"))
        // Year | costs | benefits | net | cumulative net: the cumulative is the 4th cell after the year.
        #expect(appraisal[year2 + 4] == "-£65,200", "\(appraisal[year2...(year2 + 7)])")
        #expect(appraisal[year3 + 4] == "£2,398,400", "\(appraisal[year3...(year3 + 7)])")
    }
}

extension DocumentWordingTests {
    // Consultant review, change management 1: "Build awareness first … repeat the message
    // five to seven times across channels" word for word for four groups.
    @Test("Advice common to the groups at one barrier is given once, naming them; each group's paragraph keeps what is its own")
    func commonBarrierAdviceOnce() throws {
        let blocks = try #require(try Self.blocks(of: try Self.sample("northgate-hospitals.xml"), name: "northgate-hospitals.xml")[.changeManagement])
        let text = blocks.joined(separator: "\n")
        #expect(text.components(separatedBy: "repeat the message five to seven times across channels").count == 2)
        #expect(blocks.contains { $0.hasPrefix("Awareness (Consultants and specialty doctors running outpatient clinics; Medical secretaries and clinic letter typists): Daniel Okafor, as sponsor, explains why Northgate Hospitals must change") })
        #expect(text.components(separatedBy: "Build awareness first.").count == 3, "one paragraph for each of the two groups at awareness")
        // The sponsor's case is made once, in the common advice, not pasted for each group.
        #expect(text.components(separatedBy: "as sponsor, explains why Northgate Hospitals must change").count == 2)
    }

    // Business case: "No pain point has been recorded for it yet." once per touchpoint.
    @Test("Touchpoints without a pain point are counted once after the list, not excused one by one")
    func missingPainPointsSaidOnce() throws {
        let text = try #require(try Self.blocks(of: ProfileFixtures.minimal, name: "minimal-profile.xml")[.businessCase]).joined(separator: "\n")
        #expect(!text.contains("No pain point has been recorded for it yet."))
        #expect(text.contains("No pain point has been recorded for any of them yet: what goes wrong there is the first thing to find out."))
    }
}

extension DocumentWordingTests {
    // Consultant review: a value shown under three names (its id in words, its statement,
    // "Priority 2"). A value's <name> is what every document calls it.
    @Test("A named value is called by its name in every document that names it, and by nothing shorter")
    func valuesKeepTheirName() throws {
        let documents = try Self.blocks(of: try Self.sample("northgate-hospitals.xml"), name: "northgate-hospitals.xml")
        let bare = try NSRegularExpression(pattern: #"\bTimely\b(?! care)"#)
        for kind in [DocumentKind.businessCase, .strategy, .communication] {
            let text = try #require(documents[kind]).joined(separator: "\n")
            #expect(text.contains("Timely care"), "\(kind)")
            #expect(bare.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(kind) calls the value 'Timely'")
        }
        let businessCase = try #require(documents[.businessCase]).joined(separator: "\n")
        #expect(businessCase.contains("Priority 2: Timely care. We treat patients' time as precious"))
    }
}

extension DocumentWordingTests {
    // Consultant review, business case 3: "Of the eight expectations Daniel Okafor's team
    // set", though the Chief Nurse's and the Clinical Director's are not his team's.
    @Test("Expectations held by several people are not credited to the sponsor's team")
    func expectationsBelongToTheirHolders() throws {
        let documents = try Self.blocks(of: try Self.sample("northgate-hospitals.xml"), name: "northgate-hospitals.xml")
        let all = documents.values.flatMap { $0 }.joined(separator: "\n")
        #expect(!all.contains("’s team set"))
        #expect(try #require(documents[.businessCase]).joined().contains("Of the eight expectations Northgate Hospitals’ people hold for this engagement"))
        let minimal = try Self.blocks(of: ProfileFixtures.minimal, name: "minimal-profile.xml")
        #expect(try #require(minimal[.businessCase]).joined().contains("The one expectation Ann Lee holds for this engagement"))
    }

    // Consultant review, strategy 2: named people labelled "resistant" and "not yet on
    // board" in a document they are asked to sign, and the provider's own staff managed as
    // stakeholders. The lint's engagement-label rule checks the client edition of the
    // whole corpus; this checks both editions of one sample, sentence by sentence.
    @Test("The client edition keeps the team's assessments and the provider's staff out; the internal edition keeps the assessments")
    func editions() throws {
        let profile = try Self.sample("northgate-hospitals.xml")
        let renderer = try Self.renderer()
        let client = try Self.blocks(of: profile, name: "northgate.xml", edition: .client, renderer: renderer)
        let internalEdition = try Self.blocks(of: profile, name: "northgate.xml", edition: .internal, renderer: renderer)
        let clientText = client.values.flatMap { $0 }.joined(separator: "\n")
        let internalText = internalEdition.values.flatMap { $0 }.joined(separator: "\n")
        for assessment in ["influential but not yet on board", "is resistant and needs to be supportive", "Engagement now → needed"] {
            #expect(!clientText.contains(assessment), "\(assessment)")
            #expect(internalText.contains(assessment), "\(assessment)")
        }
        #expect(clientText.contains("Internal edition") == false)
        #expect(internalText.contains("Internal edition. For the engagement team only"))
        // Aisha Begum and Tom Ashworth are the provider's consultants: never an audience to
        // manage, in either edition ("2 stakeholders have no agreed preference: Tom Ashworth").
        for text in [clientText, internalText] {
            #expect(!text.contains("have no agreed preference: Tom Ashworth"))
            #expect(!text.contains("in the provider team"))
        }
        // Nor among the people the calendar's progress updates go to.
        let communication = try #require(try Self.documents(of: profile, name: "northgate.xml", edition: .client, renderer: renderer)[.communication])
        let calendar = DocumentLint.blocks(of: try #require(Self.section("touchpoint-calendar", of: communication))).joined(separator: "\n")
        for provider in ["Claire Donovan", "Tom Ashworth", "Aisha Begum"] { #expect(!calendar.contains(provider), "\(provider)") }
        // Nor a row or an entry of the lists of people the plans manage.
        let managed: [(DocumentKind, String)] = [(.strategy, "buy-in"), (.communication, "stakeholder-requirements"), (.communication, "communication-matrix")]
        for edition in DocumentEdition.allCases {
            let documents = try Self.documents(of: profile, name: "northgate.xml", edition: edition, renderer: renderer)
            for (kind, section) in managed {
                let document = try #require(documents[kind])
                let blocks = DocumentLint.blocks(of: try #require(Self.section(section, of: document)))
                #expect(blocks.contains { $0.contains("Fiona McLeod") }, "\(edition) \(section) lists the client's people")
                // A person listed: a cell or entry that starts "Name (role" or "Name:", or
                // a name cell of the buy-in tables. The matrix's sender cell ("Tom
                // Ashworth") is not a listing of the audience.
                let provider = blocks.filter { block in
                    ["Aisha Begum", "Tom Ashworth", "Claire Donovan"].contains {
                        block.hasPrefix($0 + " (") || block.hasPrefix($0 + ":") || (section == "buy-in" && block == $0)
                    }
                }
                #expect(provider.isEmpty, "\(edition) \(section): \(provider)")
            }
        }
    }

    // Consultant review: Green Book and PRINCE2 named for clients that use neither. The
    // lint's foreign-method rule checks the absence over the corpus; this checks that each
    // method, where it applies, is named.
    @Test("Each sample's business case names the method its profile gives, and only that one")
    func methodFollowsTheProfile() throws {
        let renderer = try Self.renderer()
        let northgate = try #require(try Self.blocks(of: try Self.sample("northgate-hospitals.xml"), name: "n.xml", renderer: renderer)[.businessCase])
            .joined(separator: "\n")
        #expect(northgate.contains("Following the Green Book, every option is set against the counterfactual"))
        #expect(northgate.contains("The programme is governed by a PRINCE2 project board."))
        #expect(northgate.contains("with costs raised by 24% for optimism bias"))
        let meridian = try #require(try Self.blocks(of: try Self.sample("meridian-aerostructures.xml"), name: "m.xml", renderer: renderer)[.businessCase])
            .joined(separator: "\n")
        #expect(meridian.contains("discounted at 8% a year (the cost of capital)"))
        #expect(meridian.contains("The programme is governed by a steering committee."))
        for foreign in ["Green Book", "PRINCE2", "optimism bias", "Optimism bias"] { #expect(!meridian.contains(foreign), "\(foreign)") }
        // Its options are on an incremental basis: what doing nothing means is described,
        // not valued, and the recommendation's NPV is what it adds.
        #expect(meridian.contains("On this basis doing nothing has no costs or benefits of its own: the other options’ flows are their differences from it. What it would mean is described, not valued:"))
        #expect(meridian.contains("over carrying on as today (its flows are its differences from doing nothing)"))
        // Vale: private, with the allowance its board asked for, and no Green Book.
        let vale = try #require(try Self.blocks(of: try Self.sample("vale-growers-cooperative.xml"), name: "v.xml", renderer: renderer)[.businessCase])
            .joined(separator: "\n")
        #expect(vale.contains("with costs raised by 20% for optimism bias"))
        #expect(vale.contains("a correction for the tendency of appraisals to underestimate costs"))
        #expect(!vale.contains("Green Book"))
    }
}
