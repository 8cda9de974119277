import EngagementCore
import Foundation
import Testing
import XMLSupport

/// Inputs shared by the profile validation tests: a minimal valid profile, edits that
/// break it, and the repository's sample folder.
enum ProfileFixtures {
    /// The smallest profile that passes every check (Tests/Fixtures/minimal-profile.xml,
    /// which the command-line tests use too): identity (name and currency),
    /// mission, one value, one sponsor, one expectation and the five journey stages in
    /// order, each with a goal and a touchpoint.
    ///
    /// Line numbers matter to the tests; the map of the lines edits refer to:
    ///  2 `<client>`, 4 `<name>`, 7 `<mission>`, 8 `<values>`, 9 `<value>`,
    /// 13 `<stakeholders>`, 14 `<stakeholder>`, 19 `<expectations>`, 20 `<expectation>`,
    /// 25 `<journey>`, stages at 26, 30, 34, 38, 42 with their touchpoints at 28, 32, 36,
    /// 40, 44 (column 7), 46 `</journey>`, 47 `</client>`.
    static let minimal: String = {
        let url = repositoryRoot()?.appendingPathComponent("Tests/Fixtures/minimal-profile.xml")
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("The fixture Tests/Fixtures/minimal-profile.xml cannot be read.")
        }
        return text
    }()

    /// Appraisal and options placed after `</journey>`: the appraisal on line 47,
    /// `<options>` on 48, the options on 49 and 54, their years on 52, 57 and 58.
    static let appraisalAndOptions = """
          <appraisal discount-rate="3.5" horizon="3" optimism-bias="20"/>
          <options>
            <option id="opt-nothing" kind="do-nothing">
              <name>Carry on</name>
              <description>Keep the current service.</description>
              <year n="0" opex="10000"/>
            </option>
            <option id="opt-portal" kind="do-something" recommended="true">
              <name>New portal</name>
              <description>Build a self-service portal.</description>
              <year n="0" capex="50000"/>
              <year n="1" opex="5000" cash-benefits="30000"/>
            </option>
          </options>
        """

    /// One change to the minimal profile; its anchor must occur exactly once.
    struct Edit: Sendable, CustomStringConvertible {
        var anchor: String
        var replacement: String

        /// Replaces `old` by `new`.
        static func replace(_ old: String, with new: String) -> Edit { Edit(anchor: old, replacement: new) }

        /// Deletes `text`.
        static func remove(_ text: String) -> Edit { Edit(anchor: text, replacement: "") }

        /// Inserts whole `lines` (without a final line break) on the line before `anchorLine`.
        static func insert(lines: String, before anchorLine: String) -> Edit {
            Edit(anchor: anchorLine, replacement: lines + "\n" + anchorLine)
        }

        /// Inserts whole `lines` right after `</journey>`, where optional parts go.
        static func afterJourney(_ lines: String) -> Edit {
            Edit(anchor: "  </journey>\n", replacement: "  </journey>\n" + lines + "\n")
        }

        var description: String { "replace \(anchor.debugDescription) by \(replacement.debugDescription)" }
    }

    struct AmbiguousEdit: Error, CustomStringConvertible {
        var edit: Edit
        var occurrences: Int
        var description: String { "The anchor of the edit (\(edit)) occurs \(occurrences) times, not once." }
    }

    /// The minimal profile with `edits` applied in order.
    static func minimal(_ edits: [Edit]) throws -> String {
        var text = minimal
        for edit in edits {
            let occurrences = text.components(separatedBy: edit.anchor).count - 1
            guard occurrences == 1 else { throw AmbiguousEdit(edit: edit, occurrences: occurrences) }
            text = text.replacingOccurrences(of: edit.anchor, with: edit.replacement)
        }
        return text
    }

    /// Loads profile text held in memory under `fileName`.
    static func load(_ text: String, fileName: String = "profile.xml") -> ProfileLoadResult {
        ProfileLoader.load(bytes: Array(text.utf8), fileName: fileName)
    }

    /// The folder holding `Package.swift`, found by walking up from this source file.
    static func repositoryRoot(from filePath: String = #filePath) -> URL? {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// `Samples/` of the repository.
    static var samplesFolder: URL? {
        repositoryRoot()?.appendingPathComponent("Samples", isDirectory: true)
    }

    /// The names of `Samples/*.xml`, sorted; empty when the folder cannot be found.
    static var sampleNames: [String] {
        guard let folder = samplesFolder,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }

    /// The path of one sample file.
    static func samplePath(_ name: String) throws -> String {
        let folder = try #require(samplesFolder, "The repository root (the folder with Package.swift) was not found.")
        return folder.appendingPathComponent(name).path
    }
}

extension ProfileFixtures {
    /// A diagnostic a test expects: where, how serious, and words its message must contain.
    struct ExpectedDiagnostic: Sendable, CustomStringConvertible {
        var line: Int
        var column: Int
        var severity: Diagnostic.Severity
        var fragments: [String]

        static func error(_ line: Int, _ column: Int, _ fragments: String...) -> ExpectedDiagnostic {
            ExpectedDiagnostic(line: line, column: column, severity: .error, fragments: fragments)
        }

        static func warning(_ line: Int, _ column: Int, _ fragments: String...) -> ExpectedDiagnostic {
            ExpectedDiagnostic(line: line, column: column, severity: .warning, fragments: fragments)
        }

        var description: String { "\(line):\(column): \(severity.rawValue): \(fragments.joined(separator: " ... "))" }
    }
}

extension ProfileFixtures.ExpectedDiagnostic {
    /// Checks that `actual` matches `expected` one for one, in order.
    static func check(
        _ actual: [Diagnostic], against expected: [ProfileFixtures.ExpectedDiagnostic], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let listing = actual.map(\.formatted).joined(separator: "\n")
        #expect(
            actual.count == expected.count, "Expected \(expected.count) diagnostics, got:\n\(listing)",
            sourceLocation: sourceLocation)
        for (found, wanted) in zip(actual, expected) {
            #expect(found.line == wanted.line, "line of: \(found.formatted)", sourceLocation: sourceLocation)
            #expect(found.column == wanted.column, "column of: \(found.formatted)", sourceLocation: sourceLocation)
            #expect(found.severity == wanted.severity, "severity of: \(found.formatted)", sourceLocation: sourceLocation)
            for fragment in wanted.fragments {
                #expect(
                    found.message.contains(fragment), "\(found.formatted)\ndoes not contain: \(fragment)",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
