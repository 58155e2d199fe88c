// The shipped configuration (config/gateway.yaml), compiled once per test binary.
//
//   const llmsec::config::Snapshot& s = shipped_snapshot();
#pragma once

#include <catch2/catch.hpp>

#include "config/snapshot.h"

inline const llmsec::config::Snapshot& shipped_snapshot() {
  static const auto snapshot =
      llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  REQUIRE(snapshot);
  return **snapshot;
}
