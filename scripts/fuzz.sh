#!/usr/bin/env bash
# Builds the fuzz targets (build-fuzz/: Clang, AddressSanitizer, UBSan, libFuzzer; only the components
# they need) and runs one or all of them for long, one after the other, each as one process (one worker).
#   scripts/fuzz.sh                 every target, 600 s each
#   scripts/fuzz.sh url 3600        url_fuzzer for an hour
# Targets: html url robots sitemap toml ipc (fuzz/README.md). Each reads its seeds from fuzz/corpus/<target>/
# and keeps what it finds in build-fuzz/fuzz-work/<target>/corpus/, so the next run goes on from there; the
# source tree is only read. A crash, sanitizer report, timeout or memory blow-up stops the target and
# leaves the input in build-fuzz/fuzz-work/<target>/artifacts/ (rerun it: build-fuzz/fuzz/<target>_fuzzer
# <file>). Exit status 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
all=(html url robots sitemap toml ipc)
targets=("${1:-all}")
[[ "${targets[0]}" == all ]] && targets=("${all[@]}")
seconds=${2:-600}
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARACHNE_FUZZ=ON \
  -DARACHNE_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target arachne_fuzzers

found=0
for target in "${targets[@]}"; do
  fuzzer="$root/build-fuzz/fuzz/${target}_fuzzer"
  [[ -x "$fuzzer" ]] || { echo "fuzz.sh: no target '$target' (one of: ${all[*]})" >&2; exit 2; }
  work="$root/build-fuzz/fuzz-work/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  args=(-max_total_time="$seconds" -timeout=25 -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  [[ -f "fuzz/$target.dict" ]] && args+=(-dict="$root/fuzz/$target.dict")
  echo "== $target: $seconds s, log in $work/log"
  status=0
  # The html target also holds the scanner to Gumbo where they should agree (fuzz/html_fuzzer.cc).
  ARACHNE_FUZZ_DIFFERENTIAL=1 "$fuzzer" "${args[@]}" "$work/corpus" "$root/fuzz/corpus/$target" >"$work/log" 2>&1 ||
    status=$?
  # libFuzzer's last progress line ("#N ... cov: C ft: F corp: K/S ... exec/s: E") and its final stats.
  grep -E '^#[0-9]+' "$work/log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/log" || true
  echo "corpus: $(find "$work/corpus" -type f | wc -l) files"
  if ((status != 0)); then
    found=1
    echo "FINDING (exit status $status):"
    grep -E 'ERROR: |SUMMARY: |FUZZ_CHECK failed|runtime error' "$work/log" | head -n 5 || true
    ls -l "$work/artifacts"
  else
    echo "findings: none"
  fi
done
exit "$found"
