import Foundation
import XMLSupport

/// Builds a ``ClientProfile`` from an element tree that has passed validation.
///
/// Validation has already explained every problem to the user; a failure here means a
/// gap between the schema and this decoder, reported as a diagnostic at the element.
struct ProfileDecoder {
    struct Failure: Error {
        var element: SourceElement
        var message: String
    }

    static func decode(_ root: SourceElement) throws -> ClientProfile {
        let client = Reader(root)
        let identity = try client.child("identity")
        let sector = identity.optionalChild("sector")
        return ClientProfile(
            id: try client.string("id"),
            identity: .init(
                name: try identity.text("name"),
                legalName: identity.optionalText("legal-name"),
                sectorCode: try sector?.string("code"),
                sectorLabel: sector?.content,
                country: identity.optionalText("country"),
                currency: try identity.text("currency"),
                employees: try identity.optionalChild("employees").map { try $0.integerContent() },
                revenue: try identity.optionalChild("revenue").map { try $0.decimalContent() }),
            mission: try client.text("mission"),
            vision: client.optionalText("vision"),
            values: try client.list("values", "value") { value in
                .init(
                    id: try value.string("id"), name: value.optionalText("name"), statement: try value.text("statement"),
                    behaviours: value.texts("behaviour"), priority: try value.optionalInteger("priority"))
            },
            stakeholders: try client.list("stakeholders", "stakeholder") { person in
                .init(
                    id: try person.string("id"), name: try person.text("name"), role: try person.text("role"),
                    side: try person.enumeration("side"), level: try person.enumeration("level"),
                    influence: try person.integer("influence"), interest: try person.integer("interest"),
                    currentEngagement: try person.enumeration("current-engagement"),
                    desiredEngagement: try person.enumeration("desired-engagement"),
                    isSponsor: try person.boolean("sponsor", default: false),
                    channel: person.optionalString("channel"), frequency: person.optionalString("frequency"),
                    reportsTo: person.optionalString("reports-to"))
            },
            goals: try client.list("goals", "goal") { goal in
                .init(
                    id: try goal.string("id"), statement: try goal.text("statement"), owner: try goal.string("owner"),
                    serves: goal.identifiers("serves"), due: try goal.optionalDate("due"))
            },
            expectations: try client.list("expectations", "expectation") { expectation in
                .init(
                    id: try expectation.string("id"), statement: try expectation.text("statement"),
                    metric: try expectation.text("metric"), stakeholder: try expectation.string("stakeholder"),
                    goal: expectation.optionalString("goal"), unit: try expectation.string("unit"),
                    baseline: try expectation.optionalDecimal("baseline"), target: try expectation.decimal("target"),
                    threshold: try expectation.decimal("threshold"), direction: try expectation.enumeration("direction"),
                    due: try expectation.optionalDate("due"),
                    milestones: try expectation.children("milestone").map { milestone in
                        .init(date: try milestone.date("date"), value: try milestone.decimal("value"))
                    }.sorted { $0.date < $1.date },
                    cadence: expectation.optionalString("cadence"))
            },
            segments: try client.list("segments", "segment") { segment in
                .init(
                    id: try segment.string("id"), name: try segment.text("name"),
                    description: segment.optionalText("description"),
                    revenueShare: try segment.decimal("revenue-share"), isCore: try segment.boolean("core", default: false))
            },
            journey: try client.list("journey", "stage") { stage in
                .init(
                    name: try stage.enumeration("name"), goal: try stage.text("goal"),
                    touchpoints: try stage.children("touchpoint").map(decodeTouchpoint), label: stage.optionalString("label"))
            },
            loyalty: try client.optionalChild("loyalty").map(decodeLoyalty),
            measurements: try client.list("measurements", "measurement") { measurement in
                .init(
                    expectation: try measurement.string("expectation"), date: try measurement.date("date"),
                    value: try measurement.decimal("value"))
            },
            method: client.optionalChild("method").map { method in
                .init(
                    sector: method.optionalString("sector").flatMap(ClientProfile.Sector.init(rawValue:)),
                    governance: method.optionalString("governance").flatMap(ClientProfile.Governance.init(rawValue:)))
            },
            appraisal: try client.optionalChild("appraisal").map { appraisal in
                .init(
                    discountRate: try appraisal.optionalDecimal("discount-rate") ?? 0, horizon: try appraisal.integer("horizon"),
                    optimismBias: try appraisal.optionalDecimal("optimism-bias") ?? 0,
                    baseYear: try appraisal.optionalInteger("base-year"),
                    basis: appraisal.optionalString("basis").flatMap(ClientProfile.Basis.init(rawValue:)) ?? .absolute,
                    isOptimismBiasStated: appraisal.optionalString("optimism-bias") != nil,
                    discountRateSource: appraisal.optionalString("discount-rate") == nil ? .assumed : .profile)
            },
            options: try client.list("options", "option", decodeOption),
            commercial: try client.optionalChild("commercial").map { commercial in
                .init(
                    model: try commercial.string("model"), termMonths: try commercial.integer("term-months"),
                    feeBasis: try commercial.text("fee-basis"))
            },
            budget: try client.optionalChild("budget").map { budget in
                .init(available: try budget.decimal("available"), source: budget.content)
            },
            risks: try client.list("risks", "risk") { risk in
                .init(
                    id: try risk.string("id"), category: try risk.string("category"),
                    likelihood: try risk.integer("likelihood"), impact: try risk.integer("impact"),
                    owner: try risk.string("owner"), description: try risk.text("description"),
                    mitigation: try risk.text("mitigation"))
            },
            changeImpacts: try client.list("change-impacts", "change-impact") { impact in
                .init(
                    id: try impact.string("id"), group: try impact.text("group"),
                    headcount: try impact.integer("headcount"),
                    degrees: try ClientProfile.ChangeImpact.aspects.map { try impact.integer($0) },
                    adkar: try ClientProfile.ChangeImpact.adkarElements.map { try impact.integer($0) },
                    resistance: try impact.string("resistance"), trainingNeed: try impact.text("training-need"))
            },
            communication: try client.optionalChild("communication").map(decodeCommunication),
            reviews: try client.optionalChild("reviews").map { reviews in
                .init(
                    cadence: try reviews.string("cadence"), kickOff: try reviews.child("kick-off").date("date"),
                    reviews: try reviews.children("review").map { review in
                        .init(id: try review.string("id"), date: try review.date("date"), purpose: review.content)
                    })
            },
            raci: try client.list("raci", "activity") { activity in
                .init(
                    id: try activity.string("id"), name: activity.content,
                    responsible: activity.identifiers("responsible"), accountable: try activity.string("accountable"),
                    consulted: activity.identifiers("consulted"), informed: activity.identifiers("informed"))
            },
            relationship: try client.optionalChild("relationship").map(decodeRelationship),
            documents: try client.list("documents", "document") { document in
                .init(
                    kind: try document.string("kind"), author: document.optionalString("author"),
                    status: document.optionalString("status").flatMap(ClientProfile.DocumentStatus.init(rawValue:)),
                    classification: document.optionalString("classification"), date: try document.optionalDate("date"),
                    recipients: document.children("recipient").compactMap { $0.optionalString("ref") })
            })
    }

