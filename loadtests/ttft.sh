#!/usr/bin/env bash
# Time to first token through the gateway (shipped configuration) versus straight to the
# fake upstream, on loopback, requests interleaved. The upstream streams word-like tokens at
# 200 a second, so a token the guard held back would show as 5 ms or more.
#   loadtests/ttft.sh [REQUESTS]        after the README's build (build/)
#   THREADS=1 loadtests/ttft.sh         the gateway on one I/O thread (server.threads); on a
#                                       machine whose cores the client and upstream share
#   CONFIG=FILE loadtests/ttft.sh       another configuration
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
requests=${1:-200}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

# Waits for a process's "listening" line and prints the field after `$2`.
address() {
  for _ in $(seq 100); do
    if line=$(grep -m1 listening "$1" 2>/dev/null); then
      sed -E "s/.*$2([^ ]+).*/\1/" <<<"$line"
      return
    fi
    sleep 0.1
  done
  echo "no listening line in $1" >&2
  exit 1
}

text="Hello! Rivers carry water from the hills to the sea, and towns grow along their banks."
"$build/fake-llm" --listen 127.0.0.1:0 --mode fixed --text "$text" --chunk-chars 0 \
  --tokens-per-second 200 >"$tmp/fake.log" &
upstream=$(address "$tmp/fake.log" "listening ")
config=${CONFIG:-config/gateway.yaml}
if [[ -n ${THREADS:-} ]]; then  # a copy with server.threads set; its paths made absolute
  dir=$(cd "$(dirname "$config")" && pwd)
  sed -E "s|^  threads: .*|  threads: $THREADS|; s|^(    - )(rules/)|\1$dir/\2|; s|^(    - model: )|\1$dir/|; s|^(  - )(policies/)|\1$dir/\2|; s|^(    - file: )(feeds/)|\1$dir/\2|" \
    "$config" >"$tmp/gateway.yaml"
  config=$tmp/gateway.yaml
fi
"$build/llmsec" serve --config "$config" --listen 127.0.0.1:0 --admin 127.0.0.1:0 \
  --upstream "http://$upstream" >"$tmp/gateway.log" &
gateway=$(address "$tmp/gateway.log" "api=")
"$build/ttft" --direct "$upstream" --gateway "$gateway" --requests "$requests"
