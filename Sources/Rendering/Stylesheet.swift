/// The stylesheet inlined in every HTML page: readable on screen, clean on paper.
enum Stylesheet {
    /// The shipped font stacks; a firm's font goes in front of them, so that a reader
    /// without it still gets a face of the same kind.
    static let headingFonts = #""Source Sans Pro", "Helvetica Neue", Arial, sans-serif"#
    static let bodyFonts = #""Source Serif Pro", Georgia, "Times New Roman", serif"#

    static let css = """
        :root { --ink: #1d2433; --muted: #5b6475; --rule: #d7dce5; --accent: #1f4e79; --highlight: #1f4e79;
          --soft: #f4f6fa; --good: #1b7340; --warn: #9a6700; --bad: #b42318;
          --heading-font: \(headingFonts); --body-font: \(bodyFonts); }
        * { box-sizing: border-box; }
        body { font: 16px/1.55 var(--body-font); color: var(--ink);
          max-width: 52rem; margin: 2.5rem auto; padding: 0 1.25rem; }
        h1, h2, h3, h4 { font-family: var(--heading-font); color: var(--accent);
          line-height: 1.25; }
        h1 { font-size: 2rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.45rem; margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 1.15rem; margin-top: 1.6rem; }
        p, li { hyphens: auto; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0 1.5rem; font-size: .92rem; }
        caption { text-align: left; font-weight: 600; margin-bottom: .35rem; color: var(--muted); }
        th, td { border: 1px solid var(--rule); padding: .4rem .55rem; text-align: left; vertical-align: top; }
        th { background: var(--soft); font-family: var(--heading-font); }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .cover { border-bottom: 4px solid var(--accent); margin-bottom: 2rem; padding-bottom: 1rem; }
        .cover .subtitle { color: var(--muted); font-size: 1.1rem; }
        .cover img.logo { display: block; max-height: 3.5rem; max-width: 16rem; margin-bottom: 1.5rem; }
        .cover .firm { color: var(--muted); font-size: .9rem; margin-top: 1.25rem; }
        .toc { background: var(--soft); padding: .75rem 1.25rem; border-radius: 6px; margin: 1.5rem 0 2rem; }
        .toc h2 { border: 0; margin: .25rem 0; font-size: 1.1rem; }
        .toc ol { margin: .25rem 0 .5rem 1.25rem; padding: 0; columns: 2; }
        .callout { border-left: 4px solid var(--highlight); background: var(--soft); padding: .6rem 1rem; margin: 1rem 0; }
        .status-met, .status-on-track, .rating-low { color: var(--good); font-weight: 600; }
        .status-at-risk, .rating-medium { color: var(--warn); font-weight: 600; }
        .status-missed, .rating-high { color: var(--bad); font-weight: 600; }
        figure.chart { margin: 1.25rem 0 1.75rem; }
        figure.chart svg { display: block; width: 100%; height: auto; max-width: 680px; }
        figcaption { color: var(--muted); font-size: .9rem; margin-top: .4rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        @media print {
          body { max-width: none; margin: 0; font-size: 11pt; }
          .toc { break-after: page; }
          body > section { break-before: page; }
          h2, h3 { break-after: avoid; }
          /* A long table may run over a page, between rows, with its header repeated: kept
             whole it left most of a page blank before it. */
          figure, tr { break-inside: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
        }

        """
}

extension Stylesheet {
    /// CSS for `style`'s colours, fonts and page size, which follows the shipped stylesheet
    /// and goes before the document's own stylesheets; empty for the shipped style.
    static func houseRules(for style: DocumentHead) -> String {
        var variables: [String] = []
        if let colour = style.primaryColour { variables.append("--accent: \(colour);") }
        if let colour = style.accentColour { variables.append("--highlight: \(colour);") }
        if let colour = style.textColour { variables.append("--ink: \(colour);") }
        if let font = style.headingFont { variables.append("--heading-font: \(quoted(font)), \(headingFonts);") }
        if let font = style.bodyFont { variables.append("--body-font: \(quoted(font)), \(bodyFonts);") }
        var css = variables.isEmpty ? "" : ":root { \(variables.joined(separator: " ")) }\n"
        css += "@page { size: \(style.pageSize.rawValue); margin: \(style.pageSize == .a4 ? "20mm" : "0.75in"); }\n"
        return css
    }

    /// `name` as a CSS string, every character but letters, digits, spaces and hyphens
    /// escaped, so that no font name can end the string or the `<style>` element.
    static func quoted(_ name: String) -> String {
        var text = "\""
        for scalar in name.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " || scalar == "-" {
                text.unicodeScalars.append(scalar)
            } else {
                text += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return text + "\""
    }

    /// A document's own stylesheet, safe inside an HTML `<style>`: only `</` can end the
    /// element, and a CSS escape keeps the same meaning.
    static func embeddable(_ css: String) -> String {
        css.replacingOccurrences(of: "</", with: "<\\/")
    }
}
