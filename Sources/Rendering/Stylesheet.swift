/// The stylesheet inlined in every HTML page: readable on screen, clean on paper.
enum Stylesheet {
    static let css = """
        :root { --ink: #1d2433; --muted: #5b6475; --rule: #d7dce5; --accent: #1f4e79; --soft: #f4f6fa;
          --good: #1b7340; --warn: #9a6700; --bad: #b42318; }
        * { box-sizing: border-box; }
        body { font: 16px/1.55 "Source Serif Pro", Georgia, "Times New Roman", serif; color: var(--ink);
          max-width: 52rem; margin: 2.5rem auto; padding: 0 1.25rem; }
        h1, h2, h3, h4 { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: var(--accent);
          line-height: 1.25; }
        h1 { font-size: 2rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.45rem; margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 1.15rem; margin-top: 1.6rem; }
        p, li { hyphens: auto; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0 1.5rem; font-size: .92rem; }
        caption { text-align: left; font-weight: 600; margin-bottom: .35rem; color: var(--muted); }
        th, td { border: 1px solid var(--rule); padding: .4rem .55rem; text-align: left; vertical-align: top; }
        th { background: var(--soft); font-family: "Source Sans Pro", Arial, sans-serif; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .cover { border-bottom: 4px solid var(--accent); margin-bottom: 2rem; padding-bottom: 1rem; }
        .cover .subtitle { color: var(--muted); font-size: 1.1rem; }
        .toc { background: var(--soft); padding: .75rem 1.25rem; border-radius: 6px; margin: 1.5rem 0 2rem; }
        .toc h2 { border: 0; margin: .25rem 0; font-size: 1.1rem; }
        .toc ol { margin: .25rem 0 .5rem 1.25rem; padding: 0; columns: 2; }
        .callout { border-left: 4px solid var(--accent); background: var(--soft); padding: .6rem 1rem; margin: 1rem 0; }
        .status-met, .status-on-track, .rating-low { color: var(--good); font-weight: 600; }
        .status-at-risk, .rating-medium { color: var(--warn); font-weight: 600; }
        .status-missed, .rating-high { color: var(--bad); font-weight: 600; }
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
