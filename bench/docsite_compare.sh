#!/usr/bin/env bash
# A real documentation site, served from disk by nginx, crawled by Arachne and by `wget2 -r`: do they find
# the same HTML pages?
#
#   bench/docsite_compare.sh [DOCROOT]     default: Python's HTML documentation (Debian's python3-doc)
#
# Both start at /index.html and stay on the host. The HTML pages each found are the distinct URIs it
# requested that nginx served as text/html with status 200, read from nginx's access log; the script prints
# both counts and every page one found and the other did not.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/nginx.sh
docroot=${1:-/usr/share/doc/python3/html}
port=${BENCH_PORT:-18090}

scripts/install-deps.sh --bench
scripts/build.sh arachne-cli >/dev/null
[[ -f "$docroot/index.html" ]] || { echo "no $docroot/index.html" >&2; exit 1; }

nginx_work_dir docsite

nginx_start "$work" "$port" "$(readlink -f "$docroot")"
nginx_wait "http://127.0.0.1:$port/index.html"
start="http://127.0.0.1:$port/index.html"

cat >"$work/arachne.toml" <<TOML
name = "docs"
seeds = ["$start"]
[output]
dir = "$work/out"
formats = ["jsonl"]
TOML
echo "crawling $docroot with arachne ..."
SECONDS=0
build/arachne crawl "$work/arachne.toml" --quiet
arachne_s=$SECONDS

echo "crawling $docroot with wget2 -r ..."
SECONDS=0
(cd "$work" && wget2 -r --no-parent --max-threads=8 -q -U "Wget2 docsite" -P "$work/wget2" "$start" || true)
wget2_s=$SECONDS
sleep 1.2  # nginx flushes its log every second

html='$3 == 200 && $4 ~ /text\/html/'
nginx_urls arachne "$html" >"$work/arachne.html"
nginx_urls wget2 "$html" >"$work/wget2.html"
echo
echo "site: $docroot ($(find -L "$docroot" -name '*.html' | wc -l) .html files on disk)"
echo "arachne: $(wc -l <"$work/arachne.html") HTML pages in ${arachne_s} s"
echo "wget2 -r: $(wc -l <"$work/wget2.html") HTML pages in ${wget2_s} s"
echo "found by both: $(comm -12 "$work/arachne.html" "$work/wget2.html" | wc -l)"
echo "only arachne:"
comm -23 "$work/arachne.html" "$work/wget2.html" | sed 's/^/  /'
echo "only wget2:"
comm -13 "$work/arachne.html" "$work/wget2.html" | sed 's/^/  /'
