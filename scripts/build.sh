#!/usr/bin/env bash
# Configures and builds Arachne in build/ (Release with debug info).
#   scripts/build.sh [TARGET...]        only these targets (default: everything, tests included)
#   ARACHNE_CMAKE_ARGS="-DARACHNE_WERROR=ON" scripts/build.sh     extra configure arguments
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# shellcheck disable=SC2086 # ARACHNE_CMAKE_ARGS is a list of arguments
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${ARACHNE_CMAKE_ARGS:-} >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j"$jobs" "${targets[@]}"
