#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit and integration) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The openai SDK for the end-to-end tests, at the version package-lock.json pins.
if [[ ! -d tests/sdk/node_modules/openai || tests/sdk/package-lock.json -nt tests/sdk/node_modules ]]; then
  npm ci --prefix tests/sdk --no-audit --no-fund --loglevel=error
fi
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 600 -j "${JOBS:-2}"
