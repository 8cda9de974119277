import EngageBasics
import Foundation
import XMLSupport

extension ProfileValidator {
    /// Follow-ups and visits name an interaction of the log, nothing happens before the
    /// relationship starts or a follow-up before its meeting, and each person is on the
    /// side their part needs.
    mutating func checkRelationship() {
        guard let relationship = root.element(named: "relationship") else { return }
        let sides = Dictionary(
            children("stakeholders", "stakeholder").compactMap { person in person[attribute: "id"].map { ($0, person[attribute: "side"] ?? "") } },
            uniquingKeysWith: { first, _ in first })
        if let manager = relationship[attribute: "account-manager"], let side = sides[manager], side != "provider" {
            report(
                relationship, "The account manager '\(manager)' is on the \(side) side.",
                fix: "Name the firm's person who owns the relationship: a stakeholder with side=\"provider\".")
        }
        let start = relationship[attribute: "start"].flatMap(ProfileDate.init)
        let interactions = relationship.elements(named: "interaction")
        var byID: [String: SourceElement] = [:]
        for interaction in interactions {
            guard let id = interaction[attribute: "id"] else { continue }
            byID[id] = byID[id] ?? interaction
            let date = interaction[attribute: "date"].flatMap(ProfileDate.init)
            if let start, let date, date < start {
                report(interaction, "Interaction '\(id)' on \(date) comes before the relationship's start (\(start)).", fix: "Correct the date, or move the relationship's start earlier.")
            }
            if let response = interaction.element(named: "response"), response[attribute: "emotional"] == nil, response[attribute: "objective"] == nil {
                report(response, "Interaction '\(id)' has a <response> with neither score.", fix: "Give emotional (-2 to 2), objective (0 to 100) or both, or remove the <response>.")
            }
            var seen: Set<String> = []
            for person in interaction.elements(named: "with") {
                guard let ref = person[attribute: "ref"], !seen.insert(ref).inserted else { continue }
                report(person, "'\(ref)' is named twice at interaction '\(id)'.", fix: "Remove the second <with ref=\"\(ref)\"/>.")
            }
        }
        for element in relationship.elements where ["follow-up", "visit", "survey", "advocacy", "client-form"].contains(element.name) {
            let date = (element[attribute: "date"] ?? element[attribute: "completed"]).flatMap(ProfileDate.init)
            if let start, let date, date < start, element.name != "client-form" {
                report(element, "This <\(element.name)> on \(date) comes before the relationship's start (\(start)).", fix: "Correct the date, or move the relationship's start earlier.")
            }
            if element.name == "survey", let person = element[attribute: "stakeholder"], let side = sides[person], side != "client" {
                report(element, "The survey answer of '\(person)' is from the \(side) side.", fix: "Record answers from the client's people only: the survey asks whether they would recommend the firm.")
            }
            guard element.name == "follow-up" || element.name == "visit" else { continue }
            guard let of = element[attribute: "of"] else {
                if element.name == "follow-up", element[attribute: "kind"] != "progress-update" {
                    report(element, "A \(element[attribute: "kind"] ?? "") follow-up does not say which interaction it follows.", fix: "Add of=\"ID\", the id of the meeting it follows.")
                }
                continue
            }
            guard let interaction = byID[of] else {
                report(
                    element, "<\(element.name)> refers in 'of' to interaction '\(of)', which is not in the relationship.",
                    fix: byID.keys.sorted().min { Self.editDistance(of, $0) < Self.editDistance(of, $1) }
                        .map { "Use the id of an <interaction> in <relationship>: did you mean '\($0)'?" }
                        ?? "Record the interaction in <relationship> first.")
                continue
            }
            if element.name == "visit", interaction[attribute: "kind"] != "visit" {
                report(element, "<visit> refers to '\(of)', an interaction of kind '\(interaction[attribute: "kind"] ?? "")'.", fix: "Give the interaction kind=\"visit\", or name the visit it records.")
            }
            if let date, let held = interaction[attribute: "date"].flatMap(ProfileDate.init), date < held {
                report(element, "This \(element[attribute: "kind"] ?? "follow-up") on \(date) comes before the interaction it follows ('\(of)', \(held)).", fix: "Correct one of the two dates.")
            }
        }
    }
}
