import Foundation
import XMLSupport

/// Writes ``EngagementFigures`` as the `<figures>` element of the model, so templates
/// read computed figures with the same XPath as profile data
/// (`/client/figures/appraisal/option[@id='opt-portal']/@npv`).
///
/// Elements that describe a profile element carry its `id`, which keeps their model paths
/// stable. Numbers are plain decimals rounded to 4 places; absent figures (a ratio with a
/// zero denominator) are absent attributes, so `t:default` applies.
enum FiguresXML {
    static func element(for figures: EngagementFigures, profile: ClientProfile) -> XMLOutputElement {
        var children: [XMLOutputNode] = []
        if let appraisal = figures.appraisal { children.append(.element(self.appraisal(appraisal))) }
        if let loyalty = figures.loyalty { children.append(.element(self.loyalty(loyalty))) }
        children.append(.element(stakeholders(figures.stakeholders)))
        var expectationsElement = expectations(figures.expectations)
        if let asAt = profile.measurements.map(\.date).max() {
            // The date the figures describe: templates state results "as at" it.
            expectationsElement.attributes["as-at"] = asAt.description
        }
        children.append(.element(expectationsElement))
        children.append(.element(journey(figures.journey)))
        children.append(.element(change(figures.change)))
        children.append(.element(risks(figures.risks)))
        children.append(.element(element("segments", [
            "core-share": format(figures.segments.coreShare),
            "non-core-share": format(figures.segments.nonCoreShare),
            "unsegmented-share": format(figures.segments.unsegmentedShare),
        ])))
        children.append(.element(element("method", [
            "sector": figures.method.sector.rawValue, "governance": figures.method.governance.rawValue,
            "sector-stated": String(figures.method.isSectorStated),
        ])))
        children.append(.element(documents(figures.documents)))
        if let relationship = figures.relationship { children.append(.element(self.relationship(relationship))) }
        children.append(.element(charts(figures, profile: profile)))
        return XMLOutputElement(name: "figures", children: children)
    }

    private static func relationship(_ figures: RelationshipFigures) -> XMLOutputElement {
        let audit = figures.audit
        let health = audit.relationship
        func names(_ people: [RelationshipFigures.Person]) -> String { AlertEngine.list(people.map(\.name)) }
        var children: [XMLOutputNode] = figures.readings.map { reading in
            .element(element("reading", [
                "date": reading.date.description, "kind": reading.kind, "label": figures.labels[reading.kind],
                "emotional": reading.emotional.map(String.init), "objective": reading.objective.map(String.init),
            ]))
        }
        if let nps = health?.nps {
            children.append(.element(element("nps", [
                "score": String(nps.score), "promoters": String(nps.promoters), "passives": String(nps.passives),
                "detractors": String(nps.detractors), "answers": String(nps.answers),
            ])))
        }
        for (side, team) in [("firm", figures.firmTeam), ("client", figures.clientTeam)] where !team.isEmpty {
            children.append(.element(element("team", ["side": side, "names": names(team)], children: team.map { person in
                .element(element("person", ["ref": person.id, "name": person.name, "role": person.role]))
            })))
        }
        for entry in figures.entries {
            var parts: [XMLOutputNode] = [.element(XMLOutputElement(name: "text", children: [.text(entry.result.text)]))]
            for breach in entry.result.breaches {
                parts.append(.element(element("breach", ["date": breach.date], children: [.text(breach.evidence)])))
            }
            children.append(.element(element("rule", [
                "id": entry.result.rule, "stage": entry.result.stage, "touchpoint": entry.result.touchpoint,
                "label": entry.label, "when": entry.when, "status": entry.result.status.rawValue,
                "held": entry.held?.description, "held-count": String(entry.heldCount), "short-count": String(entry.lateCount), "next": entry.next?.description, "reached": String(entry.reached),
                "firm": entry.firm.isEmpty ? nil : names(entry.firm), "client": entry.clientWords,
                "documents": entry.result.documents.joined(separator: " "),
            ], children: parts)))
        }
        return element("relationship", [
            "as-of": figures.asOf.description, "start": figures.start.description, "stage": audit.stage,
            "account-manager": audit.accountManager?.name,
            "score": audit.score.map { format(Decimal(PortfolioAudit.rounded($0)), scale: 1) },
            "met": String(audit.met), "breached": String(audit.breached),
            "emotional": health?.emotional.latest.map(String.init), "emotional-trend": health?.emotional.trend?.rawValue,
            "objective": health?.objective.latest.map(String.init), "objective-trend": health?.objective.trend?.rawValue,
            "disagreement": health?.disagreement,
            "advocacy-given": health.map { String($0.advocacyGiven) }, "advocacy-asked": health.map { String($0.advocacyAskedRecently) },
        ], children: children)
    }

