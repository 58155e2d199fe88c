// Sizes and durations with units, as written in configuration files.
//
//   parse_size("4MiB")      -> 4194304      parse_size("512")  -> 512
//   parse_duration("30s")   -> 30s          parse_duration("250ms") -> 250ms
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace llmsec::config {

std::optional<std::uint64_t> parse_size(std::string_view text);
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace llmsec::config
