#!/usr/bin/env bash
# What sharing a crawl through Redis costs: one multi-host site crawled by one node without Redis (the
# baseline), then by 1, 2 and 3 cluster nodes (`arachne crawl --redis ... --node ...`) at once on this machine.
#
#   bench/cluster.sh [SITES] [PAGES]        default: 8 sites of 1,000 pages (13,192 records, about 7 s a crawl)
#
# SITES arachne-testsite servers on 127.0.0.1 (free ports) make SITES hosts: a cluster hands each host to one
# node at a time, so the hosts are what spreads. One redis-server on 127.0.0.1 (a free port, or
# BENCH_REDIS_PORT; no persistence), FLUSHALL and CONFIG RESETSTAT before each cluster run. Every node has one
# fetcher and one parser. All nodes share this machine's cores: with 3 nodes on 2 cores this measures what the
# coordination costs, not how a crawl scales across machines.
#
# Each configuration runs BENCH_REPEATS times (default 3), the configurations taking turns, after one
# unmeasured warm-up crawl; every column is the median of its runs. Per run:
#   wall        from the first node's start to the last node's exit;
#   pages/s     records in the union of the nodes' .jsonl files / wall;
#   records     lines in that union, and duplicates (records less distinct URLs): every run must have the
#               baseline's records and no duplicate, else the script says so and exits 1;
#   cmds/page   Redis commands per record, every cmdstat_* of INFO commandstats (the commands the Lua scripts
#               run inside Redis included, the script's own CONFIG RESETSTAT not), and EVAL/page, the round
#               trips that carry a script;
#   Redis MiB   used_memory once the crawl is over (the crawl's state left in Redis: seen set, streams);
#   peak RSS    /usr/bin/time -v's maximum resident set size of each node, which is that of its largest
#               process (coordinator or worker), not their sum; the largest of the nodes.
# Writes bench/results/cluster.csv (one row per configuration) and prints a table with ratios to the baseline.
# Environment: ARACHNE=PATH crawls with that binary instead of building build/arachne (it is copied first, so
# a rebuild during the run changes nothing); BENCH_REPEATS, BENCH_REDIS_PORT, BENCH_TIMEOUT_S (a node is
# stopped after this many seconds, default 120).
set -euo pipefail
cd "$(dirname "$0")/.."
sites=${1:-8}
pages=${2:-1000}
repeats=${BENCH_REPEATS:-3}
limit=${BENCH_TIMEOUT_S:-120}
node_names=(a b c)
configs=(baseline 1 2 3) # "baseline": one node without --redis; N: N nodes through Redis

for tool in redis-server redis-cli /usr/bin/time setsid timeout curl; do
  command -v "$tool" >/dev/null || { echo "cluster.sh: needs $tool" >&2; exit 2; }
done
if [[ -n "${ARACHNE:-}" ]]; then
  binary=$ARACHNE
else
  scripts/build.sh arachne-cli arachne-testsite >/dev/null
  binary=build/arachne
fi
[[ -x "$binary" && -x build/arachne-testsite ]] || { echo "cluster.sh: no $binary or build/arachne-testsite" >&2; exit 2; }

