import Foundation
import Testing
import XMLSupport

@testable import EngagementCore

/// The functions templates may call besides XPath 1.0's own, each evaluated through a
/// template's t:text.
@Suite("Template functions")
struct TemplateFormattingFunctionTests {
    typealias Fixture = TemplatingFixtures

    static let model = """
        <client>
          <values>
            <value id="v1"><statement>Quality</statement></value>
            <value id="v2"><statement>  Care   for
               people </statement></value>
            <value id="v3"><statement>Speed</statement></value>
          </values>
          <date>2026-11-22</date>
        </client>
        """

    /// `expression` written into an attribute value.
    static func attribute(_ expression: String) -> String {
        expression.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The text a `<p t:text="expression">` renders to.
    func text(of expression: String, currency: String = "GBP") throws -> String {
        let rendered = try Fixture.render(
            template: Fixture.template(#"<p t:text="\#(Self.attribute(expression))">x</p>"#), model: Self.model,
            currency: currency)
        return try #require(rendered.root.elements.first).textContent
    }

    /// The one error message of rendering `<p t:text="expression">`.
    func error(of expression: String) throws -> String {
        let failure = try #require(
            try Fixture.failure(template: Fixture.template(#"<p t:text="\#(Self.attribute(expression))">x</p>"#), model: Self.model))
        #expect(failure.diagnostics.count == 1)
        return try #require(failure.diagnostics.first).summary
    }

    // MARK: - money

    @Test(
        "money() writes whole units with thousands separators, rounding half away from zero",
        arguments: [
            ("money(1234567.5)", "£1,234,568"),
            ("money(0)", "£0"),
            ("money(999)", "£999"),
            ("money(999.5)", "£1,000"),
            ("money(1000)", "£1,000"),
            ("money(12.49)", "£12"),
            ("money(2.5)", "£3"),
            ("money(-2.5)", "-£3"),
            ("money(-1234.5)", "-£1,235"),
            ("money(-1234567)", "-£1,234,567"),
            ("money('4200')", "£4,200"),
            ("money(' 17 ')", "£17"),
            ("money('lots')", "–"),
            ("money(1 div 0)", "–"),
        ])
    func moneyInPounds(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "money() uses the symbol of the profile's currency, or its code for others",
        arguments: [
            ("GBP", "£1,234"), ("EUR", "€1,234"), ("USD", "$1,234"), ("JPY", "¥1,234"), ("CHF", "CHF 1,234"),
            ("AUD", "A$1,234"), ("XYZ", "XYZ 1,234"),
        ])
    func moneyCurrencies(currency: String, expected: String) throws {
        #expect(try text(of: "money(1234.4)", currency: currency) == expected)
        #expect(try text(of: "money(-1234.4)", currency: currency) == "-" + expected)
    }

    @Test(
        "money(x, 'short') writes millions with two decimals under ten million, one above, and tens of thousands in whole thousands",
        arguments: [
            ("money(8495000, 'short')", "£8.50m"),
            ("money(1250000, 'short')", "£1.25m"),
            ("money(1000000, 'short')", "£1.00m"),
            ("money(-2500000, 'short')", "-£2.50m"),
            ("money(12340000, 'short')", "£12.3m"),
            ("money(1234567890, 'short')", "£1,234.6m"),
            ("money(12500, 'short')", "£13k"),
            ("money(10000, 'short')", "£10k"),
            ("money(250400, 'short')", "£250k"),
            ("money(-45000, 'short')", "-£45k"),
            ("money(9999, 'short')", "£9,999"),
            ("money(950, 'short')", "£950"),
            ("money(8495000, 'long')", "£8,495,000"),
        ])
    func moneyShort(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "money(x, 'short') writes an amount that rounds up to a million in millions",
        )
    func moneyShortAtTheMillionBoundary() throws {
        #expect(try text(of: "money(999999, 'short')") == "£1.00m")
        #expect(try text(of: "money(999500, 'short')") == "£1.00m")
    }

    @Test(
        "A negative amount that rounds to zero is written without a minus sign",
        arguments: [
            ("money(-0.4)", "£0"), ("percent(-0.4)", "0%"), ("decimal(-0.04, 1)", "0.0"), ("quantity(-0.001, '%')", "0%"),
        ])
    func negativeZero(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    // MARK: - percent and decimal

    @Test(
        "percent() rounds to the digits asked for, 0 by default, and appends %",
        arguments: [
            ("percent(42.456, 1)", "42.5%"),
            ("percent(42.456)", "42%"),
            ("percent(42.5)", "43%"),
            ("percent(-3.25, 1)", "-3.3%"),
            ("percent(7, 2)", "7.00%"),
            ("percent(12.3456, 3)", "12.346%"),
            ("percent(0.125, 2)", "0.13%"),
            ("percent(100)", "100%"),
            ("percent(1234.5)", "1,235%"),
            ("percent(1, 9)", "1.000000%"),
            ("percent(1.6, -1)", "2%"),
            ("percent('n/a')", "–"),
        ])
    func percent(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "decimal() groups thousands and rounds half away from zero",
        arguments: [
            ("decimal(1234.5, 1)", "1,234.5"),
            ("decimal(1234.5)", "1,235"),
            ("decimal(0.5)", "1"),
            ("decimal(-0.5)", "-1"),
            ("decimal(1000000)", "1,000,000"),
            ("decimal(-1234567.891, 2)", "-1,234,567.89"),
            ("decimal(0.05, 2)", "0.05"),
            ("decimal(2.25, 1)", "2.3"),
            ("decimal(9.96, 1)", "10.0"),
            ("decimal(count(/client/values/value) div 4, 2)", "0.75"),
        ])
    func decimal(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    // MARK: - date

    @Test(
        "date() writes a profile date as day, month name and year",
        arguments: [
            ("date('2026-11-22')", "22 November 2026"),
            ("date('2024-02-29')", "29 February 2024"),
            ("date('2026-01-05')", "5 January 2026"),
            ("date(' 2026-03-01 ')", "1 March 2026"),
            ("date(/client/date)", "22 November 2026"),
        ])
    func date(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "date() of something that is not a date is an error naming the value",
        arguments: ["2026-02-30", "22/11/2026", "2026-11", ""])
    func invalidDate(value: String) throws {
        #expect(
            try error(of: "date('\(value)')")
                == "The expression 'date('\(value)')' cannot be evaluated: date(): '\(value)' is not a date (YYYY-MM-DD).")
    }

    @Test(
        "quantity() writes up to two decimals without trailing zeros, with its unit",
        arguments: [
            ("quantity(66, '%')", "66%"),
            ("quantity(8, 'out-of-10')", "8 out of 10"),
            ("quantity(6.5, 'hours')", "6.5 hours"),
            ("quantity(1130, 'people')", "1,130 people"),
            ("quantity(58.40, '')", "58.4"),
            ("quantity(2.125, 'kg')", "2.13 kg"),
            ("quantity(3.999, 'kg')", "4 kg"),
            ("quantity(-12.5, '%')", "-12.5%"),
            ("quantity('n/a', '%')", "–"),
        ])
    func quantity(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "add-days(), days-between() and duration() compute with profile dates and ISO durations",
        arguments: [
            ("add-days('2026-11-22', 10)", "2026-12-02"),
            ("add-days('2024-02-28', 1)", "2024-02-29"),
            ("add-days('2026-01-01', -1)", "2025-12-31"),
            ("date(add-days(/client/date, 40))", "1 January 2027"),
            ("days-between('2026-11-01', '2026-11-22')", "21"),
            ("days-between('2026-11-22', '2026-11-01')", "-21"),
            ("days-between('2024-01-01', '2025-01-01')", "366"),
            ("duration('P1D')", "daily"),
            ("duration('P1W')", "weekly"),
            ("duration('P14D')", "every two weeks"),
            ("duration('P1M')", "monthly"),
            ("duration('P3M')", "quarterly"),
            ("duration('P42D')", "every six weeks"),
            ("duration('P6W')", "every six weeks"),
            ("duration('sometimes')", "sometimes"),
        ])
    func datesAndDurations(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "add-days() and days-between() of something that is not a date are errors naming the values",
        arguments: [
            ("add-days('2026-02-30', 1)", "add-days(): '2026-02-30' is not a date (YYYY-MM-DD)."),
            ("add-days('2026-02-01', 'x')", "add-days(): the number of days is not a number."),
            ("days-between('2026-01-01', 'soon')", "days-between(): '2026-01-01' and 'soon' must both be dates (YYYY-MM-DD)."),
        ])
    func invalidDateArithmetic(expression: String, message: String) throws {
        #expect(try error(of: expression) == "The expression '\(expression)' cannot be evaluated: \(message)")
    }

    @Test(
        "latest-date() gives the latest of the nodes' dates, and nothing for no nodes",
        arguments: [
            ("latest-date(/client/readings/r/@date)", "2026-11-15"),
            ("date(latest-date(/client/readings/r/@date))", "15 November 2026"),
            ("latest-date(/client/readings/r[@date < '2026-11'])", ""),
            ("latest-date(/client/readings/r[1]/@date)", "2026-10-01"),
            ("concat('[', latest-date(/client/nothing), ']')", "[]"),
        ])
    func latestDate(expression: String, expected: String) throws {
        let model = """
            <client><readings><r date="2026-10-01"/><r date="2026-11-15"/><r date=" 2026-11-02 "/><r date="2026-11-15"/></readings></client>
            """
        let rendered = try Fixture.render(
            template: Fixture.template(#"<p t:text="\#(Self.attribute(expression))" t:default="">x</p>"#), model: model)
        #expect(try #require(rendered.root.elements.first).textContent == expected)
    }

    @Test("latest-date() of something that is not a date is an error naming the value")
    func latestDateOfText() throws {
        #expect(try error(of: "latest-date(/client/values/value/statement)")
            == "The expression 'latest-date(/client/values/value/statement)' cannot be evaluated: latest-date(): 'Quality' is not a date (YYYY-MM-DD).")
        #expect(try error(of: "latest-date('2026-01-01')")
            == "The expression 'latest-date('2026-01-01')' cannot be evaluated: latest-date(): the argument must be a node-set.")
    }

    // MARK: - Text helpers

    @Test(
        "plural() chooses the singular form for exactly one",
        arguments: [
            ("plural(1, 'risk', 'risks')", "1 risk"),
            ("plural(0, 'risk', 'risks')", "0 risks"),
            ("plural(3, 'risk', 'risks')", "3 risks"),
            ("plural(1.5, 'day', 'days')", "1.5 days"),
            ("plural(3874, 'person', 'people')", "3,874 people"),
            ("plural(-1200, 'day', 'days')", "-1,200 days"),
            ("plural(999, 'day', 'days')", "999 days"),
            ("plural(count(//value), 'value', 'values')", "3 values"),
        ])
    func plural(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "join() joins the normalized string values of nodes, with an optional last separator",
        arguments: [
            ("join(//value/statement)", "Quality, Care for people, Speed"),
            ("join(//value/statement, '; ')", "Quality; Care for people; Speed"),
            ("join(//value/statement, ', ', ' and ')", "Quality, Care for people and Speed"),
            ("join(//value[position() < 3]/statement, ', ', ' and ')", "Quality and Care for people"),
            ("join(//value[1]/statement, ', ', ' and ')", "Quality"),
            ("join(//value/@id, ' / ')", "v1 / v2 / v3"),
            ("concat('[', join(/client/none), ']')", "[]"),
        ])
    func join(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "capitalize() upper-cases the first letter only; words() turns hyphens into spaces",
        arguments: [
            ("capitalize('retention')", "Retention"),
            ("capitalize('élan vital')", "Élan vital"),
            ("capitalize('already Upper')", "Already Upper"),
            ("concat('[', capitalize(''), ']')", "[]"),
            ("words('higher-is-better')", "higher is better"),
            ("words('plain')", "plain"),
            ("capitalize(words('at-risk'))", "At risk"),
        ])
    func textHelpers(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    // MARK: - Prose

    @Test(
        "frequency() writes a one-unit ISO duration as the templates' frequency words, anything else as written",
        arguments: [
            ("frequency('P1D')", "daily"),
            ("frequency('P7D')", "weekly"),
            ("frequency('P1W')", "weekly"),
            ("frequency('P14D')", "every two weeks"),
            ("frequency('P84D')", "every 12 weeks"),
            ("frequency('P10D')", "every ten days"),
            ("frequency('P2W')", "every two weeks"),
            ("frequency('P1M')", "monthly"),
            ("frequency('P3M')", "quarterly"),
            ("frequency('P6M')", "every six months"),
            ("frequency('P1Y')", "yearly"),
            ("frequency('P2Y')", "every two years"),
            ("frequency('P1.5D')", "every 1.5 days"),
            ("frequency('  P1W ')", "weekly"),
            ("frequency('PT4H')", "PT4H"),
            ("frequency('P1M15D')", "every 45 days"),
            ("frequency('P1M12D')", "every six weeks"),
            ("frequency('P99999999999999999999D')", "P99999999999999999999D"),
            ("frequency('P0D')", "P0D"),
            ("frequency('P-1D')", "P-1D"),
            ("frequency('P')", "P"),
            ("frequency('fortnightly')", "fortnightly"),
            ("concat('[', frequency(/client/none), ']')", "[]"),
        ])
    func frequency(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "span() writes a one-unit ISO duration as a span of time, anything else as written",
        arguments: [
            ("span('P1D')", "a day"),
            ("span('P3D')", "3 days"),
            ("span('P14D')", "14 days"),
            ("span('P1W')", "a week"),
            ("span('P2W')", "2 weeks"),
            ("span('P1M')", "a month"),
            ("span('P6M')", "6 months"),
            ("span('P1Y')", "a year"),
            ("span('PT4H')", "PT4H"),
            ("span('P1DT2H')", "P1DT2H"),
            ("span('P0.5D')", "P0.5D"),
        ])
    func span(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "number-words() writes a count from 0 to 12 in words, anything else as given",
        arguments: [
            ("number-words(0)", "no"),
            ("number-words(1)", "one"),
            ("number-words(7)", "seven"),
            ("number-words(12)", "twelve"),
            ("number-words(13)", "13"),
            ("number-words(2.5)", "2.5"),
            ("number-words(-1)", "-1"),
            ("number-words('4')", "four"),
            ("number-words(' 3. ')", "three"),
            ("number-words(count(//value))", "three"),
            ("number-words('many')", "many"),
            ("capitalize(number-words(8))", "Eight"),
        ])
    func numberWords(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "series() joins the non-empty items with commas and a final 'and'",
        arguments: [
            ("series('a')", "a"),
            ("series('a', 'b')", "a and b"),
            ("series('a', 'b', 'c')", "a, b and c"),
            ("series('', '2 on track', '', '1 missed', '')", "2 on track and 1 missed"),
            ("series('', ' ')", ""),
            ("series(' 4  at risk ')", "4 at risk"),
            ("series(substring('0 met', 1, 99 * (0 > 0)), '3 missed')", "3 missed"),
        ])
    func series(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "short-role() keeps the part of a role before a semicolon or an opening bracket, without a final full stop",
        arguments: [
            ("short-role('Finance Director; holder of the budget')", "Finance Director"),
            ("short-role('Head of Nursing (interim).')", "Head of Nursing"),
            ("short-role('Chief Executive.')", "Chief Executive"),
            ("short-role('Team Leader, Patient Access Centre')", "Team Leader, Patient Access Centre"),
            ("short-role('  Operations    Manager ')", "Operations Manager"),
            ("short-role('Clinical Lead (acting) ; nights')", "Clinical Lead"),
            ("short-role('Lead(Data)')", "Lead(Data)"),
            ("short-role('Ph.D.')", "Ph.D"),
            ("concat('[', short-role('; only a note'), ']')", "[]"),
        ])
    func shortRole(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "role-title() shortens a role as short-role() does, and also before a descriptive clause",
        arguments: [
            ("role-title('Packhouse and Quality Manager; responsible for grading')", "Packhouse and Quality Manager"),
            ("role-title('Finance Director, holder of the budget')", "Finance Director"),
            ("role-title('Team Leader, Patient Access Centre')", "Team Leader, Patient Access Centre"),
            ("role-title('Head of Operations, North Region, accountable for delivery')", "Head of Operations, North Region"),
            ("role-title('Head of Operations, North Region, Leeds')", "Head of Operations, North Region, Leeds"),
            ("role-title('Director of Nursing (interim), acting up.')", "Director of Nursing"),
            ("role-title('Chief Executive, ')", "Chief Executive,"),
            ("role-title('Chief Executive, .')", "Chief Executive"),
            ("role-title('Chief Executive.')", "Chief Executive"),
        ])
    func roleTitle(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "metric-name() takes the text before a colon and a space, else before the first comma and space outside a quotation, without a final full stop",
        arguments: [
            ("metric-name('Quality escapes: parts returned per million')", "Quality escapes"),
            ("metric-name('Median days from referral to first appointment, all specialties')", "Median days from referral to first appointment"),
            ("metric-name('Share of calls answered \"first time, every time\", by month')", "Share of calls answered \"first time, every time\", by month"),
            ("metric-name('Net promoter score.')", "Net promoter score"),
            ("metric-name('  On-time   delivery ')", "On-time delivery"),
            ("metric-name('Waits, in weeks: median')", "Waits"),
            // Consultant review: "per 100,000 meals served, ..." was printed "per 100".
            ("metric-name('Allergen incidents (served or near miss) per 100,000 meals served, all sites')", "Allergen incidents (served or near miss) per 100,000 meals served"),
            ("metric-name('Share of shifts staffed at a ratio of 1:4 or better')", "Share of shifts staffed at a ratio of 1:4 or better"),
        ])
    func metricName(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "uncapitalize() lower-cases a first capital followed by a lower-case letter, and leaves acronyms and names",
        arguments: [
            ("uncapitalize('Median wait')", "median wait"),
            ("uncapitalize('AOG response time')", "AOG response time"),
            ("uncapitalize('X-ray turnaround')", "X-ray turnaround"),
            ("uncapitalize('A')", "A"),
            ("uncapitalize('Friends and Family Test rating')", "Friends and Family Test rating"),
            ("uncapitalize('Patient Access Centre calls answered')", "Patient Access Centre calls answered"),
            ("uncapitalize('Calls answered within a minute by the Patient Access Centre')", "calls answered within a minute by the Patient Access Centre"),
            ("uncapitalize('already lower')", "already lower"),
            ("uncapitalize('Écart moyen')", "Écart moyen"),
            ("uncapitalize(metric-name('Quality escapes: per million'))", "quality escapes"),
        ])
    func uncapitalize(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "measure() keeps the decimals a value is written with, spells out h, min and d, and shows scores bare",
        arguments: [
            ("measure('58.4', '%')", "58.4%"),
            ("measure(66, '%')", "66%"),
            ("measure('6.50', 'h')", "6.50 hours"),
            ("measure('45', 'min')", "45 minutes"),
            ("measure('94', 'd')", "94 days"),
            ("measure('1850', 'ppm')", "1,850 ppm"),
            ("measure('9.4', 'queries-per-100-loads')", "9.4 queries per 100 loads"),
            ("measure('4.0', 'score')", "4.0"),
            ("measure('3', 'rating')", "3"),
            ("measure('72', 'index')", "72"),
            ("measure('12', 'points')", "12"),
            // Consultant review: "13,650,000 USD" beside "$7.31m".
            ("measure('13650000', 'USD')", "$13,650,000"),
            ("measure('-2500.5', 'GBP')", "-£2,500.5"),
            ("measure('1200', 'CHF')", "CHF 1,200"),
            ("measure('12', '')", "12"),
            ("measure('-2.5', ' h ')", "-2.5 hours"),
            ("measure('1.23456789', 'kg')", "1.234568 kg"),
            ("measure('n/a', '%')", "–"),
            ("measure('n/a', 'days')", "–"),
        ])
    func measure(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    @Test(
        "metric-value() keeps the decimals of the value and at least those of the target; units in words, ratings and scores bare",
        arguments: [
            ("metric-value(3, 'rating', '4.0')", "3.0"),
            ("metric-value('2.25', 'score', 3)", "2.25"),
            ("metric-value(78, 'days', 60)", "78 days"),
            ("metric-value('63.7', '%', 66)", "63.7%"),
            ("metric-value(58, '%', '66.5')", "58.0%"),
            ("metric-value(1130, 'ppm', 1000)", "1,130 ppm"),
            ("metric-value('9.5', 'h', 8)", "9.5 hours"),
            ("metric-value(5, 'first-contact-fixes', '')", "5 first contact fixes"),
            ("metric-value('n/a', '%', 1)", "–"),
            ("metric-value('n/a', 'days', 1)", "–"),
            ("concat('[', metric-value(1, /client/none, 1), ']')", "[]"),
        ])
    func metricValue(expression: String, expected: String) throws {
        #expect(try text(of: expression) == expected)
    }

    // MARK: - Wrong arguments

    @Test(
        "A wrong number of arguments is an error that names the function and the counts",
        arguments: [
            ("money()", "money(): takes 1 to 2 arguments, not 0."),
            ("money(1, 'short', 3)", "money(): takes 1 to 2 arguments, not 3."),
            ("percent(1, 2, 3)", "percent(): takes 1 to 2 arguments, not 3."),
            ("decimal()", "decimal(): takes 1 to 2 arguments, not 0."),
            ("date()", "date(): takes 1 argument, not 0."),
            ("date('2026-01-01', 'x')", "date(): takes 1 argument, not 2."),
            ("plural(1, 'a')", "plural(): takes 3 arguments, not 2."),
            ("join()", "join(): takes 1 to 3 arguments, not 0."),
            ("join(//value, ',', ',', ',')", "join(): takes 1 to 3 arguments, not 4."),
            ("capitalize('a', 'b')", "capitalize(): takes 1 argument, not 2."),
            ("words()", "words(): takes 1 argument, not 0."),
            ("quantity(1)", "quantity(): takes 2 arguments, not 1."),
            ("add-days('2026-01-01')", "add-days(): takes 2 arguments, not 1."),
            ("days-between('2026-01-01', '2026-01-02', 3)", "days-between(): takes 2 arguments, not 3."),
            ("duration()", "duration(): takes 1 argument, not 0."),
            ("frequency()", "frequency(): takes 1 argument, not 0."),
            ("span('P1D', 'P2D')", "span(): takes 1 argument, not 2."),
            ("number-words()", "number-words(): takes 1 argument, not 0."),
            ("short-role('a', 'b')", "short-role(): takes 1 argument, not 2."),
            ("role-title()", "role-title(): takes 1 argument, not 0."),
            ("metric-name('a', 'b')", "metric-name(): takes 1 argument, not 2."),
            ("uncapitalize()", "uncapitalize(): takes 1 argument, not 0."),
            ("measure(1)", "measure(): takes 2 arguments, not 1."),
            ("metric-value(1, '%')", "metric-value(): takes 3 arguments, not 2."),
            ("current(.)", "current() takes no arguments."),
        ])
    func wrongArgumentCount(expression: String, message: String) throws {
        #expect(try error(of: expression) == "The expression '\(expression)' cannot be evaluated: \(message)")
    }

    @Test("join() of something other than nodes is an error")
    func joinNeedsNodes() throws {
        #expect(
            try error(of: "join('a, b')")
                == "The expression 'join('a, b')' cannot be evaluated: join(): the first argument must be a node-set.")
    }
}
