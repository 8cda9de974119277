#!/usr/bin/env bash
# Benchmark of `engage generate`. Run from the repository root:
#
#   Benchmarks/run.sh [N]          N synthetic profiles (default 1000)
#
# Environment:
#   BENCH_OUT=DIR     work folder (default Benchmarks/out, git-ignored); its profiles/,
#                     packs/ and single/ sub-folders are recreated on every run
#   BENCH_SEED=S      seed of the profile generator (default 42)
#   BENCH_RUNS=R      runs of the single-profile measurement (default 10)
#   BENCH_STRICT=1    exit 1 when a target is missed (default: report only)
#   BENCH_SKIP_BUILD=1  use the existing release binary instead of building
#   BENCH_ENGAGE=PATH   benchmark this engage binary instead (no build), e.g. one
#                       built from another commit
#   ENGAGE_TEMPLATES=DIR  templates to render (default: a copy of Templates/ taken at
#                       the start, so that edits during the run do not count)
#
# Measures (a) a batch generate of N profiles (wall time, documents/s, peak RSS),
# (b) a single generate of Samples/northgate-hospitals.xml into a fresh folder (median
# of R runs), (c) the same batch again onto the same output (nothing to rewrite), (d) the
# batch of (a) into a fresh folder with Word documents as well (the CPU DOCX adds per
# document), (e) engage audit of the N profiles against the sample firm's service standard
# (the portfolio audit, target under 5 s for 1000 clients), (f) the charts (the CPU of
# drawing each document's charts as SVG, target 2 ms, and of drawing a chart as the PNG a
# Word document carries, target 20 ms; needs engage-benchmarks beside engage), and the floor of
# Benchmarks/floor.py (the CPU of the work every pack needs).
# See Benchmarks/README.md for what the figures mean.
set -euo pipefail

