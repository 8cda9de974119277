#!/usr/bin/env bash
# Benchmarks of the revision history and alerts work:
#   (d) engage diff's comparison of two large synthetic revisions (5,000 to 20,000 sections);
#   (e) process time of `engage status` and `engage alerts` per pack, over many packs.
#
#   Benchmarks/run-history.sh [PACKS]   PACKS: how many packs to check (default 1000)
#
# The packs come from Benchmarks/run.sh's output (Benchmarks/out/packs) when it has run;
# otherwise this script generates them from synthetic profiles first.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
out=${BENCH_OUT:-Benchmarks/out}
mkdir -p "$out/logs"

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    echo "building release ..." >&2
    swift build -c release --static-swift-stdlib >&2
fi
engage=.build/release/engage
benchmarks=.build/release/engage-benchmarks
[[ -x /usr/bin/time ]] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

echo "(d) diff of two synthetic revisions (5 paragraphs per section, 3% edited, 0.2% moved; best of 3)"
printf '%-10s %-11s %-12s %-12s %-10s\n' sections paragraphs compare_ms target peak_mb
for sections in 5000 10000 20000; do
    line=$("$benchmarks" diff "$sections")
    value() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$line"; }
    target="-"
    [[ $sections == 10000 ]] && target="< 1000"
    printf '%-10s %-11s %-12s %-12s %-10s\n' "$sections" "$(value paragraphs)" "$(value compare_ms)" "$target" "$(value peak_mb)"
done

packs=$out/packs
if [[ ! -d $packs ]] || (( $(find "$packs" -mindepth 1 -maxdepth 1 -type d | wc -l) < count )); then
    echo "generating $count packs for the status benchmark ..." >&2
    rm -rf "$out/history-profiles" "$out/history-packs"
    python3 Benchmarks/generate_profiles.py "$count" "$out/history-profiles" --seed 7 >&2
    "$engage" generate "$out"/history-profiles/*.xml --out-dir "$out/history-packs" >"$out/logs/history-generate.log" 2>&1
    packs=$out/history-packs
fi

measure() {  # $1: command name, $2: "changed" to check against an edited profile; prints ms per pack
    local pack profile extra
    local -a all
    mapfile -t all < <(find "$packs" -mindepth 1 -maxdepth 1 -type d | sort)
    for pack in "${all[@]:0:$count}"; do
        extra=()
        if [[ ${2:-} == changed ]]; then
            # The pack's profile with its mission and every statement reworded: a change
            # that makes most sections stale.
            profile=$(sqlite3 "$pack/.engage/revisions.sqlite" "SELECT profile_path FROM pack" 2>/dev/null || true)
            [[ -n $profile && -f $profile ]] || continue
            sed -E 's|<mission>|<mission>Revised: |; s|<statement>|<statement>Revised: |' "$profile" >"$out/logs/changed.xml"
            extra=(--profile "$out/logs/changed.xml")
        fi
        if [[ $1 == status ]]; then
            /usr/bin/time -f '%U %S' -o "$out/logs/time-one.txt" "$engage" status "$pack" "${extra[@]}" >/dev/null 2>&1 || true
        else
            /usr/bin/time -f '%U %S' -o "$out/logs/time-one.txt" "$engage" alerts "$pack" "${extra[@]}" --today 2026-11-22 >/dev/null 2>&1 || true
        fi
        awk '{ printf "%.0f\n", ($1 + $2) * 1000 }' "$out/logs/time-one.txt"
    done
}

echo
echo "(e) process time (user + system) per pack, over $count packs"
printf '%-18s %-10s %-10s %-10s %-10s %-10s\n' command mean_ms median_ms p95_ms max_ms target
for variant in unchanged changed; do
    for command in status alerts; do
        measure "$command" "$variant" | sort -n >"$out/logs/$command-$variant-ms.txt"
        awk -v name="$command ($variant)" '
            { value[NR] = $1; total += $1 }
            END {
                if (NR == 0) { printf "%-18s (no packs)\n", name; exit }
                p95 = value[int(NR * 0.95) > 0 ? int(NR * 0.95) : 1]
                printf "%-18s %-10.1f %-10s %-10s %-10s %-10s\n", name, total / NR, value[int((NR + 1) / 2)], p95, value[NR], "< 50"
            }' "$out/logs/$command-$variant-ms.txt"
    done
done
echo "unchanged: the profile each pack was generated from; changed: that profile with its mission"
echo "and every statement reworded, so that most sections are stale"
echo "(time has 10 ms resolution; per-pack figures are in $out/logs/*-ms.txt)"
