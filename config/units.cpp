#include "config/units.h"

#include <array>
#include <charconv>
#include <utility>

namespace llmsec::config {
namespace {

// Splits "30s" into 30 and "s"; fails on a missing or negative number.
std::optional<std::pair<double, std::string_view>> split(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data() || number < 0) return std::nullopt;
  std::string_view unit(end, text.data() + text.size() - end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return std::pair{number, unit};
}

}  // namespace

std::optional<std::uint64_t> parse_size(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, double>, 9> kUnits{{
      {"", 1},
      {"B", 1},
      {"KB", 1e3},
      {"MB", 1e6},
      {"GB", 1e9},
      {"KiB", 1024.0},
      {"MiB", 1024.0 * 1024},
      {"GiB", 1024.0 * 1024 * 1024},
      {"k", 1e3},
  }};
  auto parts = split(text);
  if (!parts) return std::nullopt;
  for (const auto& [unit, factor] : kUnits)
    if (unit == parts->second) return static_cast<std::uint64_t>(parts->first * factor);
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, double>, 4> kUnits{{
      {"ms", 1},
      {"s", 1000},
      {"m", 60'000},
      {"h", 3'600'000},
  }};
  auto parts = split(text);
  if (!parts) return std::nullopt;
  for (const auto& [unit, factor] : kUnits)
    if (unit == parts->second)
      return std::chrono::milliseconds(static_cast<std::int64_t>(parts->first * factor));
  return std::nullopt;
}

}  // namespace llmsec::config