    private static func documents(_ figures: DocumentFigures) -> XMLOutputElement {
        element("documents", [:], children: figures.documents.map { document in
            .element(element("document", [
                "kind": document.kind.rawValue, "author": document.author, "status": document.status.rawValue,
                "classification": document.classification, "date": document.date?.description,
            ], children: document.recipients.map { recipient in
                .element(element("recipient", ["ref": recipient.id, "name": recipient.name, "role": recipient.role]))
            }))
        })
    }

    private static func appraisal(_ appraisal: AppraisalFigures) -> XMLOutputElement {
        var children: [XMLOutputNode] = appraisal.options.map { option in
            let flows = option.withOptimismBias
            var attributes: [String: String?] = [
                "id": option.id, "kind": option.kind.rawValue, "recommended": String(option.isRecommended),
                "npv": format(flows.netPresentValue), "bcr": flows.benefitCostRatio.map { format($0) },
                "roi": flows.returnOnInvestment.map { format($0 * 100) }, "payback": flows.paybackYears.map { format($0, scale: 2) },
                "payback-year": flows.paybackYear.map { String($0) },
                "switching-value": flows.switchingValue.map { format($0 * 100) },
                "pv-costs": format(flows.presentValueOfCosts), "pv-benefits": format(flows.presentValueOfBenefits),
                "total-cost": format(flows.totalCost), "total-benefit": format(flows.totalBenefit),
                "npv-without-bias": format(option.withoutOptimismBias.netPresentValue),
                "pv-costs-without-bias": format(option.withoutOptimismBias.presentValueOfCosts),
                "optimism-bias-effect": format(option.optimismBiasEffect),
                "npv-positive": String(flows.netPresentValue > 0),
            ]
            attributes["name"] = option.name
            let years: [XMLOutputNode] = flows.years.map { year in
                .element(element("year", [
                    "n": String(year.year), "discount-factor": format(year.discountFactor, scale: 4),
                    "capex": format(year.capex), "opex": format(year.opex), "cost": format(year.cost),
                    "cash-benefits": format(year.cashBenefits), "non-cash-benefits": format(year.nonCashBenefits),
                    "dis-benefits": format(year.disBenefits), "benefit": format(year.benefit), "net": format(year.net),
                    "discounted-cost": format(year.discountedCost), "discounted-benefit": format(year.discountedBenefit),
                    "discounted-net": format(year.discountedNet), "cumulative-net": format(year.cumulativeNet),
                    "cumulative-discounted-net": format(year.cumulativeDiscountedNet),
                ]))
            }
            return .element(element("option", attributes, children: years))
        }
        if let affordability = appraisal.affordability {
            children.append(.element(element("affordability", [
                "available": format(affordability.available), "total-cost": format(affordability.totalCost),
                "total-cost-without-bias": format(affordability.totalCostWithoutOptimismBias),
                "difference": format(affordability.difference), "affordable": String(affordability.isAffordable),
                "headroom": format(affordability.headroom), "shortfall": format(affordability.shortfall),
                "peak-need": format(affordability.peakFundingNeed), "peak-year": affordability.peakFundingYear.map(String.init),
                "peak-shortfall": format(affordability.peakShortfall),
            ])))
        }
        return element("appraisal", [
            "discount-rate": format(appraisal.discountRate), "discount-rate-source": appraisal.discountRateSource.rawValue,
            "horizon": String(appraisal.horizon),
            "optimism-bias": format(appraisal.optimismBias), "recommended": appraisal.recommended?.id,
            "basis": appraisal.basis.rawValue,
            "best-npv-option": appraisal.highestNetPresentValueOptionID,
            "incremental-npv": appraisal.incrementalNetPresentValue.map { format($0) },
            "recommended-npv-positive": appraisal.isRecommendedNetPresentValuePositive.map { String($0) },
        ], children: children)
    }

    private static func loyalty(_ loyalty: LoyaltyFigures) -> XMLOutputElement {
        element("loyalty", [
            "from": loyalty.from.description, "to": loyalty.to.description, "responses": String(loyalty.totalResponses),
            "promoters": String(loyalty.promoters), "passives": String(loyalty.passives), "detractors": String(loyalty.detractors),
            "promoter-percent": loyalty.promoterPercent.map { format($0) },
            "passive-percent": loyalty.passivePercent.map { format($0) },
            "detractor-percent": loyalty.detractorPercent.map { format($0) },
            "nps": loyalty.netPromoterScore.map { format($0) }, "csat": loyalty.customerSatisfaction.map { format($0) },
            "csat-responses": loyalty.csatResponses.map { String($0) },
            "ces": loyalty.customerEffortScore.map { format($0) }, "ces-responses": loyalty.cesResponses.map { String($0) },
        ])
    }

