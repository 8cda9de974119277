import Foundation
import Testing
import XMLSupport

@testable import EngageTemplates

/// The firm's locale: dates as the locale writes them, and the template's own British
/// spellings in American English, whole words only, capitals kept.
@Suite("Template locale")
struct TemplateLocaleTests {
    @Test("Dates", arguments: [
        (TemplateLocale.british, 2026, 11, 2, "2 November 2026"),
        (TemplateLocale.american, 2026, 11, 2, "November 2, 2026"),
        (TemplateLocale.american, 2027, 1, 31, "January 31, 2027"),
    ])
    func dates(locale: TemplateLocale, year: Int, month: Int, day: Int, expected: String) {
        #expect(locale.format(day: day, month: month, year: year) == expected)
    }

    @Test("American spelling of template text", arguments: [
        ("The organisation prioritises the programme.", "The organization prioritizes the program."),
        ("Organisations recognise behaviours; centres analyse.", "Organizations recognize behaviors; centers analyze."),
        ("It summarised, then standardised the modelling.", "It summarized, then standardized the modeling."),
        ("Emphasis stays emphasis; advise, revise and exercise stay.", "Emphasis stays emphasis; advise, revise and exercise stay."),
        ("Nothing British here: 3,874 people.", "Nothing British here: 3,874 people."),
        ("Mobilisation review, towards go-live.", "Mobilization review, toward go-live."),
    ])
    func spelling(british: String, american: String) {
        #expect(TemplateLocale.american.spelt(british) == american)
        #expect(TemplateLocale.british.spelt(british) == british)
    }

    @Test("date() writes the locale's form")
    func dateFunction() throws {
        let session = XPathSession(
            document: try XMLDocument.parse(bytes: Array("<client/>".utf8), fileName: "model.xml"),
            functions: TemplateFunctions.make(currency: "USD", locale: .american))
        let value = try session.evaluate(XPathExpression("date('2026-11-16')"), at: session.documentHandle, variables: { _ in nil })
        #expect(session.stringValue(of: value) == "November 16, 2026")
    }
}

/// With a locale, every section's trace reads it, whether the model has one or not, so that
/// a new locale makes every section stale; without, nothing is added.
@Suite("Template locale in traces")
struct TemplateLocaleTraceTests {
    @Test("Every section records the locale's value when the renderer has a locale")
    func everySectionReadsTheLocale() throws {
        let folder = try TemplatingTestFolder(["main.xhtml": TemplatingFixtures.template(#"<section id="a"><p>The organisation.</p></section><section id="b"><p>Text.</p></section>"#)])
        let sources = try folder.sources()
        let template = try TemplateCompiler.compile("main.xhtml", sources: sources)
        for (locale, model, expectedText) in [
            (TemplateLocale.american, "<client><firm><locale language=\"en-US\"/></firm></client>", "The organization."),
            (TemplateLocale.british, "<client/>", "The organisation."),
        ] {
            let session = try TemplatingFixtures.session(model)
            let rendered = try TemplateRenderer(session: session, sources: sources, locale: locale).render(template)
            #expect(rendered.sections.map(\.sectionID) == ["a", "b"])
            for section in rendered.sections {
                #expect(section.reads.keys.contains { $0.contains("/client/firm/locale/@language") }, "\(section.sectionID): \(section.reads)")
            }
            #expect(TemplatingFixtures.serialized(rendered.root).contains(expectedText))
        }
    }
}
