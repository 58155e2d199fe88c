#!/usr/bin/env bash
# Configures and builds llmsec into build/ (Release; LLMSEC_SANITIZE=ON for ASan/UBSan).
# Installs missing Debian packages first. Extra arguments go to CMake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build_dir=${BUILD_DIR:-build}
if [[ ! -f "$build_dir/build.ninja" || $# -gt 0 ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >/dev/null
fi
cmake --build "$build_dir" -j "${JOBS:-2}"
