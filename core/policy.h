// Policy: turns a ScanReport into a Decision.
//
//   Policy policy;                                  // flag at 0.5, block at 0.85
//   policy.redact_categories = {"secret"};
//   Decision d = decide(pipeline.scan(segments, Direction::kInput), policy);
//
// A category score at or above its block threshold blocks, at or above its flag threshold
// flags. Findings of a redact category are rewritten out of the text instead of scored.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/decision.h"
#include "core/pipeline.h"

namespace llmsec {

struct Thresholds {
  double flag = 0.5;
  double block = 0.85;
};

struct Policy {
  std::string name = "default";
  Thresholds thresholds;
  std::map<std::string, Thresholds> category_thresholds;  // overrides per category
  std::set<std::string> redact_categories;

  const Thresholds& thresholds_for(const std::string& category) const;
};

Decision decide(const ScanReport& report, const Policy& policy);

// The placeholder a redacted span of `category` becomes: "[SECRET]" for "secret".
std::string redaction_tag(std::string_view category);

}  // namespace llmsec