work=$(mktemp -d /tmp/arachne-cluster.XXXXXX)
site_pids=()
node_pids=() # each the leader of a process group (setsid): the node, its workers and timeout
redis_pid=
cleanup() {
  local pid
  for pid in "${node_pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${site_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n "$redis_pid" ]] && kill "$redis_pid" 2>/dev/null
  for pid in "${node_pids[@]}" "${site_pids[@]}" $redis_pid; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cp "$binary" "$work/arachne"

revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n "$(git status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ]] && revision+="+uncommitted"
load_before=$(awk '{ print $1 ", " $2 ", " $3 }' /proc/loadavg)
echo "arachne $revision; $(nproc) cores, load average (1, 5, 15 min) $load_before before the run"

# The sites: port 0, each server says its address.
seeds=()
for ((i = 0; i < sites; i++)); do
  build/arachne-testsite serve --port 0 --pages "$pages" >"$work/site$i.log" 2>&1 &
  site_pids+=($!)
done
for ((i = 0; i < sites; i++)); do
  url=
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/index\.html' "$work/site$i.log" 2>/dev/null | head -1 || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  if [[ -z "$url" ]] || ! curl -sf -o /dev/null --max-time 5 "$url"; then
    echo "cluster.sh: site $i does not answer" >&2
    exit 1
  fi
  seeds+=("\"$url\"")
done

# Redis: a free port (a race with another program is retried), nothing saved to disk.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
for attempt in 1 2 3 4 5; do
  redis_port=${BENCH_REDIS_PORT:-$(free_port)}
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir "$work" \
    --logfile "$work/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 50); do
    [[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" == PONG ]] && break 2
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
  ((attempt < 5)) || { echo "cluster.sh: redis-server did not start:" >&2; tail -5 "$work/redis.log" >&2; exit 1; }
done
redis=(redis-cli -p "$redis_port")
echo "$sites sites of $pages pages on 127.0.0.1, $("${redis[@]}" info server | grep -o 'redis_version:[0-9.]*') on port $redis_port"

seed="$work/cluster.toml"
cat >"$seed" <<TOML
name = "cluster"
seeds = [$(IFS=,; echo "${seeds[*]}")]
[workers]
fetchers = 1
parsers = 1
[output]
dir = "$work/out"
formats = ["jsonl"]
TOML

# crawl CONFIG RUN: one crawl by the configuration's nodes, all started at once; leaves in $work/runs:
# RUN.wall (seconds), RUN.<node>.{out,err,time}, RUN.counts (records of the union, JSON), RUN.cmdstats and
# RUN.memory (Redis's INFO after the crawl), and RUN.failed when a node did not exit with 0.
crawl() {
  local config=$1 run="$work/runs/$2" nodes=() args=() pid node start end
  rm -rf "$work/out"
  if [[ $config == baseline ]]; then
    nodes=(single)
  else
    nodes=("${node_names[@]:0:config}")
    "${redis[@]}" flushall >/dev/null
    "${redis[@]}" config resetstat >/dev/null
  fi
  start=$(date +%s.%N)
  for node in "${nodes[@]}"; do
    args=()
    [[ $config == baseline ]] || args=(--redis "redis://127.0.0.1:$redis_port/0" --node "$node")
    # setsid: its own process group, for the trap; timeout bounds the wait (--foreground: it signals the
    # node, which stops its workers itself, and stays in the group).
    setsid -w /usr/bin/time -v -o "$run.$node.time" timeout --foreground -k 10 "$limit" \
      "$work/arachne" crawl "$seed" "${args[@]}" </dev/null >"$run.$node.out" 2>"$run.$node.err" &
    node_pids+=($!)
  done
  for pid in "${node_pids[@]}"; do
    wait "$pid" || echo "$pid exit $?" >>"$run.failed"
  done
  end=$(date +%s.%N)
  node_pids=()
  echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }' >"$run.wall"
  if [[ $config != baseline ]]; then
    "${redis[@]}" info commandstats >"$run.cmdstats"
    "${redis[@]}" info memory >"$run.memory"
  fi
  python3 - "$work/out" >"$run.counts" <<'PY'
import glob, json, os, sys
urls, per_node = set(), {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl"))):
    n = 0
    with open(path) as f:
        for line in f:
            if line.strip():
                urls.add(json.loads(line)["url"])
                n += 1
    per_node[os.path.basename(path)] = n
print(json.dumps({"records": sum(per_node.values()), "distinct": len(urls), "per_node": per_node}))
PY
}

mkdir -p "$work/runs" bench/results
echo "warming up ..."
crawl baseline warmup
echo "crawling: ${#configs[@]} configurations, $repeats runs each ..."
for ((r = 1; r <= repeats; r++)); do
  for config in "${configs[@]}"; do
    crawl "$config" "$config-r$r"
    printf '  run %d  %-8s  %6.2f s  %s\n' "$r" "$config" "$(cat "$work/runs/$config-r$r.wall")" \
      "$(cat "$work/runs/$config-r$r.counts")"
  done
done

python3 - "$work/runs" "$repeats" "$revision" "$sites" "$pages" "$(nproc)" "$load_before" bench/results/cluster.csv \
  "${configs[@]}" <<'PY'
import csv, datetime, json, os, re, statistics, sys
runs_dir, repeats, revision, sites, pages, cores, load, csv_path = sys.argv[1:9]
configs, repeats = sys.argv[9:], int(repeats)


def read(path):
    return open(path).read() if os.path.exists(path) else ""


def run(config, r):
    name = f"{runs_dir}/{config}-r{r}"
    wall = float(read(name + ".wall"))
    counts = json.loads(read(name + ".counts"))
    records = counts["records"]
    rss = [int(m) for m in re.findall(r"Maximum resident set size \(kbytes\): (\d+)",
                                      "".join(read(f"{runs_dir}/{f}") for f in os.listdir(runs_dir)
                                              if f.startswith(f"{config}-r{r}.") and f.endswith(".time")))]
    stats = {m.group(1): int(m.group(2))
             for m in re.finditer(r"^cmdstat_(\S+?):calls=(\d+)", read(name + ".cmdstats"), re.M)}
    commands = sum(calls for cmd, calls in stats.items() if cmd not in ("config|resetstat", "info"))
    memory = re.search(r"^used_memory:(\d+)", read(name + ".memory"), re.M)
    return dict(wall=wall, records=records, duplicates=records - counts["distinct"],
                idle=sum(1 for n in counts["per_node"].values() if n == 0),
                rate=records / wall if wall else 0.0, per_node="/".join(str(n) for n in counts["per_node"].values()),
                commands=commands / records if records and stats else None,
                evals=stats.get("eval", 0) / records if records and stats else None,
                redis_mib=int(memory.group(1)) / 2**20 if memory else None,
                rss=max(rss) / 1024 if rss else None, failed=read(name + ".failed").strip())


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


results = {c: [run(c, r) for r in range(1, repeats + 1)] for c in configs}
reference = statistics.mode(t["records"] for t in results["baseline"])
problems = []
for c, tries in results.items():
    for r, t in enumerate(tries, 1):
        if t["failed"]:
            problems.append(f"{c} run {r}: a node did not exit cleanly ({t['failed']})")
        if t["records"] != reference or t["duplicates"]:
            problems.append(f"{c} run {r}: {t['records']} records ({t['duplicates']} duplicates), "
                            f"the baseline has {reference}")

rows = []
date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
for c, tries in results.items():
    rates = [t["rate"] for t in tries]
    row = dict(date=date, commit=revision, config="no redis" if c == "baseline" else f"{c} node" + "s" * (c != "1"),
               nodes=1 if c == "baseline" else int(c), redis="no" if c == "baseline" else "yes", sites=int(sites),
               pages_per_site=int(pages), load_average_1min=float(load.split(",")[0]),
               runs=repeats, records=median(t["records"] for t in tries),
               duplicates=max(t["duplicates"] for t in tries),
               records_per_node=sorted(tries, key=lambda t: t["rate"])[len(tries) // 2]["per_node"],
               runs_with_idle_node=sum(1 for t in tries if t["idle"]),
               wall_s=round(median(t["wall"] for t in tries), 3), pages_per_s=round(median(rates), 1),
               pages_per_s_min=round(min(rates), 1), pages_per_s_max=round(max(rates), 1))
    for key, name, digits in (("commands", "redis_commands_per_page", 3), ("evals", "redis_evals_per_page", 4),
                              ("redis_mib", "redis_used_mib", 1), ("rss", "peak_rss_mib", 1)):
        v = median(t[key] for t in tries)
        row[name] = "" if v is None else round(v, digits)
    rows.append(row)
base = rows[0]
for row in rows:
    row["pages_per_s_vs_baseline"] = round(row["pages_per_s"] / base["pages_per_s"], 3)
    row["wall_vs_baseline"] = round(row["wall_s"] / base["wall_s"], 3)

with open(csv_path, "w", newline="") as out:
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)

print()
print(f"{sites} sites x {pages} pages ({base['records']:,} records), each node 1 fetcher + 1 parser; median of "
      f"{repeats} runs; ratios to the single node without Redis")
print(f"on {cores} cores all nodes share the same CPUs: this measures the coordination's overhead, not "
      f"scaling across machines")
print(f"{'config':<9} {'wall s':>7} {'pages/s':>8} {'(range)':>11} {'x rate':>7} {'records':>8} {'dups':>5} "
      f"{'per node':>15} {'cmds/page':>9} {'EVAL/page':>9} {'Redis MiB':>9} {'RSS MiB':>8}")
for r in rows:
    span = f"{r['pages_per_s_min']:.0f}-{r['pages_per_s_max']:.0f}"
    cell = lambda v, f: "-" if v == "" else format(v, f)
    print(f"{r['config']:<9} {r['wall_s']:>7.2f} {r['pages_per_s']:>8.0f} {span:>11} "
          f"{r['pages_per_s_vs_baseline']:>7.2f} {r['records']:>8} {r['duplicates']:>5} {r['records_per_node']:>15} "
          f"{cell(r['redis_commands_per_page'], '.2f'):>9} {cell(r['redis_evals_per_page'], '.4f'):>9} "
          f"{cell(r['redis_used_mib'], '.1f'):>9} {cell(r['peak_rss_mib'], '.1f'):>8}")
print("cmds/page: every command Redis ran (those inside the EVALs' scripts included) per record; "
      "RSS: the largest process of any node")
idle = [r for r in rows if r["runs_with_idle_node"]]
if idle:
    print("note: a node recorded nothing in " + ", ".join(f"{r['runs_with_idle_node']} of {repeats} runs of {r['config']}"
                                                          for r in idle)
          + ": the nodes that joined first took every host (a held host stays with its node), so fewer nodes worked")
if float(load.split(",")[0]) >= 0.5 * int(cores):
    print(f"note: load average {load} before the run: other processes shared the cores, the timings are noisy")
for p in problems:
    print(f"check failed: {p}")
print(f"wrote {csv_path}")
sys.exit(1 if problems else 0)
PY
