#!/usr/bin/env bash
# Arachne against GNU Wget2 and Scrapy on the same generated site, served by nginx on 127.0.0.1, in one run.
#
#   bench/compare.sh [PAGES] [SCRAPY_PAGES]     defaults: 20000 and 2000
#
# Each crawler starts at /index.html and follows every link on the site's host. Pages are counted from
# nginx's access log, the same way for every tool: the distinct URLs a tool requested (wget2 --spider
# sends a HEAD for every URL and a GET for HTML pages, so its requests outnumber its URLs). CPU is user+system of
# the crawler's whole process tree; memory is the peak of the tree's summed PSS, shared pages counted
# once (and of its summed RSS, which counts them in every process that maps them; bench/measure.py).
# robots.txt and throttling are off for all three (wget2 and Scrapy have them off here too), and Scrapy crawls
# a smaller site of the same generator: it manages well under 200 pages/s.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source bench/nginx.sh
source bench/arachne_seed.sh
pages=${1:-20000}
scrapy_pages=${2:-2000}
port=${BENCH_PORT:-18080}
scrapy_port=$((port + 1))

scripts/install-deps.sh --bench
scripts/build.sh arachne-cli arachne-testsite bench_parse_rate >/dev/null

nginx_work_dir bench

echo "generating a $pages-page site and a $scrapy_pages-page site ..."
build/arachne-testsite write "$work/site" --base "http://127.0.0.1:$port" --pages "$pages" --seed 1
build/arachne-testsite write "$work/small" --base "http://127.0.0.1:$scrapy_port" --pages "$scrapy_pages" --seed 1
expected=$(build/arachne-testsite list --base "http://127.0.0.1:$port" --pages "$pages" --seed 1 | wc -l)
expected_small=$(build/arachne-testsite list --base "http://127.0.0.1:$scrapy_port" --pages "$scrapy_pages" --seed 1 | wc -l)

nginx_start "$work" "$port" "$work/site" "$scrapy_port" "$work/small"
nginx_wait "http://127.0.0.1:$port/index.html" "http://127.0.0.1:$scrapy_port/index.html"

requests() { nginx_requests "$1"; }
urls() { nginx_urls "$1" | wc -l; }
measure() { "$root/bench/measure.py" -- "$@"; }
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.argv[1])['$2'])" "$1"; }

arachne_seed "$work/arachne.toml" "http://127.0.0.1:$port/index.html" "$work/out"

echo "crawling with arachne ..."
arachne_m=$(measure build/arachne crawl "$work/arachne.toml" --quiet)
sleep 1.2  # nginx flushes its log buffer every second
arachne_n=$(urls arachne)
arachne_r=$(requests arachne)
arachne_records=$(wc -l <"$work/out/bench.jsonl")

echo "crawling with wget2 ..."
wget2_m=$(measure wget2 -r --spider --max-threads=16 --robots=off -q --no-parent -U "Wget2 bench" \
  -o "$work/wget2.log" "http://127.0.0.1:$port/index.html")
sleep 1.2
wget2_n=$(urls wget2)
wget2_r=$(requests wget2)

echo "crawling the $scrapy_pages-page site with scrapy ..."
scrapy_m=$(cd "$work" && measure /usr/bin/python3 -m scrapy runspider "$root/bench/scrapy_spider.py" \
  -a start="http://127.0.0.1:$scrapy_port/index.html" -a domain=127.0.0.1 \
  -s USER_AGENT="Scrapy bench" -s ROBOTSTXT_OBEY=False -s CONCURRENT_REQUESTS=16 \
  -s CONCURRENT_REQUESTS_PER_DOMAIN=16 -s LOG_LEVEL=WARNING -s HTTPERROR_ALLOW_ALL=True \
  -o "$work/scrapy.jsonl")
sleep 1.2
scrapy_n=$(urls scrapy)
scrapy_r=$(requests scrapy)

parse_rate=$(build/bench_parse_rate 2>/dev/null || true)

/usr/bin/python3 - "$arachne_m" "$arachne_n" "$arachne_r" "$wget2_m" "$wget2_n" "$wget2_r" "$scrapy_m" \
  "$scrapy_n" "$scrapy_r" "$expected" "$expected_small" "$arachne_records" <<'PY'
import json, sys
a, an, ar, w, wn, wr, s, sn, sr, expected, expected_small, records = sys.argv[1:13]
rows = []
for name, m, n, r in (("arachne", a, an, ar), ("wget2 --spider", w, wn, wr), ("scrapy", s, sn, sr)):
    m = json.loads(m); n = int(n)
    rows.append(dict(name=name, urls=n, requests=int(r), wall=m["wall_s"], cpu=m["cpu_s"], rss=m["peak_rss_mib"],
                     pss=m["peak_pss_mib"],
                     rate=n / m["wall_s"] if m["wall_s"] else 0, cpu_ms=1000 * m["cpu_s"] / n if n else 0,
                     exit=m["exit"]))
print()
print(f"site: {expected} reachable URLs (scrapy's site: {expected_small}); arachne wrote {records} records")
print(f"{'crawler':16} {'URLs':>7} {'requests':>9} {'seconds':>8} {'pages/s':>9} {'CPU s':>7} {'CPU ms/page':>12} {'peak PSS MiB':>13} {'(RSS)':>7} {'exit':>5}")
for r in rows:
    print(f"{r['name']:16} {r['urls']:>7} {r['requests']:>9} {r['wall']:>8.2f} {r['rate']:>9.1f} {r['cpu']:>7.2f} {r['cpu_ms']:>12.3f} {r['pss']:>13.1f} {r['rss']:>7.1f} {r['exit']:>5}")
ar, wr, sr = rows
def ratio(x, y): return x / y if y else float("nan")
print()
print(f"arachne / wget2:  pages/s x{ratio(ar['rate'], wr['rate']):.2f}   CPU per page x{ratio(ar['cpu_ms'], wr['cpu_ms']):.2f}   peak PSS x{ratio(ar['pss'], wr['pss']):.2f}")
print(f"arachne / scrapy: pages/s x{ratio(ar['rate'], sr['rate']):.1f}   CPU per page x{ratio(ar['cpu_ms'], sr['cpu_ms']):.3f}   peak PSS x{ratio(ar['pss'], sr['pss']):.2f}")
PY
if [[ -n "$parse_rate" ]]; then
  echo
  echo "Parse rate on one core (bench/parse_rate.cpp):"
  echo "$parse_rate"
fi
