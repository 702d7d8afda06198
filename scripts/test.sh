#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs the whole test suite; then builds it
# again with Clang, AddressSanitizer and UndefinedBehaviorSanitizer (build-sanitize/, ARACHNE_FUZZ=ON) and
# runs it again there, with a short run of each fuzz target of fuzz/.
#   ARACHNE_SKIP_SANITIZERS=1 scripts/test.sh     the first pass only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
scripts/install-deps.sh
ARACHNE_CMAKE_ARGS="-DARACHNE_WERROR=ON -DARACHNE_BUILD_TESTS=ON" scripts/build.sh
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

[[ "${ARACHNE_SKIP_SANITIZERS:-}" == 1 ]] && exit 0
# ARACHNE_FUZZ=ON builds everything with the sanitizers (and the fuzz targets, whose short runs are tests
# too: fuzz/README.md); it needs Clang, so a build-sanitize/ configured otherwise is started afresh.
# Warnings are errors in the first pass only. The embedding example is skipped: it links the installed
# library into a program built without the sanitizer runtime.
if [[ -f build-sanitize/CMakeCache.txt ]] && ! grep -q '^ARACHNE_FUZZ:BOOL=ON$' build-sanitize/CMakeCache.txt; then
  rm -rf build-sanitize
fi
# -O1 and line tables only (file:line in the sanitizers' stack traces, no full debug info): a third less to
# compile and link than -O2 -g, for reports just as readable.
CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARACHNE_BUILD_TESTS=ON \
  -DARACHNE_FUZZ=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" >/dev/null
cmake --build build-sanitize -j"$jobs"
cd "$root/build-sanitize"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j"$jobs" --timeout 600 -E '^embed_example$'