    private static func decodeTouchpoint(_ touchpoint: Reader) throws -> ClientProfile.Touchpoint {
        .init(
            id: try touchpoint.string("id"), name: try touchpoint.text("name"),
            channel: try touchpoint.string("channel"), owner: try touchpoint.string("owner"),
            frequency: touchpoint.optionalString("frequency"), serves: touchpoint.identifiers("serves"),
            emotionalScore: try touchpoint.integer("emotional"), objectiveScore: try touchpoint.integer("objective"),
            responses: try touchpoint.optionalInteger("responses"),
            painPoints: touchpoint.texts("pain-point"), opportunities: touchpoint.texts("opportunity"))
    }

    private static func decodeLoyalty(_ loyalty: Reader) throws -> ClientProfile.Loyalty {
        let nps = try loyalty.child("nps")
        let csat = loyalty.optionalChild("csat")
        let ces = loyalty.optionalChild("ces")
        return .init(
            from: try loyalty.date("from"), to: try loyalty.date("to"),
            promoters: try nps.integer("promoters"), passives: try nps.integer("passives"),
            detractors: try nps.integer("detractors"),
            csatCounts: try csat.map { csat throws in try (1...5).map { try csat.integer("score-\($0)") } },
            cesAverage: try ces?.decimal("average"), cesResponses: try ces?.optionalInteger("responses"))
    }

