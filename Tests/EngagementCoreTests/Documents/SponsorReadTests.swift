import EngagementCore
import Foundation
import Testing

/// Sentences a sponsor's read of the Harbourside and Northgate packs found wrong (the
/// reviews of 7 December 2026), each checked in the rendered text of a shipped sample so
/// that the old wording cannot come back.
@Suite("Sponsor read of the samples")
struct SponsorReadTests {
    static let harbourside: [DocumentKind: String] = rendered("harbourside-catering.xml")
    static let northgate: [DocumentKind: String] = rendered("northgate-hospitals.xml")

    static func rendered(_ sample: String) -> [DocumentKind: String] {
        guard let profile = try? DocumentWordingTests.sample(sample),
            let blocks = try? DocumentWordingTests.blocks(of: profile, name: sample)
        else { return [:] }
        return blocks.mapValues { $0.joined(separator: "\n") }
    }

    @Test("Status counts leave out the statuses nobody is in")
    func statusCountsWithoutZeros() throws {
        let strategy = try #require(Self.harbourside[.strategy])
        #expect(strategy.contains("Across 7 key results: 2 on track, 4 at risk and 1 missed."))
        #expect(strategy.contains("measured by 7 key results: 2 on track, 4 at risk and 1 missed as at 30 November 2026."))
        #expect(strategy.contains("scored as likelihood times impact on a scale of 1 to 25: 3 rated high and 5 medium. Two share the highest score, 16,"))
        for document in Self.harbourside.values {
            #expect(!document.contains("0 met"))
            #expect(!document.contains("0 not yet measured"))
            #expect(!document.contains("0 low"))
        }
    }

    @Test("Counts of people are grouped by thousands and sentences start with words")
    func countsReadAsProse() throws {
        let change = try #require(Self.harbourside[.changeManagement])
        #expect(change.contains("3,874 people in 6 groups"))
        #expect(change.contains("at awareness, four groups (3,808 people); at desire, Account managers and regional operations managers (52 people)"))
        // 3,860 of 3,874 is 99.6%: never rounded up to "all".
        #expect(change.contains("3,860 of the 3,874 people affected (99%)"))
        let strategy = try #require(Self.harbourside[.strategy])
        #expect(strategy.contains("Nine of the 14 touchpoints fall below standard."))
        #expect(strategy.contains("Five touchpoints, with a mean objective score of 46.8"))
        #expect(strategy.contains("Two touchpoints, with a mean objective score of 50.5 and a mean emotional score of -0.5; both are below standard."))
        let communication = try #require(Self.harbourside[.communication])
        #expect(communication.contains("(2,640 people)"))
    }

    @Test("A touchpoint below standard says so once, by name, without repeating the standard")
    func priorityLine() throws {
        let strategy = try #require(Self.harbourside[.strategy])
        #expect(strategy.contains("Priority. Tender and renewal proposal is below standard: it scores under the pass mark of 60."))
        #expect(!strategy.contains("falls short of the standard: it performs below"))
    }

    @Test("A business case written after the kick-off asks to re-confirm the programme at the next review")
    func reconfirmMidEngagement() throws {
        let business = try #require(Self.harbourside[.businessCase])
        #expect(business.contains("We recommend that Harbourside Catering Group plc continues with the recommended option"))
        #expect(business.contains("are asked to re-confirm the recommended option, under way since the kick-off on 1 September 2026, at the review of 15 December 2026,"))
        #expect(!business.contains("approves the recommended option"))
    }

    @Test("The payback year says where in the year the payback falls, and cash payback is given when it differs")
    func paybackInTheYear() throws {
        let northgate = try #require(Self.northgate[.businessCase])
        // 2.03 years: the cumulative net turns positive early in year 3.
        #expect(northgate.contains("pay back its costs 2.0 years after the spending at the outset, early in year 3 (2029)"))
        let harbourside = try #require(Self.harbourside[.businessCase])
        // 0.96 years: late in year 1; on cash alone the cumulative net cash is -£110,000 after year 1.
        #expect(harbourside.contains("1.0 years after the spending at the outset, late in year 1 (2027)"))
        #expect(harbourside.contains("Counting only the cash-releasing benefits, the cumulative cash turns positive in year 2 (2028)."))
        // Doing nothing costs nothing: its payback is a dash, not "within year 0".
        #expect(!harbourside.contains("within year 0"))
    }

    @Test("Every expectation that falls due on the first test date is named")
    func firstTestNamesAllDue() throws {
        let change = try #require(Self.harbourside[.changeManagement])
        #expect(change.contains("The first test comes on 31 March 2027, when three expectations fall due together: Joanne Whitlock’s quarterly business reviews on time (79% against a target of 95%), Siobhan Kearney’s ward meal service on time (91.6% against a target of 97%) and Marcus Adeyemi’s complaint closure time (5.3 days against a target of 3 days)."))
        #expect(change.contains("Set the reviews that will judge what falls due after it: four expectations, the last due 30 September 2027."))
    }

