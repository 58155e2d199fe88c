// Finding: one thing a detector saw, with where it saw it.
//
//   Finding f{.detector = "rules.prompt_injection", .category = "prompt_injection",
//             .severity = Severity::kHigh, .score = 0.9, .segment = 0, .start = 12, .end = 40};
//
// Offsets are byte offsets into the segment's original UTF-8 text, whatever view of the
// text the detector matched in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace llmsec {

enum class Severity { kLow, kMedium, kHigh, kCritical };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct Finding {
  std::string detector;  // the detector instance that reported it ("rules.prompt_injection")
  std::string category;  // "prompt_injection", "jailbreak", "secret", ...
  std::string rule;      // the signal inside the detector (a rule id), for explanations
  Severity severity = Severity::kMedium;
  double score = 0.0;  // confidence in [0, 1]
  std::size_t segment = 0;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string view;  // which view of the text matched ("original", "normalized", ...)
};

}  // namespace llmsec
