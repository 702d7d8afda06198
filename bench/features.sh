#!/usr/bin/env bash
# What scraping and archiving cost: the same crawl of the bundled test site with nothing but the built-in
# fields, with seeds/demo.toml's five [[extract]] rules (every page then goes through Gumbo), with a WARC
# archive ("warc" in formats), and with both; pages/s and CPU seconds by process role, the median of RUNS runs.
#
#   bench/features.sh [PAGES] [RUNS]        default: 6000 pages (about 10,000 URLs), 3 runs
#
# One fetcher and one parser, so that each role's CPU is one process's. The table is printed and a row per
# variant appended to bench/results/features.csv with the date and the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-6000}
runs=${2:-3}
scripts/build.sh arachne-cli arachne-testsite >/dev/null
work=$(mktemp -d /tmp/arachne-features.XXXXXX)
port=${BENCH_PORT:-18091}
build/arachne-testsite serve --port "$port" --pages "$pages" >"$work/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; wait $site 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "http://" "$work/site.log" && break; sleep 0.1; done

rules=$(sed -n '/^\[\[extract\]\]/,$p' seeds/demo.toml)
seed() {  # seed NAME FORMATS RULES
  printf 'name = "%s"\nseeds = ["http://127.0.0.1:%s/index.html"]\n%s\n[workers]\nfetchers = 1\nparsers = 1\n[output]\ndir = "%s"\nformats = [%s]\n' \
    "$1" "$port" "$3" "$work/out" "$2" >"$work/$1.toml"
}
seed plain '"jsonl"' ""
seed rules '"jsonl"' "$rules"
seed warc '"jsonl", "warc"' ""
seed rules_warc '"jsonl", "warc"' "$rules"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
csv=bench/results/features.csv
[[ -f $csv ]] || echo "date,commit,variant,pages,pages_per_s,coordinator_cpu_s,fetchers_cpu_s,parsers_cpu_s,warc_mb" >"$csv"
printf '%-11s %8s %10s %12s %10s %10s %9s\n' variant records pages/s coordinator fetcher parser warc_MB
for variant in plain rules warc rules_warc; do
  results=()
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out"
    summary=$(build/arachne crawl "$work/$variant.toml" 2>/dev/null)
    warc_mb=$(du -m "$work/out/$variant.warc.gz" 2>/dev/null | cut -f1 || true)
    results+=("$(python3 - "$summary" "${warc_mb:-0}" <<'PY'
import re, sys
s = sys.argv[1]
pages, rate = re.search(r"Pages\s+([\d,]+)\s+\(([\d.,]+) pages/s\)", s).groups()
cpu = re.search(r"coordinator ([\d.]+) s, fetchers ([\d.]+) s, parsers ([\d.]+) s", s).groups()
print(pages.replace(",", ""), rate.replace(",", ""), *cpu, sys.argv[2])
PY
)")
  done
  # The run with the median pages/s.
  median=$(printf '%s\n' "${results[@]}" | sort -k2 -n | sed -n "$(((runs + 1) / 2))p")
  read -r n rate coord fetch parse mb <<<"$median"
  printf '%-11s %8s %10s %12s %10s %10s %9s\n' "$variant" "$n" "$rate" "$coord s" "$fetch s" "$parse s" "$mb"
  echo "$(date -u +%F),$commit,$variant,$n,$rate,$coord,$fetch,$parse,$mb" >>"$csv"
done
