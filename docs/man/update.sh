#!/usr/bin/env bash
# Regenerates docs/engage.1 from the commands' own help (swift-argument-parser's
# GenerateManual plugin), with the EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES sections
# of docs/man/sections.mdoc in place of the plugin's generic EXIT STATUS. Run it after
# changing a command, an option or its help; a test checks the page is current.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The date of the page is the version's, not today's: the same sources give the same page.
date=$(sed -n 's/.*releaseDate = "\(....-..-..\)".*/\1/p' Sources/EngagementCore/EngageVersion.swift)
swift package generate-manual --date "$date" --configuration debug >&2
generated=.build/plugins/GenerateManual/outputs/engage/engage.1
python3 - "$generated" docs/man/sections.mdoc docs/engage.1 <<'PY'
import sys
generated, sections, target = sys.argv[1:]
page = open(generated, encoding="utf-8").read()
start = page.index('.Sh "EXIT STATUS"')
page = page[:start] + open(sections, encoding="utf-8").read()
open(target, "w", encoding="utf-8").write(page)
PY
echo "wrote docs/engage.1" >&2
