#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
ARACHNE_CMAKE_ARGS="-DARACHNE_WERROR=ON -DARACHNE_BUILD_TESTS=ON" scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)" --timeout 600
