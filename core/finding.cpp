#include "core/finding.h"

#include <array>
#include <utility>

#include "core/segment.h"

namespace llmsec {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverities{{
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::kSystem, "system"},
    {Role::kDeveloper, "developer"},
    {Role::kUser, "user"},
    {Role::kAssistant, "assistant"},
    {Role::kTool, "tool"},
    {Role::kDocument, "document"},
    {Role::kUnknown, "unknown"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Severity severity) {
  return name_of(kSeverities, severity);
}
std::optional<Severity> parse_severity(std::string_view text) {
  return value_of(kSeverities, text);
}

std::string_view to_string(Role role) {
  return name_of(kRoles, role);
}
std::optional<Role> parse_role(std::string_view text) {
  if (text == "function") return Role::kTool;  // the legacy name of tool results
  return value_of(kRoles, text);
}

std::string_view to_string(Direction direction) {
  return direction == Direction::kInput ? "input" : "output";
}
std::optional<Direction> parse_direction(std::string_view text) {
  if (text == "input") return Direction::kInput;
  if (text == "output") return Direction::kOutput;
  return std::nullopt;
}

}  // namespace llmsec