    private static func stakeholders(_ figures: StakeholderFigures) -> XMLOutputElement {
        var attributes: [String: String?] = ["sponsors": figures.sponsorIDs.joined(separator: " ")]
        for quadrant in StakeholderFigures.Quadrant.allCases {
            attributes[quadrant.rawValue] = String(figures.countsByQuadrant[quadrant] ?? 0)
        }
        for level in ClientProfile.Level.allCases {
            attributes[level.rawValue] = String(figures.countsByLevel[level] ?? 0)
        }
        let children: [XMLOutputNode] = figures.positions.map { position in
            .element(element("stakeholder", [
                "id": position.id, "quadrant": position.quadrant.rawValue, "gap": String(position.engagementGap),
                "current-rank": String(position.currentEngagement.rank), "desired-rank": String(position.desiredEngagement.rank),
                "hears-from": position.hearsFrom,
            ]))
        }
        return element("stakeholders", attributes, children: children)
    }

    private static func expectations(_ figures: ExpectationFigures) -> XMLOutputElement {
        let children: [XMLOutputNode] = figures.entries.map { entry in
            .element(element("expectation", [
                "id": entry.id, "status": entry.status.rawValue, "measurements": String(entry.measurementCount),
                "latest": entry.latest.map { format($0.value) }, "latest-date": entry.latest?.date.description,
                "previous": entry.previous.map { format($0.value) },
                "change-from-baseline": entry.changeFromBaseline.map { format($0) },
                "trend": entry.trend.map { format($0) },
                "milestone": entry.milestone.map { format($0.value) }, "milestone-date": entry.milestone?.date.description,
                "next-milestone": entry.nextMilestone.map { format($0.value) },
                "next-milestone-date": entry.nextMilestone?.date.description,
            ]))
        }
        return element("expectations", [
            "met": String(figures.metCount), "on-track": String(figures.onTrackCount), "at-risk": String(figures.atRiskCount),
            "missed": String(figures.missedCount),
            "no-data": String(figures.noDataCount),
        ], children: children)
    }

    private static func journey(_ figures: JourneyFigures) -> XMLOutputElement {
        var children: [XMLOutputNode] = []
        for stage in figures.stages {
            let touchpoints: [XMLOutputNode] = stage.touchpoints.map { touchpoint in
                .element(element("touchpoint", [
                    "id": touchpoint.id, "stage": stage.name.rawValue, "objective": String(touchpoint.objectiveScore),
                    "scaled-emotional": String(touchpoint.scaledEmotionalScore),
                    "score-difference": String(touchpoint.scoreDifference), "gap": String(touchpoint.isGap),
                    "reasons": touchpoint.gapReasons.map(\.rawValue).joined(separator: " "),
                ]))
            }
            children.append(.element(element("stage", [
                "name": stage.name.rawValue, "touchpoints": String(stage.touchpointCount), "gaps": String(stage.gapCount),
                "emotional": stage.averageEmotionalScore.map { format($0) },
                "objective": stage.averageObjectiveScore.map { format($0) },
            ], children: touchpoints)))
        }
        return element("journey", [
            "weakest-stage": figures.weakestStage?.rawValue, "gaps": String(figures.gaps.count),
        ], children: children)
    }

    private static func change(_ figures: ChangeFigures) -> XMLOutputElement {
        var children: [XMLOutputNode] = zip(ClientProfile.ChangeImpact.aspects, figures.aspectTotals).map { aspect, total in
            .element(element("aspect", ["name": aspect, "total": String(total)]))
        }
        children += figures.impacts.map { impact in
            .element(element("impact", [
                "id": impact.id, "heat": String(impact.heat), "band": impact.heatBand.rawValue,
                "barrier": impact.barrierPoint,
            ]))
        }
        return element("change", [
            "total-heat": String(figures.overallTotal), "headcount": String(figures.totalHeadcount),
            "barriers": String(figures.impacts.filter { $0.barrierPoint != nil }.count),
        ], children: children)
    }

    private static func risks(_ figures: RiskFigures) -> XMLOutputElement {
        let children: [XMLOutputNode] = figures.ranked.enumerated().map { offset, risk in
            .element(element("risk", [
                "id": risk.id, "score": String(risk.score), "rating": risk.rating.rawValue, "rank": String(offset + 1),
            ]))
        }
        var attributes: [String: String?] = [:]
        for band in FigureBand.allCases { attributes[band.rawValue] = String(figures.countsByRating[band] ?? 0) }
        return element("risks", attributes, children: children)
    }

    /// An element whose nil attributes are left out.
    static func element(
        _ name: String, _ attributes: [String: String?], children: [XMLOutputNode] = []
    ) -> XMLOutputElement {
        XMLOutputElement(name: name, attributes: attributes.compactMapValues { $0 }, children: children)
    }

    /// A decimal rounded half away from zero to `scale` places, written without exponent
    /// or grouping, with no trailing zeros.
    static func format(_ value: Decimal, scale: Int = 4) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, scale, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
