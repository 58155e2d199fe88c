// Loads a rule pack (config/rules/*.yaml) into a RulePackSpec, validating every pattern
// with RE2 and reporting problems as file:line:col.
//
//   Diagnostics diag;
//   std::optional<RulePackSpec> pack = load_rule_pack("config/rules/prompt_injection.yaml", diag);
//
// The file format:
//   name: prompt_injection          # detector "rules.prompt_injection"
//   category: prompt_injection
//   directions: [input]             # input, output or both
//   roles: [tool, document]         # optional: only these segments' text
//   case_sensitive: false
//   rules:
//     - id: override.ignore_previous
//       weight: 0.9                 # the finding's score, in (0, 1]
//       severity: high              # low | medium | high | critical
//       pattern: '\bignore\s+(all\s+)?previous\s+instructions\b'
#pragma once

#include <optional>
#include <string>

#include "config/diagnostics.h"
#include "core/detectors/rule_pack_detector.h"

namespace llmsec::config {

std::optional<RulePackSpec> load_rule_pack(const std::string& path, Diagnostics& diag);

}  // namespace llmsec::config
