import EngagementCore
import Foundation
import Testing
import XMLSupport

/// Exact decimals, without the binary rounding of a floating-point literal.
private func decimal(_ text: String) throws -> Decimal {
    try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
}

@Suite("Profile decoding")
struct ProfileDecodingTests {
    private func northgate() throws -> ClientProfile {
        let result = ProfileLoader.load(fileAt: try ProfileFixtures.samplePath("northgate-hospitals.xml"))
        return try #require(result.profile, "\(result.diagnostics.map(\.formatted))")
    }

    @Test("The Northgate sample decodes its identity and counts of each part")
    func northgateDecodesIdentityAndCounts() throws {
        let profile = try northgate()
        #expect(profile.id == "northgate-hospitals")
        #expect(profile.identity.name == "Northgate Hospitals")
        #expect(profile.identity.legalName == "Northgate Hospitals NHS Foundation Trust")
        #expect(profile.identity.sectorCode == "86.10")
        #expect(profile.identity.sectorLabel == "Hospital activities (NHS acute foundation trust)")
        #expect(profile.identity.country == "GB")
        #expect(profile.identity.currency == "GBP")
        #expect(profile.identity.employees == 7850)
        #expect(profile.identity.revenue == 712_400_000)
        #expect(profile.mission.hasPrefix("To provide safe, timely and compassionate hospital care"))
        #expect(profile.values.map(\.id) == ["val-compassion", "val-timely", "val-partnership", "val-improvement", "val-openness"])
        #expect(profile.values.first?.behaviours.count == 3)
        #expect(profile.values.first?.priority == 1)
        #expect(profile.stakeholders.count == 15)
        #expect(profile.stakeholders.last?.side == .thirdParty)
        #expect(profile.method == ClientProfile.Method(sector: .public, governance: .prince2Board))
        #expect(profile.goals.count == 5)
        #expect(profile.expectations.count == 8)
        #expect(profile.segments.count == 4)
        #expect(profile.measurements.count == 48)
        #expect(profile.options.count == 3)
        #expect(profile.risks.count == 6)
        #expect(profile.changeImpacts.count == 5)
        #expect(profile.communication?.preferences.count == 11)
        #expect(profile.communication?.escalation.count == 4)
        #expect(profile.reviews?.reviews.count == 6)
        #expect(profile.raci.count == 7)
    }

    @Test("The Northgate journey has the five stages in order with their touchpoints")
    func northgateJourneyHasFiveStagesInOrder() throws {
        let profile = try northgate()
        #expect(profile.journey.map(\.name) == [.discovery, .consideration, .conversion, .retention, .advocacy])
        #expect(profile.journey.map(\.touchpoints.count) == [3, 2, 3, 4, 3])
        let conversion = try #require(profile.journey.first { $0.name == .conversion })
        let booking = try #require(conversion.touchpoints.first)
        #expect(booking.id == "tp-booking-call")
        #expect(booking.channel == "phone")
        #expect(booking.owner == "sh-booking-team-lead")
        #expect(booking.frequency == "P1D")
        #expect(booking.serves == ["exp-call-answer", "exp-dna-rate"])
        #expect(booking.emotionalScore == -1)
        #expect(booking.objectiveScore == 42)
        #expect(booking.responses == 1265)
        #expect(booking.painPoints.count == 2)
        #expect(booking.opportunities.count == 2)
    }

    @Test("The Northgate sponsor and its RTT expectation decode with every attribute")
    func northgateSponsorAndExpectationDecodeEveryAttribute() throws {
        let profile = try northgate()
        #expect(profile.stakeholders.filter(\.isSponsor).map(\.id) == ["sh-coo"])
        let coo = try #require(profile.stakeholders.first { $0.id == "sh-coo" })
        #expect(coo.side == .client)
        #expect(coo.level == .executive)
        #expect(coo.influence == 5 && coo.interest == 5)
        #expect(coo.currentEngagement == .supportive && coo.desiredEngagement == .leading)
        #expect(coo.channel == "in-person" && coo.frequency == "P14D")

        let rtt = try #require(profile.expectations.first)
        #expect(rtt.id == "exp-rtt-18wk")
        #expect(rtt.stakeholder == "sh-coo")
        #expect(rtt.goal == "goal-rtt-recovery")
        #expect(rtt.unit == "%")
        #expect(rtt.baseline == (try decimal("58.4")))
        #expect(rtt.target == 66)
        #expect(rtt.threshold == 63)
        #expect(rtt.direction == .higherIsBetter)
        #expect(rtt.due == ProfileDate(year: 2027, month: 3, day: 31))
        #expect(profile.expectations.filter { $0.direction == .lowerIsBetter }.count == 5)

        let goal = try #require(profile.goals.first)
        #expect(goal.serves == ["val-timely", "val-openness"])
        #expect(goal.due == ProfileDate(year: 2027, month: 8, day: 31))
    }

