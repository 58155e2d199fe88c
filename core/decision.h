// Decision: what the gateway does with a request or a response, and why.
//
//   Decision d = decide(report, policy);
//   if (d.action == Action::kBlock) reply_with_error(d.reasons.front());
//
// Actions are ordered by strength: allow < flag < redact < block.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/redaction.h"

namespace llmsec {

enum class Action { kAllow, kFlag, kRedact, kBlock };

std::string_view to_string(Action action);
std::optional<Action> parse_action(std::string_view text);

struct Reason {
  Action action = Action::kAllow;
  std::string category;
  double score = 0.0;
  std::string detector;  // the strongest finding behind it
  std::string rule;
  Severity severity = Severity::kLow;
};

struct Decision {
  Action action = Action::kAllow;
  std::vector<Reason> reasons;        // strongest first
  std::vector<Redaction> redactions;  // when action is kRedact
};

}  // namespace llmsec
