#!/usr/bin/env bash
# Builds llmsec if needed and starts the gateway with the shipped config/gateway.yaml.
# Arguments go to `llmsec serve` (for example --listen 0.0.0.0:8080 --upstream URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
exec build/llmsec serve --config config/gateway.yaml "$@"
