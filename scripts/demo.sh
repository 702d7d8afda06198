#!/usr/bin/env bash
# The whole product in one command: installs, builds, serves the bundled test site on 127.0.0.1:8080,
# crawls it with seeds/demo.toml and writes output/demo.jsonl and output/demo.csv (with the products its
# [[extract]] rules scrape), output/demo.stats.json, and draws the report output/demo.report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh arachne-cli arachne-testsite

port=${ARACHNE_DEMO_PORT:-8080}
pages=${ARACHNE_DEMO_PAGES:-2000}
build/arachne-testsite serve --port "$port" --pages "$pages" >/tmp/arachne-demo-site.log 2>&1 &
site=$!
trap 'kill $site 2>/dev/null; wait $site 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do  # up to 10 s for the site to listen
  grep -q "http://" /tmp/arachne-demo-site.log 2>/dev/null && break
  sleep 0.1
done
echo "test site: $(head -n 1 /tmp/arachne-demo-site.log) ($pages pages)"

build/arachne crawl seeds/demo.toml
echo
echo "first record of output/demo.jsonl:"
head -n 1 output/demo.jsonl
echo "records: $(wc -l < output/demo.jsonl) in output/demo.jsonl, $(($(wc -l < output/demo.csv) - 1)) rows in output/demo.csv"
echo "a record with a product:"
grep -m 1 '"price":"' output/demo.jsonl
build/arachne report output/demo.stats.json
