#!/usr/bin/env bash
# Arachne's memory for a large frontier: the coordinator's peak resident memory when a crawl has discovered
# 1, 10 and 50 million URLs, and what that makes per URL, with the state in memory or in a job folder.
#
#   bench/memory.sh [--job] [COUNTS...]        default counts: 1000000 10000000 50000000
#
# Each count gets its own site from bench/fanout_site.py on 127.0.0.1: an index linking to PAGES pages, each
# page linking to LINKS distinct URLs that are never fetched (LINKS = BENCH_LINKS, default 50,000, about
# 1.5 MB of HTML a page; PAGES = COUNT / LINKS, rounded up). The crawl's max_pages is PAGES + 1: it fetches the
# index and the pages, queues and deduplicates every link, and ends when the page budget is spent, with
# 1 + PAGES + PAGES * LINKS URLs discovered and nearly all of them still queued ("Left in queue"). Robots.txt
# (a 404 here), politeness and the worker counts keep their defaults.
#
# Without --job the seen set is in the coordinator's memory, and so is the frontier, up to [frontier]
# max_in_memory in builds that have it (the rest overflows to a temporary folder; set
# BENCH_FRONTIER_MAX_IN_MEMORY=100000000 to keep it all in memory). With --job each crawl keeps
# its state in a fresh job folder (RocksDB); builds with the [frontier] max_in_memory key keep at most that
# many queued URLs in memory and spill the rest to the folder (BENCH_FRONTIER_MAX_IN_MEMORY=N writes the key
# into the seed file; unset, the build's default applies). The script says whether the build has the key.
#
# Measured, per crawl:
#   discovered     the "Discovered" line of the crawl's summary (stdout), and "Left in queue" beside it;
#   coordinator    peak RSS of the arachne process itself (VmHWM in /proc/PID/status, the kernel's
#                  high-water mark, read every 20 ms until it exits; the crawl's teardown after the summary
#                  only frees memory, so the last reading holds the peak);
#   workers        the largest peak RSS (VmHWM) of any of its worker processes ("arachne: fetcher",
#                  "arachne: parser"), each read the same way, and which role it was: a max, not a sum, since
#                  the frontier is the coordinator's (a worker's RSS follows the page bodies it holds: the
#                  pages waiting for a parser are mapped by both);
#   seconds        wall time of the whole command, start to exit (teardown included), and URLs/s as
#                  discovered / seconds;
#   bytes/URL      coordinator peak RSS / discovered (a fixed ~20-40 MB of the process is included, which
#                  matters only at the smallest counts);
#   job folder     its size on disk (du) once the crawl has exited, with --job.
# The table is printed at the end and a row per crawl appended to bench/results/memory.csv, with the date and
# the commit (and whether src/ or include/ had uncommitted changes).
#
# Guards: a count whose estimated coordinator memory exceeds BENCH_MEMORY_LIMIT_GB (default 12) is skipped,
# saying so. The estimate is the count times the bytes per URL measured by a smaller count earlier in the
# same invocation and mode, times 1.1, or BENCH_BYTES_PER_URL (default 300) before any; with --job it
# applies only to a build without the spill cap (there the frontier is in memory as well). A running crawl is
# stopped (SIGTERM, then SIGKILL of its process group 60 s later) when its coordinator's RSS passes
# BENCH_ABORT_RSS_GB (default 16), when the machine's available memory falls below 1.5 GB, or after
# BENCH_TIMEOUT_S seconds (default: 300 + 60 per million URLs); its row says why ("memory cap",
# "low memory", "timeout"). A crawl that does not end by itself once its page budget is spent shows up as a
# timeout.
#
# Environment: ARACHNE=PATH crawls with that binary instead of building and using build/arachne (the binary
# is copied first, and the copy is its own worker, so a rebuild during the run changes nothing), with
# BENCH_COMMIT=HASH the commit it was built from, for the CSV (otherwise the checkout's HEAD is written, marked
# as maybe not the binary's); BENCH_LINKS, BENCH_TMP (where the work folder and the job folders go, default
# /tmp), and the above.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
job_mode=no
counts=()
for arg in "$@"; do
  case "$arg" in
    --job) job_mode=yes ;;
    -h | --help) usage; exit 0 ;;
    *[!0-9]* | "") echo "memory.sh: not a count: '$arg'" >&2; usage >&2; exit 2 ;;
    *) counts+=("$arg") ;;
  esac
