#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing llmsec need.
# Idempotent: prints nothing and touches nothing when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-json1.81-dev
  libre2-dev libvectorscan-dev libicu-dev libyaml-cpp-dev libssl-dev libhiredis-dev
  prometheus-cpp-dev catch2 libbenchmark-dev
  curl ca-certificates openssl
  prometheus  # promtool checks /metrics in the tests
  redis-server  # replicas share state through a real Redis in the tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js and npm run the openai SDK in end-to-end tests. A machine may already have
# them from elsewhere (npm bundled with nodejs); only install what is really absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The tests only need promtool and the binary; Debian's package also starts a Prometheus
  # service on :9090, which is the gateway's admin port. Stop it where systemd runs one.
  # Likewise Redis on :6379: the tests start their own on a Unix socket.
  for service in prometheus redis-server; do
    if [[ " ${missing[*]} " == *" $service "* ]] && command -v systemctl >/dev/null 2>&1; then
      $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
    fi
  done
fi