    @Test("The Northgate loyalty, measurements, appraisal and options decode")
    func northgateFiguresDecode() throws {
        let profile = try northgate()
        let loyalty = try #require(profile.loyalty)
        #expect(loyalty.from == ProfileDate(year: 2026, month: 5, day: 1))
        #expect(loyalty.to == ProfileDate(year: 2026, month: 10, day: 31))
        #expect(loyalty.promoters == 3120 && loyalty.passives == 1410 && loyalty.detractors == 1290)
        #expect(loyalty.csatCounts == [210, 340, 780, 2140, 2350])
        #expect(loyalty.cesAverage == (try decimal("3.9")))
        #expect(loyalty.cesResponses == 2480)

        let last = try #require(profile.measurements.last)
        #expect(last.expectation == "exp-complaint-response")
        #expect(last.date == ProfileDate(year: 2026, month: 11, day: 15))
        #expect(last.value == 33)

        let appraisal = try #require(profile.appraisal)
        #expect(appraisal.discountRate == (try decimal("3.5")))
        #expect(appraisal.horizon == 5)
        #expect(appraisal.optimismBias == 24)
        #expect(appraisal.baseYear == 2026)

        #expect(profile.options.map(\.kind) == [.doNothing, .doMinimum, .doSomething])
        #expect(profile.options.filter(\.isRecommended).map(\.id) == ["opt-do-something"])
        let recommended = try #require(profile.options.last)
        #expect(recommended.years.map(\.year) == [0, 1, 2, 3, 4, 5])
        #expect(recommended.benefits.map(\.isCash) == [true, true, false, false])
        #expect(recommended.disBenefits.count == 2)
        let yearOne = recommended.years[1]
        #expect(yearOne.capex == 620_000 && yearOne.opex == 560_000)
        #expect(yearOne.cashBenefits == 1_180_000 && yearOne.nonCashBenefits == 380_000 && yearOne.disBenefits == 90_000)
        // Attributes left out default to 0.
        #expect(recommended.years[2].capex == 0 && recommended.years[2].disBenefits == 0)
    }

    @Test("The Northgate commercial, change, communication, reviews and RACI parts decode")
    func northgatePlanningPartsDecode() throws {
        let profile = try northgate()
        #expect(profile.commercial?.model == "outcome-based")
        #expect(profile.commercial?.termMonths == 12)
        #expect(profile.budget?.available == 2_100_000)
        #expect(profile.budget?.source.hasPrefix("Funded from the Trust's 2026/27 elective recovery allocation") == true)

        let impact = try #require(profile.changeImpacts.first)
        #expect(impact.id == "ci-patient-access-centre")
        #expect(impact.headcount == 64)
        #expect(impact.degrees == [4, 4, 3, 3, 2, 1])
        #expect(impact.adkar == [4, 3, 2, 2, 2])
        #expect(impact.resistance == "medium")

        let preferences = try #require(profile.communication?.preferences)
        let coo = try #require(preferences.first { $0.id == "pref-coo" })
        #expect(coo.stakeholder == "sh-coo" && coo.format == "steering-briefing")
        #expect(coo.summaryWithinDays == 2 && coo.updateEvery == "P7D")
        #expect(preferences.first { $0.id == "pref-opd-nurse" }?.summaryWithinDays == nil)
        #expect(profile.communication?.escalation.map(\.within) == ["P3D", "P7D", "P14D", "P1M"])

        let reviews = try #require(profile.reviews)
        #expect(reviews.cadence == "P1M")
        #expect(reviews.kickOff == ProfileDate(year: 2026, month: 9, day: 1))
        #expect(reviews.reviews.first?.id == "rev-mobilisation")
        #expect(reviews.reviews.map(\.date) == reviews.reviews.map(\.date).sorted())

        let diagnostic = try #require(profile.raci.first)
        #expect(diagnostic.name == "Outpatient journey diagnostic and baseline of expectations")
        #expect(diagnostic.responsible == ["sh-engagement-manager", "sh-analyst"])
        #expect(diagnostic.accountable == "sh-engagement-partner")
        #expect(diagnostic.consulted == ["sh-outpatient-mgr", "sh-rtt-lead", "sh-pals-lead"])
        #expect(diagnostic.informed == ["sh-coo"])
    }