die() { printf 'run.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
esac
N="${1:-1000}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, got '$N' (usage: Benchmarks/run.sh [N])"
[[ $# -le 1 ]] || die "too many arguments (usage: Benchmarks/run.sh [N])"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -f Package.swift && -d Sources/EngageCLI ]] || die "run it from the engage repository (no Package.swift in $ROOT)"

SEED="${BENCH_SEED:-42}"
RUNS="${BENCH_RUNS:-10}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number, got '$RUNS'"
SAMPLE="Samples/northgate-hospitals.xml"
[[ -f "$SAMPLE" ]] || die "$SAMPLE is missing"

# ---------------------------------------------------------------------------
# Tools: install only through apt-get, only when missing, only as root.
# ---------------------------------------------------------------------------
need_package() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "$1 is missing: installing the Debian package '$2'"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; } \
            || die "could not install '$2' with apt-get"
    else
        die "$1 is missing: install the '$2' package (e.g. sudo apt-get install $2)"
    fi
}
command -v swift >/dev/null 2>&1 || die "swift is not on PATH (Swift 6.0 or later is needed)"
command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH (the profile generator needs it)"
if [[ ! -x /usr/bin/time ]]; then
    need_package /usr/bin/time time
fi
/usr/bin/time -v true >/dev/null 2>&1 || die "/usr/bin/time does not support -v (GNU time is needed: apt-get install time)"

# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------
if [[ -n "${BENCH_ENGAGE:-}" ]]; then
    ENGAGE="$(cd "$(dirname "$BENCH_ENGAGE")" && pwd)/$(basename "$BENCH_ENGAGE")"
    [[ -x "$ENGAGE" ]] || die "BENCH_ENGAGE=$BENCH_ENGAGE is not an executable"
else
    if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
        say "building release: swift build -c release --static-swift-stdlib"
        swift build -c release --static-swift-stdlib >&2 || die "swift build -c release failed (see the compiler output above)"
    fi
    BIN_DIR="$(swift build -c release --static-swift-stdlib --show-bin-path 2>/dev/null || echo .build/release)"
    ENGAGE="$BIN_DIR/engage"
    [[ -x "$ENGAGE" ]] || die "no release binary at $ENGAGE (run without BENCH_SKIP_BUILD=1)"
fi

# ---------------------------------------------------------------------------
# Work folder and profiles
# ---------------------------------------------------------------------------
WORK="${BENCH_OUT:-$ROOT/Benchmarks/out}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
PROFILES="$WORK/profiles"
PACKS="$WORK/packs"
SINGLE="$WORK/single"
LOGS="$WORK/logs"
rm -rf "$PROFILES" "$PACKS" "$SINGLE" "$LOGS"
mkdir -p "$PROFILES" "$LOGS"

# The templates: a snapshot, so that the three measurements render the same templates
# even if Templates/ is edited meanwhile (engage honours ENGAGE_TEMPLATES). An
# ENGAGE_TEMPLATES set by the caller is kept.
if [[ -z "${ENGAGE_TEMPLATES:-}" ]]; then
    [[ -f Templates/strategy.xhtml ]] || die "Templates/ is missing; set ENGAGE_TEMPLATES to a template folder"
    rm -rf "$WORK/templates"
    cp -R Templates "$WORK/templates"
    export ENGAGE_TEMPLATES="$WORK/templates"
fi

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
rss_mb() { # file written by /usr/bin/time -v
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"
}
cpu_s() { # user + system seconds from a /usr/bin/time -v report
    awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { printf "%.2f", u + s }' "$1"
}
load1() { awk '{ print $1 }' /proc/loadavg 2>/dev/null || echo "?"; }
CORES=$(nproc)
LOAD_START=$(load1)
if awk -v l="$LOAD_START" -v c="$CORES" 'BEGIN { exit !(l + 0 > c / 2) }'; then
    say "warning: the load average is $LOAD_START on $CORES cores: other work competes for the CPU and wall times will be high"
fi

say "generating $N profiles (seed $SEED) into $PROFILES"
python3 Benchmarks/generate_profiles.py "$N" "$PROFILES" --seed "$SEED" 2>"$LOGS/generate_profiles.log" \
    || { cat "$LOGS/generate_profiles.log" >&2; die "the profile generator failed"; }
shopt -s nullglob
FILES=("$PROFILES"/*.xml)
shopt -u nullglob
[[ ${#FILES[@]} -eq $N ]] || die "expected $N profiles in $PROFILES, found ${#FILES[@]}"
PROFILE_BYTES=$(cat "${FILES[@]}" | wc -c)

say "validating them: engage validate"
start=$(now_ns)
if ! "$ENGAGE" validate "${FILES[@]}" >"$LOGS/validate.log" 2>&1; then
    head -20 "$LOGS/validate.log" >&2
    die "engage validate rejected generated profiles (full output: $LOGS/validate.log)"
fi
VALIDATE_MS=$(ms_since "$start")

# ---------------------------------------------------------------------------
# (a) batch into an empty folder
# ---------------------------------------------------------------------------
run_batch() { # label [output folder] [generate options...] -> sets BATCH_MS, BATCH_RSS, BATCH_CPU
    local label="$1" out="${2:-$PACKS}"
    shift $(( $# < 2 ? $# : 2 ))
    say "($label) engage generate <$N profiles> --out-dir $out $*"
    local start rc=0
    start=$(now_ns)
    /usr/bin/time -v -o "$LOGS/time-$label.txt" \
        "$ENGAGE" generate "${FILES[@]}" --out-dir "$out" "$@" >"$LOGS/generate-$label.log" 2>&1 || rc=$?
    BATCH_MS=$(ms_since "$start")
    if [[ $rc -ne 0 ]]; then
        grep -v ' written, ' "$LOGS/generate-$label.log" | head -20 >&2 || true
        die "engage generate (batch $label) exited $rc (full output: $LOGS/generate-$label.log)"
    fi
    BATCH_RSS=$(rss_mb "$LOGS/time-$label.txt")
    BATCH_CPU=$(cpu_s "$LOGS/time-$label.txt")
}
written_total() { # sum of "N written" / "N files written" over the per-profile lines of a generate log
    awk '/ written, / { for (i = 2; i <= NF; i++) if ($i == "written," || $i == "written") {
            n = ($(i-1) == "files" || $(i-1) == "file") ? $(i-2) : $(i-1); if (n ~ /^[0-9]+$/) s += n } }
         END { print s + 0 }' "$1"
}
tree_state() { find "$PACKS" -type f -printf '%P %s %T@\n' | LC_ALL=C sort; }

run_batch a
A_MS=$BATCH_MS; A_RSS=$BATCH_RSS; A_CPU=$BATCH_CPU
PACK_COUNT=$(find "$PACKS" -mindepth 1 -maxdepth 1 -type d | wc -l)
DOC_FILES=$(find "$PACKS" -type f \( -name '*.xhtml' -o -name '*.html' -o -name '*.md' \) | wc -l)
OUT_BYTES=$(find "$PACKS" -type f \( -name '*.xhtml' -o -name '*.html' -o -name '*.md' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
ALL_BYTES=$(find "$PACKS" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
[[ $PACK_COUNT -eq $N ]] || die "expected $N packs in $PACKS, found $PACK_COUNT"
[[ $DOC_FILES -eq $((N * 12)) ]] \
    || say "warning: expected $((N * 12)) document files (4 documents x xhtml, html, md), found $DOC_FILES"
A_WRITTEN=$(written_total "$LOGS/generate-a.log")

# ---------------------------------------------------------------------------
# (c) the same batch onto the same output: nothing to rewrite
# ---------------------------------------------------------------------------
tree_state >"$LOGS/tree-before.txt"
run_batch c
C_MS=$BATCH_MS; C_RSS=$BATCH_RSS; C_CPU=$BATCH_CPU
tree_state >"$LOGS/tree-after.txt"
C_WRITTEN=$(written_total "$LOGS/generate-c.log")
C_CHANGED=$(LC_ALL=C comm -13 "$LOGS/tree-before.txt" "$LOGS/tree-after.txt" | wc -l)

# ---------------------------------------------------------------------------
# (d) the batch of (a) with Word documents too: what writing DOCX costs
# ---------------------------------------------------------------------------
rm -rf "$WORK/packs-docx"
run_batch d "$WORK/packs-docx" --format xhtml,html,md,docx
D_CPU=$BATCH_CPU; D_RSS=$BATCH_RSS
DOCX_FILES=$(find "$WORK/packs-docx" -type f -name '*.docx' | wc -l)
[[ $DOCX_FILES -eq $((N * 4)) ]] || die "expected $((N * 4)) Word documents in $WORK/packs-docx, found $DOCX_FILES"

# ---------------------------------------------------------------------------
# (e) the portfolio audit: every profile against the sample firm's standard
# ---------------------------------------------------------------------------
say "(e) engage audit <$N profiles> --firm Samples/halden-partners/firm.xml --json"
start=$(now_ns)
/usr/bin/time -v -o "$LOGS/time-audit.txt" "$ENGAGE" audit "${FILES[@]}" --firm Samples/halden-partners/firm.xml \
    --today 2026-11-22 --json >"$LOGS/audit.json" 2>"$LOGS/audit.log" \
    || { head -20 "$LOGS/audit.log" >&2; die "engage audit failed (full output: $LOGS/audit.log)"; }
E_MS=$(ms_since "$start")
E_RSS=$(rss_mb "$LOGS/time-audit.txt")
E_CPU=$(cpu_s "$LOGS/time-audit.txt")
E_CLIENTS=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["clients"]))' "$LOGS/audit.json")
[[ $E_CLIENTS -eq $N ]] || die "engage audit reported $E_CLIENTS clients, expected $N"

# ---------------------------------------------------------------------------
# (b) one profile into a fresh folder, median of RUNS runs
# ---------------------------------------------------------------------------
say "(b) engage generate $SAMPLE --out <fresh folder>, $RUNS runs"
/usr/bin/time -v -o "$LOGS/time-single.txt" "$ENGAGE" generate "$SAMPLE" --out "$SINGLE/warmup" \
    >"$LOGS/generate-single.log" 2>&1 \
    || { cat "$LOGS/generate-single.log" >&2; die "engage generate $SAMPLE failed"; }
SINGLE_RSS=$(rss_mb "$LOGS/time-single.txt")
median() { sort -n "$1" | awk '{ v[NR] = $1 } END {
    if (NR == 0) print "?"; else if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
if command -v hyperfine >/dev/null 2>&1; then
    SINGLE_TOOL=hyperfine
    hyperfine --style basic --warmup 1 --runs "$RUNS" --prepare "rm -rf '$SINGLE/run'" \
        --export-json "$LOGS/hyperfine-single.json" \
        "'$ENGAGE' generate '$SAMPLE' --out '$SINGLE/run'" >&2
    read -r SINGLE_MS SINGLE_MIN SINGLE_MAX SINGLE_CPU_MS < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.1f %.1f %.1f %.1f" % (r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, (r["user"] + r["system"]) * 1000))' \
        "$LOGS/hyperfine-single.json")
else
    SINGLE_TOOL="date +%s%N loop"
    : >"$LOGS/single-times-ms.txt"
    : >"$LOGS/single-cpu-ms.txt"
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$SINGLE/run"
        start=$(now_ns)
        /usr/bin/time -f '%U %S' -o "$LOGS/single-cpu.tmp" "$ENGAGE" generate "$SAMPLE" --out "$SINGLE/run" >/dev/null 2>&1 \
            || die "engage generate $SAMPLE failed on run $i"
        end=$(now_ns)
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }' >>"$LOGS/single-times-ms.txt"
        awk '{ printf "%.1f\n", ($1 + $2) * 1000 }' "$LOGS/single-cpu.tmp" >>"$LOGS/single-cpu-ms.txt"
    done
    rm -f "$LOGS/single-cpu.tmp"
    SINGLE_MS=$(median "$LOGS/single-times-ms.txt")
    SINGLE_MIN=$(sort -n "$LOGS/single-times-ms.txt" | head -1)
    SINGLE_MAX=$(sort -n "$LOGS/single-times-ms.txt" | tail -1)
    SINGLE_CPU_MS=$(median "$LOGS/single-cpu-ms.txt")
fi

# ---------------------------------------------------------------------------
# (f) the charts: the CPU of drawing them as SVG (per document) and of drawing each
# as the PNG a Word document carries, over the samples with the sample firm
# ---------------------------------------------------------------------------
BENCHMARKS_BIN="$(dirname "$ENGAGE")/engage-benchmarks"
F_DRAW="?"; F_RASTER="?"; F_RASTER_CPU="?"; F_RASTER_LIBRSVG="?"; F_LINE=""
# Its usage line (exit status 2) says whether it has the charts benchmark; an older one has not.
if [[ -x "$BENCHMARKS_BIN" ]] && { "$BENCHMARKS_BIN" 2>&1 || true; } | grep -q charts; then
    say "(f) engage-benchmarks charts --firm Samples/halden-partners/firm.xml Samples/*.xml"
    F_LINE=$("$BENCHMARKS_BIN" charts --firm Samples/halden-partners/firm.xml Samples/*.xml) || die "engage-benchmarks charts failed"
    F_DRAW=$(sed -n 's/.*charts_draw_ms_per_document=\([0-9.]*\).*/\1/p' <<<"$F_LINE")
    # A space before the key: librsvg_raster_ms_per_chart is librsvg's own figure, for comparison.
    F_RASTER=$(sed -n 's/.* raster_ms_per_chart=\([0-9.]*\).*/\1/p' <<<"$F_LINE")
    F_RASTER_CPU=$(sed -n 's/.* raster_cpu_ms_per_chart=\([0-9.]*\).*/\1/p' <<<"$F_LINE")
    F_RASTER_LIBRSVG=$(sed -n 's/.*librsvg_raster_ms_per_chart=\([0-9.]*\).*/\1/p' <<<"$F_LINE")
fi

# ---------------------------------------------------------------------------
# The floor: what validating a profile, writing its files and storing its
# revisions cost on their own (Benchmarks/floor.py)
# ---------------------------------------------------------------------------
say "floor: the CPU of the work every pack needs, against the target's budget"
python3 Benchmarks/floor.py --work "$WORK" --engage "$ENGAGE" >"$LOGS/floor.txt" 2>&1 \
    || { cat "$LOGS/floor.txt" >&2; die "Benchmarks/floor.py failed"; }

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
DOCS=$((N * 4))
A_DOCS_S=$(awk -v d="$DOCS" -v ms="$A_MS" 'BEGIN { printf "%.0f", d / (ms / 1000) }')
C_DOCS_S=$(awk -v d="$DOCS" -v ms="$C_MS" 'BEGIN { printf "%.0f", d / (ms / 1000) }')
A_PROF_S=$(awk -v n="$N" -v ms="$A_MS" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
A_FILES_S=$(awk -v f="$DOC_FILES" -v ms="$A_MS" 'BEGIN { printf "%.0f", f / (ms / 1000) }')
# CPU-bound estimate, less sensitive to other load: documents per CPU second times cores.
A_CPU_MS_PROFILE=$(awk -v c="$A_CPU" -v n="$N" 'BEGIN { printf "%.1f", c * 1000 / n }')
A_DOCS_S_CPU=$(awk -v d="$DOCS" -v c="$A_CPU" -v k="$CORES" 'BEGIN { printf "%.0f", (c > 0 ? d / c * k : 0) }')
C_CPU_MS_PROFILE=$(awk -v c="$C_CPU" -v n="$N" 'BEGIN { printf "%.1f", c * 1000 / n }')
DOCX_MS_DOC=$(awk -v d="$D_CPU" -v a="$A_CPU" -v n="$DOCS" 'BEGIN { printf "%.2f", (d - a) * 1000 / n }')
LOAD_END=$(load1)
pass() { # value op target
    if awk -v v="$1" -v t="$3" "BEGIN { exit !(v $2 t) }"; then echo "ok"; else echo "MISSED"; fi
}
MISSED=0
P1=$(pass "$A_DOCS_S" ">=" 1000); P2=$(pass "$A_RSS" "<" 200); P3=$(pass "$SINGLE_MS" "<" 100)
P4=$(pass "$DOCX_MS_DOC" "<=" 5)
E_S=$(awk -v ms="$E_MS" -v n="$N" 'BEGIN { printf "%.2f", ms / 1000 * 1000 / n }')  # seconds per 1000 clients
P5=$(pass "$E_S" "<" 5)
[[ $P1 == ok && $P2 == ok && $P3 == ok && $P4 == ok && $P5 == ok ]] || MISSED=1
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (with local changes)" || true)

{
    echo
    echo "engage benchmark: $N profiles ($((PROFILE_BYTES / 1024)) KiB of XML, seed $SEED), $(nproc) cores, $CPU"
    echo "commit $COMMIT$DIRTY, $(swift --version 2>/dev/null | head -1)"
    echo "binary $ENGAGE, templates $ENGAGE_TEMPLATES"
    echo "load average $LOAD_START at start, $LOAD_END at end"
    echo
    printf '%-50s %18s %14s %7s\n' "measure" "result" "target" "status"
    printf '%-50s %18s %14s %7s\n' "--------------------------------------------------" "------------------" "--------------" "-------"
    printf '%-50s %18s %14s %7s\n' "(a) batch, empty output: documents/s" "$A_DOCS_S" ">= 1000" "$P1"
    printf '%-50s %18s %14s %7s\n' "(a) batch, empty output: peak RSS (MB)" "$A_RSS" "< 200" "$P2"
    printf '%-50s %18s %14s %7s\n' "(b) single generate, fresh folder: median ms" "$SINGLE_MS" "< 100" "$P3"
    printf '%-50s %18s %14s %7s\n' "(a) batch wall time (s)" "$(awk -v ms="$A_MS" 'BEGIN { printf "%.2f", ms / 1000 }')" "" ""
    printf '%-50s %18s %14s %7s\n' "(a) profiles/s, files/s" "$A_PROF_S, $A_FILES_S" "" ""
    printf '%-50s %18s %14s %7s\n' "(a) CPU (user+sys) s, ms per profile" "$A_CPU, $A_CPU_MS_PROFILE" "" ""
    printf '%-50s %18s %14s %7s\n' "(a) documents/s if all $CORES cores were free" "$A_DOCS_S_CPU" "" ""
    printf '%-50s %18s %14s %7s\n' "(a) files written; documents, other (MiB)" "$A_WRITTEN; $((OUT_BYTES / 1048576)), $(((ALL_BYTES - OUT_BYTES) / 1048576))" "" ""
    printf '%-50s %18s %14s %7s\n' "(c) batch again, same output: wall time (s)" "$(awk -v ms="$C_MS" 'BEGIN { printf "%.2f", ms / 1000 }')" "" ""
    printf '%-50s %18s %14s %7s\n' "(c) batch again: documents/s" "$C_DOCS_S" "" ""
    printf '%-50s %18s %14s %7s\n' "(c) batch again: peak RSS (MB)" "$C_RSS" "" ""
    printf '%-50s %18s %14s %7s\n' "(c) CPU (user+sys) s, ms per profile" "$C_CPU, $C_CPU_MS_PROFILE" "" ""
    printf '%-50s %18s %14s %7s\n' "(c) files reported written / changed on disk" "$C_WRITTEN / $C_CHANGED" "0 / 0" \
        "$([[ $C_WRITTEN -eq 0 && $C_CHANGED -eq 0 ]] && echo ok || echo MISSED)"
    printf '%-50s %18s %14s %7s\n' "(d) batch with docx: CPU ms per document added" "$DOCX_MS_DOC" "<= 5" "$P4"
    printf '%-50s %18s %14s %7s\n' "(d) batch with docx: CPU s, peak RSS (MB)" "$D_CPU, $D_RSS" "" ""
    printf '%-50s %18s %14s %7s\n' "(e) audit: s per 1000 clients (wall)" "$E_S" "< 5" "$P5"
    printf '%-50s %18s %14s %7s\n' "(f) charts: CPU ms per document to draw as SVG" "$F_DRAW" "<= 2" "$(pass "$F_DRAW" "<=" 2)"
    printf '%-50s %18s %14s %7s\n' "(f) charts: ms per chart to draw as PNG for Word" "$F_RASTER" "<= 20" "$(pass "$F_RASTER" "<=" 20)"
    printf '%-50s %18s %14s %7s\n' "(f) charts: CPU ms per PNG; by librsvg alone, ms" "${F_RASTER_CPU:-?}, ${F_RASTER_LIBRSVG:-?}" "" ""
    printf '%-50s %18s %14s %7s\n' "(e) audit: wall s, CPU s, peak RSS (MB)" "$(awk -v ms="$E_MS" 'BEGIN { printf "%.2f", ms / 1000 }'), $E_CPU, $E_RSS" "" ""
    printf '%-50s %18s %14s %7s\n' "(b) single generate: peak RSS (MB)" "$SINGLE_RSS" "" ""
    printf '%-50s %18s %14s %7s\n' "(b) single generate: min / max ms" "$(printf '%.1f / %.1f' "$SINGLE_MIN" "$SINGLE_MAX")" "" ""
    printf '%-50s %18s %14s %7s\n' "(b) single generate: CPU (user+sys) ms" "$SINGLE_CPU_MS" "" ""
    printf '%-50s %18s %14s %7s\n' "engage validate of the $N profiles (s)" "$(awk -v ms="$VALIDATE_MS" 'BEGIN { printf "%.2f", ms / 1000 }')" "" ""
    echo
    echo "documents/s counts 4 documents per profile, each written as xhtml, html and md; the"
    echo "\"if all cores were free\" line divides by CPU time instead of wall time (an estimate for a quiet machine)."
    echo "single-generate timing: $SINGLE_TOOL. Logs, /usr/bin/time -v reports and outputs: $WORK"
    echo
    [[ -n "$F_LINE" ]] && echo "charts by kind: $F_LINE"
    cat "$LOGS/floor.txt"
} | tee "$WORK/results.txt"

[[ $C_WRITTEN -eq 0 && $C_CHANGED -eq 0 ]] || { say "warning: the second batch rewrote files although nothing changed"; MISSED=1; }
if [[ "${BENCH_STRICT:-0}" == 1 && $MISSED -ne 0 ]]; then
    die "a target was missed (BENCH_STRICT=1)"
fi
exit 0
