#!/usr/bin/env bash
# Installs Arachne into a temporary prefix, builds examples/embed against it with find_package(arachne),
# and runs it against the test site on 127.0.0.1: the library must start its own worker processes.
# Usage: embed_example_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d)
site_pid=
cleanup() {
  [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/examples/embed" -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/embed" >/dev/null

"$build/arachne-testsite" serve --port 0 --pages 60 >"$work/site.log" 2>&1 &
site_pid=$!
url=
for _ in $(seq 1 100); do  # up to 10 s
  url=$(grep -o 'http://[^ ]*' "$work/site.log" | head -n 1 || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "test site did not start"; cat "$work/site.log"; exit 1; }

# No ARACHNE_WORKER and no arachne-worker beside embed_crawl: the library must find its installed worker.
env -u ARACHNE_WORKER timeout 120 "$work/embed/embed_crawl" "$url" 25 >"$work/out.txt"
tail -n 3 "$work/out.txt"
grep -qx "pages: 25" "$work/out.txt" || { echo "expected 25 pages"; exit 1; }
[[ $(grep -c $'^200\t' "$work/out.txt") -ge 1 ]] || { echo "no 200 records"; exit 1; }
echo "embed example: ok"