    @Test("The minimal profile leaves optional parts empty or nil")
    func minimalProfileHasNoOptionalParts() throws {
        let profile = try #require(ProfileFixtures.load(ProfileFixtures.minimal).profile)
        #expect(profile.identity.name == "Acme Tools")
        #expect(profile.identity.currency == "EUR")
        #expect(profile.identity.legalName == nil && profile.identity.employees == nil && profile.identity.revenue == nil)
        #expect(profile.vision == nil)
        #expect(profile.goals.isEmpty && profile.segments.isEmpty && profile.measurements.isEmpty)
        #expect(profile.options.isEmpty && profile.risks.isEmpty && profile.changeImpacts.isEmpty && profile.raci.isEmpty)
        #expect(profile.loyalty == nil && profile.appraisal == nil && profile.commercial == nil)
        #expect(profile.budget == nil && profile.communication == nil && profile.reviews == nil)
        #expect(profile.expectations.first?.baseline == nil)
        #expect(profile.expectations.first?.goal == nil)
        #expect(profile.journey.map(\.goal) == ["Be found.", "Be compared.", "Be chosen.", "Be kept.", "Be recommended."])
        #expect(profile.journey[0].touchpoints.first?.serves == ["exp-uptime"])
        #expect(profile.journey[1].touchpoints.first?.serves == [])
        #expect(profile.journey[1].touchpoints.first?.responses == nil)
    }

    @Test("Prose is read with its line breaks and runs of spaces collapsed")
    func proseWhitespaceIsCollapsed() throws {
        let text = try ProfileFixtures.minimal([
            .replace("<mission>Make tools that last.</mission>", with: "<mission>\n    Make tools\n    that   last.\n  </mission>")
        ])
        let profile = try #require(ProfileFixtures.load(text).profile)
        #expect(profile.mission == "Make tools that last.")
    }

    @Test("Option years are decoded in year order whatever their order in the file")
    func optionYearsAreSortedByYear() throws {
        let text = try ProfileFixtures.minimal([
            .afterJourney(ProfileFixtures.appraisalAndOptions),
            .replace(
                "      <year n=\"0\" capex=\"50000\"/>\n      <year n=\"1\" opex=\"5000\" cash-benefits=\"30000\"/>",
                with: "      <year n=\"1\" opex=\"5000\" cash-benefits=\"30000\"/>\n      <year n=\"0\" capex=\"50000\"/>"),
        ])
        let result = ProfileFixtures.load(text)
        let profile = try #require(result.profile, "\(result.diagnostics.map(\.formatted))")
        let portal = try #require(profile.options.first { $0.id == "opt-portal" })
        #expect(portal.years.map(\.year) == [0, 1])
        #expect(portal.years.map(\.capex) == [50_000, 0])
        #expect(portal.years.map(\.cashBenefits) == [0, 30_000])
        #expect(portal.isRecommended)
        #expect(profile.options.first?.isRecommended == false)
    }

    @Test("Diagnostics carry the display name given instead of the path")
    func displayNameIsUsedInDiagnostics() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("profile-decoding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.xml")
        try ProfileFixtures.minimal([.replace("influence=\"5\"", with: "influence=\"7\"")]).write(to: file, atomically: true, encoding: .utf8)

        let named = ProfileLoader.load(fileAt: file.path, displayName: "clients/acme.xml")
        #expect(named.diagnostics.map(\.formatted).first?.hasPrefix("clients/acme.xml:14:5: error: ") == true)
        let unnamed = ProfileLoader.load(fileAt: file.path)
        #expect(unnamed.diagnostics.first?.file == file.path)
    }
}
