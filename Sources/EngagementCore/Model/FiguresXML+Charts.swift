import Charts
import Foundation
import XMLSupport

/// The data of each chart (`/client/figures/charts/KIND`, ``ChartKind``): everything the
/// picture shows, names resolved, and nothing else, so that a chart is stale exactly when
/// its picture would change.
extension FiguresXML {
    static func charts(_ figures: EngagementFigures, profile: ClientProfile) -> XMLOutputElement {
        var children: [XMLOutputElement] = [journeyMap(figures.journey, profile: profile)]
        if let relationship = figures.relationship { children.append(relationshipJourney(relationship, profile: profile)) }
        children.append(stakeholderGrid(figures.stakeholders, profile: profile))
        children.append(changeHeatMap(figures.change, profile: profile))
        if let appraisal = figures.appraisal { children.append(cashFlow(appraisal, currency: profile.identity.currency)) }
        children.append(expectationTrends(figures.expectations, profile: profile))
        return XMLOutputElement(name: "charts", children: children.map { .element($0) })
    }

    private static func stageLabel(_ name: ClientProfile.StageName, profile: ClientProfile) -> String {
        let label = profile.journey.first { $0.name == name }?.label ?? name.rawValue
        return label.prefix(1).uppercased() + label.dropFirst()
    }

    private static func name(of person: String, in profile: ClientProfile) -> String {
        profile.stakeholders.first { $0.id == person }?.name ?? person
    }

    private static func journeyMap(_ figures: JourneyFigures, profile: ClientProfile) -> XMLOutputElement {
        // Every stage is a column, those without touchpoints too: the map shows the whole journey.
        let stages: [XMLOutputNode] = ClientProfile.StageName.allCases.map { name in
            let stage = figures.stages.first { $0.name == name }
            let touchpoints: [XMLOutputNode] = (stage?.touchpoints ?? []).map { touchpoint in
                let source = profile.journey.first { $0.name == name }?.touchpoints.first { $0.id == touchpoint.id }
                return .element(element("touchpoint", [
                    "id": touchpoint.id, "name": touchpoint.name, "owner": source.map { self.name(of: $0.owner, in: profile) },
                    "channel": source?.channel, "emotional": String(touchpoint.emotionalScore), "objective": String(touchpoint.objectiveScore),
                    "gap": String(touchpoint.isGap),
                ]))
            }
            return .element(element("stage", [
                "name": name.rawValue, "label": stageLabel(name, profile: profile),
                "objective": stage?.averageObjectiveScore.map { format($0, scale: 1) },
            ], children: touchpoints))
        }
        return element("journey-map", [
            "weakest-stage": figures.weakestStage?.rawValue, "objective-standard": String(FigureThresholds.objectiveGapBelow),
        ], children: stages)
    }

    private static func relationshipJourney(_ figures: RelationshipFigures, profile: ClientProfile) -> XMLOutputElement {
        var children: [XMLOutputNode] = ClientProfile.StageName.allCases.compactMap { name in
            let entries = figures.entries.filter { $0.result.stage == name.rawValue }
            guard !entries.isEmpty else { return nil }
            return .element(element("stage", [
                // The relationship's stages are the firm's, not the client's own journey labels.
                "name": name.rawValue, "label": name.rawValue.prefix(1).uppercased() + name.rawValue.dropFirst(),
                "reached": String(entries.contains(where: \.reached)),
            ], children: entries.map { entry in
                .element(element("rule", ["id": entry.result.rule, "label": entry.label, "status": entry.result.status.rawValue]))
            }))
        }
        children += figures.readings.filter { $0.emotional != nil || $0.objective != nil }.map { reading in
            .element(element("reading", [
                "date": reading.date.description, "emotional": reading.emotional.map(String.init), "objective": reading.objective.map(String.init),
            ]))
        }
        return element("relationship-journey", [
            "stage": figures.audit.stage, "start": figures.start.description, "as-of": figures.asOf.description,
        ], children: children)
    }

    private static func stakeholderGrid(_ figures: StakeholderFigures, profile: ClientProfile) -> XMLOutputElement {
        // The client's people, as the buy-in plan places them; the firm's own team is not there to be won over.
        let people: [XMLOutputNode] = figures.positions.compactMap { position in
            guard let person = profile.stakeholders.first(where: { $0.id == position.id }), person.side == .client else { return nil }
            return .element(element("stakeholder", [
                "id": person.id, "name": person.name, "influence": String(person.influence), "interest": String(person.interest),
                "current-rank": String(position.currentEngagement.rank), "desired-rank": String(position.desiredEngagement.rank),
                "sponsor": String(person.isSponsor),
            ]))
        }
        return element("stakeholder-grid", ["high-from": String(FigureThresholds.highGridScore)], children: people)
    }

    private static func changeHeatMap(_ figures: ChangeFigures, profile: ClientProfile) -> XMLOutputElement {
        let groups: [XMLOutputNode] = zip(profile.changeImpacts, figures.impacts).map { impact, figure in
            var attributes: [String: String?] = [
                "id": impact.id, "name": impact.group, "headcount": String(impact.headcount), "heat": String(figure.heat),
                "barrier": figure.barrierPoint,
            ]
            for (aspect, degree) in zip(ClientProfile.ChangeImpact.aspects, impact.degrees) { attributes[aspect] = String(degree) }
            return .element(element("group", attributes))
        }
        return element("change-heat-map", [:], children: groups)
    }

    private static func cashFlow(_ appraisal: AppraisalFigures, currency: String) -> XMLOutputElement {
        let options: [XMLOutputNode] = appraisal.options.map { option in
            let flows = option.withOptimismBias
            // The payback rule of the appraisal, applied to the discounted flows the chart draws.
            let breakEven = DiscountedCashFlow.payback(
                cumulativeNets: flows.years.map(\.cumulativeDiscountedNet), nets: flows.years.map(\.discountedNet))
            return .element(element("option", [
                "id": option.id, "name": option.name, "recommended": String(option.isRecommended),
                "discounted-payback": breakEven.map { format($0, scale: 2) },
            ], children: flows.years.map { year in
                .element(element("year", ["n": String(year.year), "cumulative-discounted-net": format(year.cumulativeDiscountedNet, scale: 0)]))
            }))
        }
        return element("cash-flow", ["symbol": TemplateFunctions.currencySymbols[currency] ?? "\(currency) "], children: options)
    }

    private static func expectationTrends(_ figures: ExpectationFigures, profile: ClientProfile) -> XMLOutputElement {
        let expectations: [XMLOutputNode] = zip(profile.expectations, figures.entries).map { expectation, entry in
            let glidePath: [XMLOutputNode] = expectation.milestones.map { milestone in
                .element(element("milestone", ["date": milestone.date.description, "value": format(milestone.value)]))
            }
            let measurements: [XMLOutputNode] = profile.measurements.filter { $0.expectation == expectation.id }
                .sorted { $0.date < $1.date }
                .map { .element(element("measurement", ["date": $0.date.description, "value": format($0.value)])) }
            return .element(element("expectation", [
                "id": expectation.id, "metric": expectation.metric, "unit": expectation.unit, "target": format(expectation.target),
                "threshold": format(expectation.threshold), "due": expectation.due?.description, "status": entry.status.rawValue,
                "direction": expectation.direction.rawValue,
            ], children: glidePath + measurements))
        }
        return element("expectation-trends", [:], children: expectations)
    }
}