done
((${#counts[@]})) || counts=(1000000 10000000 50000000)
links=${BENCH_LINKS:-50000}
limit_gb=${BENCH_MEMORY_LIMIT_GB:-12}
abort_gb=${BENCH_ABORT_RSS_GB:-16}
default_bytes_per_url=${BENCH_BYTES_PER_URL:-300}
spill_cap=${BENCH_FRONTIER_MAX_IN_MEMORY:-}
mode=$([[ $job_mode == yes ]] && echo job || echo memory)
((links > 0)) || { echo "memory.sh: BENCH_LINKS must be at least 1" >&2; exit 2; }

if [[ -n "${ARACHNE:-}" ]]; then
  binary=$ARACHNE
else
  scripts/build.sh arachne-cli >/dev/null
  binary=build/arachne
fi
[[ -x "$binary" ]] || { echo "memory.sh: $binary is not an executable" >&2; exit 2; }

work=$(mktemp -d "${BENCH_TMP:-/tmp}/arachne-memory.XXXXXX")
server_pid=
runner_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
# The crawl runs under a watcher in the background (crawl below) so that a signal reaches this script at
# once: the watcher, sent SIGTERM, kills the crawl's process group before it exits.
stop_runner() {
  if [[ -n "$runner_pid" ]]; then
    kill "$runner_pid" 2>/dev/null || true
    wait "$runner_pid" 2>/dev/null || true
  fi
  runner_pid=
}
trap 'stop_runner; stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp "$binary" "$work/arachne"

if [[ -n "${ARACHNE:-}" && -n "${BENCH_COMMIT:-}" ]]; then
  revision=$BENCH_COMMIT
  tree="binary $ARACHNE"
else
  revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  tree=clean
  if [[ -n "$(git status --porcelain -- src include CMakeLists.txt 2>/dev/null)" ]]; then
    tree="uncommitted changes under src/ or include/"
  fi
  [[ -n "${ARACHNE:-}" ]] && tree="$tree; binary $ARACHNE, not necessarily built from this checkout"
fi
echo "arachne: $binary, commit $revision ($tree)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
  "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# Does this build know [frontier] max_in_memory? A seed file with the key and a deliberate error is checked
# whole before anything is fetched: an unknown table is reported beside the error, and nothing runs.
cat >"$work/probe.toml" <<TOML
seeds = ["http://127.0.0.1:9/"]
[frontier]
max_in_memory = 1000000
[fetch]
concurrency = 0
TOML
probe=$(timeout 20 "$work/arachne" crawl "$work/probe.toml" --quiet 2>&1 || true)
if grep -q 'frontier' <<<"$probe"; then
  spill=no
  if [[ -n "$spill_cap" ]]; then
    echo "memory.sh: BENCH_FRONTIER_MAX_IN_MEMORY is set but this build has no [frontier] max_in_memory" >&2
    exit 2
  fi
else
  spill=yes
fi
if [[ $job_mode == yes ]]; then
  if [[ $spill == yes ]]; then
    echo "mode: job folders; the build caps the in-memory frontier ([frontier] max_in_memory = ${spill_cap:-its default})"
  else
    echo "mode: job folders; this build has no [frontier] max_in_memory: the whole frontier stays in memory too"
  fi
else
  echo "mode: no job folder (the queue past [frontier] max_in_memory overflows to a temporary folder, in builds that have the key)"
fi

# seed_file FILE PORT PAGES OUT
seed_file() {
  {
    echo 'name = "fanout"'
    echo "seeds = [\"http://127.0.0.1:$2/\"]"
    echo '[scope]'
    echo "max_pages = $(($3 + 1))"
    echo '[fetch]'
    echo 'max_body_bytes = 20000000'
    echo 'timeout_s = 120'
    if [[ -n "$spill_cap" ]]; then
      echo '[frontier]'
      echo "max_in_memory = $spill_cap"
    fi
    echo '[output]'
    echo "dir = \"$4\""
    echo 'formats = ["jsonl"]'
  } >"$1"
}

# start_server PAGES: serves the site in the background; sets server_pid and port.
start_server() {
  "$root/bench/fanout_site.py" 0 "$1" "$links" >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  port=
  for _ in $(seq 1 100); do
    port=$(awk '/^listening on/ { print $3 }' "$work/server.out" 2>/dev/null)
    [[ -n "$port" ]] && curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "memory.sh: bench/fanout_site.py does not answer:" >&2
  cat "$work/server.err" >&2
  return 1
}

# crawl RUN SEED JOBDIR TIMEOUT: runs the crawl, watching its processes; writes RUN.json (what was measured)
# and RUN.stdout / RUN.stderr (the crawl's own output).
crawl() {
  /usr/bin/python3 - "$work/arachne" "$1" "$2" "$3" "$4" "$abort_gb" <<'PY' &
import json, os, re, signal, subprocess, sys, time
sys.path.insert(0, "bench")  # run from the repository's root (cd above)
from arachne_summary import seconds
from measure import tree_pids
arachne, run, seed, job, timeout_s, abort_gb = sys.argv[1:7]
timeout_s, abort_kib = float(timeout_s), float(abort_gb) * 1024 * 1024
low_memory_kib = 1.5 * 1024 * 1024

def status_kib(pid):
    """VmHWM and VmRSS of a process, in KiB; None once it is gone (or a zombie)."""
    hwm = rss = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except (OSError, ValueError):
        return None
    return (hwm, rss) if hwm is not None else None

def descendants(root):
    return tree_pids(root)[1:]  # the root comes first

def role(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            name = f.read().split(b"\0")[0].decode(errors="replace")
    except OSError:
        return "?"
    return name.split()[1] if name.startswith("arachne: ") and len(name.split()) > 1 else name or "?"

def available_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return float("inf")

class Interrupted(Exception):
    pass

def interrupted(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once is enough (Ctrl-C sends SIGINT, then the
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # script's trap SIGTERM)
    raise Interrupted()

signal.signal(signal.SIGTERM, interrupted)
signal.signal(signal.SIGINT, interrupted)
argv = [arachne, "crawl", seed] + (["--job", job] if job else [])
start = time.monotonic()
with open(run + ".stdout", "w") as out, open(run + ".stderr", "w") as err:
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
coordinator_kib = 0
workers = {}  # pid -> peak VmHWM in KiB
roles = {}    # pid -> "fetcher", "parser" (argv[0] is "arachne: fetcher 1")
stopped_because, term_at, usage, next_scan = None, None, None, 0.0
try:
    while True:
        got = os.wait4(proc.pid, os.WNOHANG)
        if got[0] == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(got[1])
            usage = got[2]
            break
        now = time.monotonic()
        mine = status_kib(proc.pid)
        if mine:
            coordinator_kib = max(coordinator_kib, mine[0])
            if now >= next_scan:  # new workers (started, restarted) are looked for less often
                for pid in descendants(proc.pid):
                    # A child is a worker once it has exec'd: before, it is a fork of the coordinator, whose
                    # memory it shares (and shows as its own RSS).
                    if roles.get(pid) not in ("fetcher", "parser"):
                        roles[pid] = role(pid)
                        if roles[pid] in ("fetcher", "parser"):
                            workers.setdefault(pid, 0)
                next_scan = now + 0.1
            for pid in workers:
                theirs = status_kib(pid)
                if theirs:
                    workers[pid] = max(workers[pid], theirs[0])
        if stopped_because is None:
            if now - start > timeout_s:
                stopped_because = "timeout"
            elif mine and mine[1] > abort_kib:
                stopped_because = "memory cap"
            elif available_kib() < low_memory_kib:
                stopped_because = "low memory"
            if stopped_because:
                print(f"  stopping the crawl: {stopped_because}", file=sys.stderr, flush=True)
                proc.send_signal(signal.SIGTERM)  # a crawl stops cleanly and prints its summary
                term_at = now
        elif now - term_at > 60:
            os.killpg(proc.pid, signal.SIGKILL)
            term_at = float("inf")
        time.sleep(0.02)
except Interrupted:
    sys.exit(1)
finally:
    if proc.returncode is None:  # interrupted: take the crawl down with us
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        proc.wait()
wall = time.monotonic() - start

summary = open(run + ".stdout").read()
def count(label):
    m = re.search(rf"^\s*{label}\s+([\d,]+)", summary, re.M)
    return int(m.group(1).replace(",", "")) if m else None
roles_line = re.search(r"^\s*Workers\s+\d+\s+(.+)$", summary, re.M)
cpu_line = re.search(r"^\s*CPU\s+.+?\s+coordinator (.+?), fetchers", summary, re.M)
status = stopped_because or ("finished" if "Crawl finished" in summary and proc.returncode == 0
                             else f"exit {proc.returncode}")
json.dump({"exit": proc.returncode, "status": status, "wall_s": round(wall, 2),
           "discovered": count("Discovered"), "left_in_queue": count("Left in queue"), "pages": count("Pages"),
           "coordinator_peak_bytes": coordinator_kib * 1024,
           "workers_peak_bytes": max(workers.values(), default=0) * 1024, "workers_seen": len(workers),
           "workers_peak_role": roles[max(workers, key=workers.get)] if workers else "",
           "workers_at_end": roles_line.group(1).strip() if roles_line else "",
           "worker_restarts": count("Worker restarts"),
           "coordinator_cpu_s": seconds(cpu_line.group(1)) if cpu_line else None,
           "workers_peak_by_role": {r: max(k for p, k in workers.items() if roles[p] == r) * 1024
                                    for r in {roles[p] for p in workers}},
           # ru_maxrss of a reaped process is the largest peak of it and its reaped descendants: a check
           "tree_maxrss_bytes": usage.ru_maxrss * 1024 if usage else None},
          open(run + ".json", "w"))
PY
  runner_pid=$!
  wait "$runner_pid"
  runner_pid=
}

mkdir -p bench/results
csv=bench/results/memory.csv
[[ -s "$csv" ]] || echo "date,commit,tree,mode,spill_cap,target_urls,pages,links_per_page,discovered,left_in_queue,pages_fetched,coordinator_peak_rss_bytes,workers_peak_rss_bytes,workers_peak_role,worker_restarts,elapsed_s,coordinator_cpu_s,bytes_per_url,job_dir_bytes,status" >"$csv"

# The CSV's spill_cap: the [frontier] max_in_memory the crawl ran with ("default", or "none" for a build
# without it; rows written before builds spilled without a job say "-" there, the whole frontier in memory).
if [[ $spill == no ]]; then
  cap_column=none
else
  cap_column=${spill_cap:-default}
fi
bytes_per_url=  # measured by the last crawl of this invocation
runs=()
for count in "${counts[@]}"; do
  pages=$(((count + links - 1) / links))
  run="$work/$mode-$count"
  if [[ -n "$bytes_per_url" ]]; then
    estimate_per_url=$(awk -v b="$bytes_per_url" 'BEGIN { printf "%.0f", b * 1.1 }')
    basis="measured by the last crawl, plus 10%"
  else
    estimate_per_url=$default_bytes_per_url
    basis="BENCH_BYTES_PER_URL"
  fi
  estimate_gb=$(awk -v c="$count" -v b="$estimate_per_url" 'BEGIN { printf "%.1f", c * b / 1e9 }')
  if [[ $job_mode == no || $spill == no ]] && awk -v e="$estimate_gb" -v l="$limit_gb" 'BEGIN { exit !(e > l) }'; then
    echo "skipping $count URLs: about $estimate_gb GB at $estimate_per_url bytes a URL ($basis)," \
      "over the $limit_gb GB limit (BENCH_MEMORY_LIMIT_GB)"
    echo "{\"status\": \"skipped: estimated over ${limit_gb} GB\"}" >"$run.json"
    runs+=("$count")
    continue
  fi
  timeout_s=${BENCH_TIMEOUT_S:-$((300 + 60 * count / 1000000))}
  start_server "$pages"
  seed_file "$work/fanout.toml" "$port" "$pages" "$work/out"
  job_dir=
  if [[ $job_mode == yes ]]; then
    job_dir="$work/job-$count"
    rm -rf "$job_dir"
  fi
  echo "crawling $count URLs: $pages pages of $links links, at most $timeout_s s ..."
  crawl "$run" "$work/fanout.toml" "$job_dir" "$timeout_s"
  stop_server
  job_bytes=
  if [[ -n "$job_dir" && -d "$job_dir" ]]; then
    job_bytes=$(du -sb "$job_dir" | cut -f1)
    rm -rf "$job_dir"
  fi
  rm -rf "$work/out"
  echo "${job_bytes:-}" >"$run.job"
  # One CSV row, and the bytes per URL for the next count's estimate.
  row=$(/usr/bin/python3 - "$run.json" "$count" "$pages" "$links" "$job_bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
count, pages, links, job = sys.argv[2:6]
d = r["discovered"] or 0
per_url = r["coordinator_peak_bytes"] / d if d else 0
print(round(per_url, 1), ",".join(str(v) for v in (
    count, pages, links, r["discovered"] or "", r["left_in_queue"] if r["left_in_queue"] is not None else "",
    r["pages"] if r["pages"] is not None else "", r["coordinator_peak_bytes"], r["workers_peak_bytes"],
    r["workers_peak_role"], r["worker_restarts"] if r["worker_restarts"] is not None else "", r["wall_s"],
    r["coordinator_cpu_s"] if r["coordinator_cpu_s"] is not None else "", round(per_url, 1), job, r["status"])))
PY
  )
  measured=${row%% *}
  [[ "$measured" != 0 ]] && bytes_per_url=$measured
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$revision,\"$tree\",$mode,$cap_column,${row#* }" >>"$csv"
  echo "  $(grep -E '^Crawl|^  (Pages|Discovered|Left in queue|Worker restarts|Workers|CPU) ' "$run.stdout" |
    tr -s ' ' | paste -sd';' -)"
  [[ -s "$run.stderr" ]] && sed 's/^/  stderr: /' "$run.stderr" | tail -5
  runs+=("$count")
done

echo
/usr/bin/python3 - "$work" "$mode" "$links" "${runs[@]}" <<'PY'
import json, sys
work, mode, links, counts = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
mib = lambda b: f"{b / 2**20:,.0f}"
head = (f"{'mode':7} {'target':>11} {'discovered':>11} {'left in queue':>14} {'pages':>6} {'coordinator MiB':>16} "
        f"{'workers MiB':>18} {'seconds':>8} {'URLs/s':>8} {'bytes/URL':>10} {'job folder MiB':>15}  status")
print(head)
notes = []
for c in counts:
    r = json.load(open(f"{work}/{mode}-{c}.json"))
    if "discovered" not in r:
        print(f"{mode:7} {int(c):>11,} {'':>11} {'':>14} {'':>6} {'':>16} {'':>18} {'':>8} {'':>8} {'':>10} {'':>15}  {r['status']}")
        continue
    job = open(f"{work}/{mode}-{c}.job").read().strip()
    d, left, pages = r["discovered"] or 0, r["left_in_queue"], r["pages"]
    per_url = r["coordinator_peak_bytes"] / d if d else 0
    number = lambda n: "?" if n is None else f"{n:,}"
    print(f"{mode:7} {int(c):>11,} {number(r['discovered']):>11} {number(left):>14} {number(pages):>6} "
          f"{mib(r['coordinator_peak_bytes']):>16} {mib(r['workers_peak_bytes']) + ' (' + r['workers_peak_role'] + ')':>18} {r['wall_s']:>8.1f} "
          f"{d / r['wall_s'] if r['wall_s'] else 0:>8,.0f} {per_url:>10.1f} {mib(int(job)) if job else '-':>15}  {r['status']}")
    if r["status"] == "timeout":
        notes.append(f"{c}: the crawl did not end by itself within the time allowed (BENCH_TIMEOUT_S); stopped")
    elif r["status"] != "finished":
        notes.append(f"{c}: the crawl did not finish: {r['status']} (exit {r['exit']})")
    elif d and left is not None and pages is not None and left < d - pages - 1:
        notes.append(f"{c}: {d - pages - left:,} discovered URLs neither fetched as pages nor left in the queue")
    if r.get("tree_maxrss_bytes") and r["tree_maxrss_bytes"] > max(r["coordinator_peak_bytes"], r["workers_peak_bytes"]) * 1.02:
        notes.append(f"{c}: the kernel's peak for the process tree ({mib(r['tree_maxrss_bytes'])} MiB) is above the sampled peaks")
for n in notes:
    print("note:", n)
PY
echo "appended to $csv"
