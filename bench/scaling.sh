#!/usr/bin/env bash
# How Arachne scales with its worker processes: crawls of one generated site, served by nginx on 127.0.0.1,
# with 1, 2 and 4 parser processes and 1 and 2 fetcher processes, and two charts of the result.
#
#   bench/scaling.sh [PAGES]        default: 20000; BENCH_PORT (default 18082), BENCH_REPEATS (default 7)
#
# Every configuration crawls the whole site BENCH_REPEATS times, the configurations taking turns so that a
# change in the machine's load falls on all of them alike; the table shows the run with the median pages/s
# (and the range of all its runs). Pages/s is the distinct URLs a crawl recorded (its jsonl output) over the
# wall time of the whole command; CPU is user+system of the crawler's process tree and memory the peak of the
# tree's summed RSS (bench/measure.py: pages shared between processes, such as the page-body files fetchers
# and parsers both map, count once per process); the split of CPU between coordinator, fetchers and parsers is the
# crawl's own summary (its CPU row, to 0.1 s). Seed as in bench/compare.sh: robots.txt and adaptive
# politeness off, 64 transfers a fetcher and 64 a host. One unmeasured crawl first warms nginx and the page
# cache. The crawls run a copy of build/arachne taken right after the build (it is its own worker), so that
# a rebuild during the run changes nothing. The machine's load average and how many cores were busy just
# before the run are printed first, and how much CPU other processes took during it: the crawls share the
# cores with whatever else runs.
# Writes bench/results/scaling.csv, and bench/plot_scaling.py draws bench/results/scaling.svg (pages/s by
# parser count) and bench/results/cpu_by_process.svg (CPU per page by process role).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source bench/nginx.sh
source bench/arachne_seed.sh
pages=${1:-20000}
port=${BENCH_PORT:-18082}
repeats=${BENCH_REPEATS:-7}
fetcher_counts=(1 2)
parser_counts=(1 2 4)

scripts/install-deps.sh --bench
scripts/build.sh arachne-cli arachne-testsite >/dev/null

nginx_work_dir scaling
cp build/arachne "$work/arachne"
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain -- src CMakeLists.txt 2>/dev/null)" ]]; then
  revision+=" with uncommitted changes under src/"
fi

