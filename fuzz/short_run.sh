#!/bin/sh
# The short run of one fuzz target in the test suite (fuzz/CMakeLists.txt): its seed corpus plus at most
# RUNS inputs or SECONDS seconds, whichever ends first. New inputs and any crash go to WORK, which is
# emptied first, so the source tree is only read and each run starts from the seeds alone.
#   short_run.sh FUZZER CORPUS WORK RUNS SECONDS [DICT]
# Exits non-zero, with libFuzzer's report and the crashing input in WORK/artifacts/, on a finding.
set -eu
fuzzer=$1 corpus=$2 work=$3 runs=$4 seconds=$5 dict=${6:-}
rm -rf "$work"
mkdir -p "$work/new" "$work/artifacts"
set -- -runs="$runs" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/"
[ -n "$dict" ] && set -- "$@" -dict="$dict"
# The first folder takes new inputs; the seeds are only read.
exec "$fuzzer" "$@" "$work/new" "$corpus"