    private static func decodeOption(_ option: Reader) throws -> ClientProfile.Option {
        .init(
            id: try option.string("id"), kind: try option.enumeration("kind"),
            isRecommended: try option.boolean("recommended", default: false),
            name: try option.text("name"), description: try option.text("description"),
            benefits: try option.children("benefit").map { benefit throws in
                .init(isCash: try benefit.string("kind") == "cash", description: benefit.content)
            },
            disBenefits: option.texts("dis-benefit"),
            years: try option.children("year").map { year throws in
                .init(
                    year: try year.integer("n"), capex: try year.decimal("capex", default: 0),
                    opex: try year.decimal("opex", default: 0), cashBenefits: try year.decimal("cash-benefits", default: 0),
                    nonCashBenefits: try year.decimal("non-cash-benefits", default: 0),
                    disBenefits: try year.decimal("dis-benefits", default: 0))
            }.sorted { $0.year < $1.year })
    }

    private static func decodeCommunication(_ communication: Reader) throws -> ClientProfile.Communication {
        .init(
            preferences: try communication.children("preference").map { preference throws in
                .init(
                    id: try preference.string("id"), stakeholder: try preference.string("stakeholder"),
                    channel: try preference.string("channel"), frequency: try preference.string("frequency"),
                    format: try preference.string("format"),
                    summaryWithinDays: try preference.optionalInteger("summary-within-days"),
                    updateEvery: preference.optionalString("update-every"))
            },
            escalation: try (communication.optionalChild("escalation")?.children("step") ?? []).map { step throws in
                .init(stakeholder: try step.string("stakeholder"), within: try step.string("within"), description: step.content)
            })
    }

    private static func decodeRelationship(_ relationship: Reader) throws -> ClientProfile.Relationship {
        .init(
            start: try relationship.date("start"), accountManager: try relationship.string("account-manager"),
            clientFormCompleted: try relationship.optionalChild("client-form")?.date("completed"),
            interactions: try relationship.children("interaction").map { interaction throws in
                let response = interaction.optionalChild("response")
                return .init(
                    id: try interaction.string("id"), date: try interaction.date("date"), kind: try interaction.string("kind"),
                    stage: try interaction.enumeration("stage"), channel: try interaction.string("channel"),
                    isSignificant: try interaction.boolean("significant", default: false),
                    fulfils: interaction.optionalString("fulfils"), agreed: interaction.identifiers("agreed"),
                    participants: try interaction.children("with").map { try $0.string("ref") },
                    emotional: try response?.optionalInteger("emotional"), objective: try response?.optionalInteger("objective"),
                    note: interaction.optionalText("note"))
            },
            followUps: try relationship.children("follow-up").map { followUp throws in
                .init(kind: try followUp.enumeration("kind"), of: followUp.optionalString("of"), date: try followUp.date("date"))
            },
            visits: try relationship.children("visit").map { visit throws in
                .init(of: try visit.string("of"), done: visit.identifiers("done"))
            },
            surveys: try relationship.children("survey").map { survey throws in
                .init(date: try survey.date("date"), stakeholder: try survey.string("stakeholder"), recommend: try survey.integer("recommend"))
            },
            advocacy: try relationship.children("advocacy").map { advocacy throws in
                .init(
                    kind: try advocacy.enumeration("kind"), date: try advocacy.date("date"), by: advocacy.optionalString("by"),
                    outcome: try advocacy.optionalString("outcome").map { _ in try advocacy.enumeration("outcome") } ?? .given,
                    note: advocacy.optionalText("note"))
            })
    }
}