loadavg() { awk '{ print $1 ", " $2 ", " $3 }' /proc/loadavg; }
load_before=$(loadavg)
cores=$(nproc)
echo "arachne built from $revision"
echo "machine: $cores cores; load average (1, 5, 15 min) before the run: $load_before"
# Cores busy over one second: the load average trails by minutes, this tells whether something runs now.
busy_now() {
  local a b
  a=$(head -1 /proc/stat)
  sleep 1
  b=$(head -1 /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {
    n = split(a, x); split(b, y); idle = (y[5] + y[6]) - (x[5] + x[6]); total = 0
    for (i = 2; i <= 9 && i <= n; i++) total += y[i] - x[i]  # to steal; guest time is in user
    printf "%.1f", total ? '"$cores"' * (total - idle) / total : 0 }'
}
busy=$(busy_now)
echo "cores busy in the last second, before any crawl: $busy of $cores"
if awk -v b="$busy" 'BEGIN { exit !(b >= 0.3) }'; then
  echo "note: other processes are busy, the crawls share the cores with them; the busiest (CPU since they started):"
  ps -eo pcpu=,comm= --sort=-pcpu | head -3 | awk '{ printf "  %5.1f%% CPU  %s\n", $1, $2 }'
fi

echo "generating a $pages-page site ..."
build/arachne-testsite write "$work/site" --base "http://127.0.0.1:$port" --pages "$pages" --seed 1
expected=$(build/arachne-testsite list --base "http://127.0.0.1:$port" --pages "$pages" --seed 1 | wc -l)

nginx_start "$work" "$port" "$work/site"
nginx_wait "http://127.0.0.1:$port/index.html"

# seed FETCHERS PARSERS OUT: writes the seed file of one configuration and prints its path.
seed() {
  local file="$work/f$1-p$2.toml"
  arachne_seed "$file" "http://127.0.0.1:$port/index.html" "$3" "$1" "$2"
  echo "$file"
}

# crawl FETCHERS PARSERS RUN: one measured crawl; leaves RUN.measure (measure.py's JSON), RUN.summary (the
# crawl's stdout) and RUN.urls (distinct URLs in its output) in $work/runs.
crawl() {
  local run="$work/runs/$3" out="$work/out-$3"
  local file
  file=$(seed "$1" "$2" "$out")
  # exec: the shell becomes the crawler, so the measured tree is the crawler's alone.
  # shellcheck disable=SC2016 # $0, $1 and $2 are the inner shell's
  "$root/bench/measure.py" -- /bin/sh -c 'exec "$0" crawl "$1" >"$2" 2>&1' \
    "$work/arachne" "$file" "$run.summary" >"$run.measure"
  /usr/bin/python3 -c "import json,sys; print(len({json.loads(l)['url'] for l in open(sys.argv[1])}))" \
    "$out/bench.jsonl" >"$run.urls" 2>/dev/null || echo 0 >"$run.urls"
  rm -rf "$out"
}

mkdir -p "$work/runs" bench/results
echo "warming up ..."
crawl 1 1 warmup
runs=$((${#fetcher_counts[@]} * ${#parser_counts[@]} * repeats))
stat_before=$(head -1 /proc/stat)
echo "crawling: ${#fetcher_counts[@]} x ${#parser_counts[@]} configurations, $repeats runs each ($runs crawls) ..."
for ((r = 1; r <= repeats; r++)); do
  for f in "${fetcher_counts[@]}"; do
    for p in "${parser_counts[@]}"; do
      crawl "$f" "$p" "f$f-p$p-r$r"
      printf '  run %d  fetchers %d  parsers %d  %s\n' "$r" "$f" "$p" "$(cat "$work/runs/f$f-p$p-r$r.measure")"
    done
  done
done
load_after=$(loadavg)
stat_after=$(head -1 /proc/stat)

/usr/bin/python3 - "$work/runs" "$repeats" "$expected" "$pages" "$cores" "$load_before" "$load_after" \
  bench/results/scaling.csv "${fetcher_counts[*]}" "${parser_counts[*]}" "$revision" \
  "$stat_before" "$stat_after" "$busy" <<'PY'
import csv, json, os, re, sys
sys.path.insert(0, "bench")  # run from the repository's root (cd above)
from arachne_summary import seconds
runs_dir, repeats, expected, pages, cores, load_before, load_after, csv_path, fs, ps, revision, stat_before, stat_after, busy = sys.argv[1:15]
repeats, expected = int(repeats), int(expected)


cpu_row = re.compile(r"^\s+CPU\s+(.+?)\s+coordinator (.+?), fetchers (.+?), parsers (.+?)\s*$", re.M)
def run(name):
    m = json.load(open(f"{runs_dir}/{name}.measure"))
    urls = int(open(f"{runs_dir}/{name}.urls").read())
    summary = open(f"{runs_dir}/{name}.summary").read()
    row = cpu_row.search(summary)
    if not row:
        sys.exit(f"no CPU row in the summary of {name}:\n{summary}")
    coord, fetch, parse = (seconds(row.group(i)) for i in (2, 3, 4))
    return dict(name=name, exit=m["exit"], urls=urls, wall=m["wall_s"], cpu=m["cpu_s"], rss=m["peak_rss_mib"],
                rate=urls / m["wall_s"] if m["wall_s"] else 0.0, coord=coord, fetch=fetch, parse=parse)

rows, problems = [], []
for f in map(int, fs.split()):
    for p in map(int, ps.split()):
        tries = [run(f"f{f}-p{p}-r{r}") for r in range(1, repeats + 1)]
        for t in tries:
            if t["exit"] != 0 or t["urls"] != expected:
                problems.append(f"{t['name']}: exit {t['exit']}, {t['urls']} URLs of {expected}")
        by_rate = sorted(tries, key=lambda t: t["rate"])
        t = by_rate[len(by_rate) // 2]
        per_page = lambda s: 1000 * s / t["urls"] if t["urls"] else 0.0
        rows.append(dict(fetchers=f, parsers=p, urls=t["urls"], wall_s=t["wall"], pages_per_s=round(t["rate"], 1),
                         pages_per_s_min=round(by_rate[0]["rate"], 1), pages_per_s_max=round(by_rate[-1]["rate"], 1),
                         cpu_ms_per_page=round(per_page(t["cpu"]), 4),
                         coordinator_ms_per_page=round(per_page(t["coord"]), 4),
                         fetchers_ms_per_page=round(per_page(t["fetch"]), 4),
                         parsers_ms_per_page=round(per_page(t["parse"]), 4), peak_rss_mib=t["rss"]))

# CPU the whole machine spent during the crawls less the crawls' own: nginx, this script, and anything else.
ticks = [int(b) - int(a) for a, b in zip(stat_before.split()[1:9], stat_after.split()[1:9])]
busy_s = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")
crawls_s = sum(run(f"f{f}-p{p}-r{r}")["cpu"] for f in map(int, fs.split()) for p in map(int, ps.split())
               for r in range(1, repeats + 1))

with open(csv_path, "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)

print()
print(f"arachne {revision}")
print(f"site: {int(pages):,} pages, {expected:,} reachable URLs; {cores} cores, {busy} of them busy just before "
      f"the run; load average {load_before} before it, {load_after} after it (the crawls' own load included)")
print(f"during the crawls the other processes (nginx included) took {busy_s - crawls_s:.1f} CPU-seconds, "
      f"the crawls {crawls_s:.1f}")
print(f"median of {repeats} runs by pages/s; CPU ms per page: total of the process tree, then the crawl's own split")
print(f"{'fetchers':>8} {'parsers':>7} {'pages/s':>8} {'(range)':>13} {'CPU ms/page':>11} {'coordinator':>11} "
      f"{'fetchers':>8} {'parsers':>8} {'peak RSS MiB':>12}")
for r in rows:
    span = f"{r['pages_per_s_min']:.0f}-{r['pages_per_s_max']:.0f}"
    print(f"{r['fetchers']:>8} {r['parsers']:>7} {r['pages_per_s']:>8.1f} {span:>13} {r['cpu_ms_per_page']:>11.3f} "
          f"{r['coordinator_ms_per_page']:>11.3f} {r['fetchers_ms_per_page']:>8.3f} {r['parsers_ms_per_page']:>8.3f} "
          f"{r['peak_rss_mib']:>12.1f}")
for p in problems:
    print(f"warning: {p}")
PY

/usr/bin/python3 bench/plot_scaling.py bench/results/scaling.csv bench/results \
  --note "$pages-page site, nginx on 127.0.0.1; $busy of $cores cores busy just before the run (load average ${load_before%%,*}); median of $repeats runs"
echo
echo "wrote bench/results/scaling.csv, bench/results/scaling.svg, bench/results/cpu_by_process.svg"
