#!/usr/bin/env bash
# Installs the Debian 12 packages Arachne needs to build and test.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds nginx, wget2 and Scrapy for bench/compare.sh)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcurl4-openssl-dev   # fetcher: HTTP/1.1, HTTP/2, compression, multi-socket API
  libgumbo-dev           # parser: HTML5-conformant parsing
  libboost-dev           # Asio (fetcher event loop), Beast (test web site server)
  libgtest-dev libgmock-dev
  libtomlplusplus-dev    # seed files
  libcli11-dev           # command line
  nlohmann-json3-dev     # JSON export and JSON test data
  libxxhash-dev          # URL fingerprints for the dedup store
  libre2-dev             # scope allow/deny regexes: linear time, fast
  libicu-dev             # url: UTS #46 IDNA as browsers do it (libidn2 applies IDNA2008 rules and
                         # rejects hosts the URL Standard accepts, such as symbol and emoji labels)
  zlib1g-dev             # sitemaps: .xml.gz files; test web site: gzip Content-Encoding of its replies
  libexpat1-dev          # sitemaps: a streaming XML parser with no network access and entity limits
  libseccomp-dev         # parser sandbox: no files, sockets or processes once parsing starts
  librocksdb-dev         # job folders (--job): the frontier, seen set and output positions of a resumable crawl
  libhiredis-dev         # cluster crawls (--redis): the shared frontier and dedup store live in Redis
  redis-server           # tests and bench/cluster.sh: a Redis started on 127.0.0.1 for each cluster test
  nginx-light openssl    # tests: a real HTTPS and HTTP/2 server for the fetcher (and bench/compare.sh)
  clang libclang-rt-dev  # tests: the sanitizer pass and fuzz/ (AddressSanitizer, UBSan and libFuzzer runtimes)
  python3-doc            # tests and bench/parse_rate: real-world HTML (/usr/share/doc/python3/html)
  nodejs                 # tests: third-party readers from the npm registry (warcio reads the WARC archives)
  chromium               # tests: `arachne report` pages opened in a headless browser (playwright-core)
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(wget2 python3-scrapy curl)
fi

cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's nodejs comes without npm (a package of its own); NodeSource's includes it.
if ! command -v npm >/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends npm
fi

# Test helpers from the npm registry, at the versions their package-lock.json pins.
for dir in tests/export/warc_reader tests/report/browser_check; do
  [[ -f "$dir/package-lock.json" ]] || continue
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$dir/node_modules"
  fi
done
