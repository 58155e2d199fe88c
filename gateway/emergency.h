// The emergency switch: one admin call puts every request under one rule, whatever the
// policies say, for incident response. It survives configuration reloads.
//
//   POST /admin/emergency {"mode": "block_all"}     every API request answered 503
//   POST /admin/emergency {"mode": "monitor_all"}   every policy in monitor mode
//   POST /admin/emergency {"mode": "off"}
#pragma once

#include <optional>
#include <string_view>

namespace llmsec::gateway {

enum class EmergencyMode { kOff, kMonitorAll, kBlockAll };

constexpr std::string_view to_string(EmergencyMode mode) {
  switch (mode) {
    case EmergencyMode::kOff:
      return "off";
    case EmergencyMode::kMonitorAll:
      return "monitor_all";
    case EmergencyMode::kBlockAll:
      return "block_all";
  }
  return "off";
}

constexpr std::optional<EmergencyMode> parse_emergency_mode(std::string_view text) {
  for (EmergencyMode m :
       {EmergencyMode::kOff, EmergencyMode::kMonitorAll, EmergencyMode::kBlockAll})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

}  // namespace llmsec::gateway