    @Test("Advice to change groups is written for each group, and never about 'the staff who serve them'")
    func changeGroupAdvice() throws {
        let change = try #require(Self.harbourside[.changeManagement])
        #expect(!change.contains("the staff who serve them"))
        #expect(change.contains("Awareness scores 3 out of 5: these 298 people do not yet accept why the change is needed."))
        #expect(change.contains("with resistance high, they start by listening to what the group expects to lose"))
        #expect(change.contains("Five of the six groups are not ready for formal training yet, because they stall at awareness or desire:"))
        #expect(change.contains("Accountable for hybrid-working menus, labour rotas and pre-ordering in Business and Industry"))
    }

    @Test("The communication plan reports statuses by stage, tells a missed expectation to those who hold it, and names each audience's own leader")
    func communicationWording() throws {
        let communication = try #require(Self.harbourside[.communication])
        #expect(communication.contains("The discovery touchpoints serve 3 expectations: 2 at risk and 1 on track."))
        #expect(communication.contains("The consideration touchpoints serve 2 expectations, all at risk."))
        #expect(!communication.contains("met or not yet measured"))
        #expect(!communication.contains("Say plainly at the"))
        #expect(!communication.contains("Communicate first about"))
        #expect(communication.contains("Say so first, in every report and briefing to the people who hold or lead it"))
        // Reporting lines: each audience hears from its own leader.
        #expect(communication.contains("Their own leaders: Siobhan Kearney, Tomasz Nowak and Dean Whitfield"))
        #expect(communication.contains("Through Fiona Gallacher, who answers within a week"))
        // No stage is longer than four weeks, so there is no interim note to promise.
        #expect(!communication.contains("Where a stage runs longer than four weeks"))
    }

    @Test("A public body's money is its income, and its segments are the services they pay for")
    func publicSectorWording() throws {
        let strategy = try #require(Self.northgate[.strategy])
        #expect(strategy.contains("Where the income comes from"))
        #expect(strategy.contains("the services they pay for must not get worse"))
        #expect(!strategy.contains("revenue"))
        let business = try #require(Self.northgate[.businessCase])
        #expect(business.contains("The programme also protects the core of its work:"))
        let harbourside = try #require(Self.harbourside[.strategy])
        #expect(harbourside.contains("Where the revenue comes from"))
    }

    @Test("A stage the client names in its own words is called so in every document, its standard name kept out of the text")
    func stageLabels() throws {
        let strategy = try #require(Self.northgate[.strategy])
        #expect(strategy.contains("It is weakest at the booking stage, with a mean objective score of 53.0 out of 100"))
        #expect(strategy.contains("Fix the booking stage first."))
        #expect(strategy.contains("(clinic visit, owned by Grace Mensah; objective score 54"))
        let communication = try #require(Self.northgate[.communication])
        #expect(communication.contains("starting where it is weakest: the booking stage."))
        #expect(communication.contains("The booking touchpoints serve 2 expectations"))
        let business = try #require(Self.northgate[.businessCase])
        #expect(business.contains("Booking (weakest)"))
        for (kind, document) in Self.northgate {
            for standard in ["conversion stage", "retention stage", "(conversion,", "(retention,", "(advocacy,", "(discovery,", "(consideration,"] {
                #expect(!document.contains(standard), "\(kind): \(standard)")
            }
        }
        // Without labels, the standard names stay.
        #expect(try #require(Self.harbourside[.strategy]).contains("It is weakest at the retention stage"))
    }

    @Test("The benefits owner is named where the benefits are decided and reported, whatever their quadrant")
    func benefitsOwner() throws {
        let business = try #require(Self.harbourside[.businessCase])
        #expect(business.contains("to agree, with Jonathan Pryce as benefits owner, that its cash-releasing benefits are recycled into it"))
        let communication = try #require(Self.harbourside[.communication])
        #expect(communication.contains("As benefits owner, the benefits realised against the yearly profile in the business case, and which cash-releasing benefits are ready to be recycled into the programme."))
        let strategy = try #require(Self.northgate[.strategy])
        #expect(strategy.contains("The exception is Mark Ellison, who as benefits owner reports the benefits at every review."))
    }

    @Test("Document control says as at when the figures were taken, and who answers questions about them")
    func documentControl() throws {
        let strategy = try #require(Self.northgate[.strategy])
        #expect(strategy.contains("Figures as at\n15 November 2026"))
        #expect(strategy.contains("Questions about a figure go to Tom Ashworth, quoting the revision and the reference."))
    }
}
