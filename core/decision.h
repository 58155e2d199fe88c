// Decision: what the gateway does with a request or a response, and why.
//
//   Decision d = decide(report, policy, Direction::kInput);
//   if (d.action == Action::kBlock) reply_with_error(d.reasons.front());
//
// Actions are ordered by strength: allow < flag < redact < block. `verdict` is what the
// policy found; `action` is what the gateway does, which differs only in monitor mode.
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
  std::string rule;      // the detector's signal ("override_previous")
  Severity severity = Severity::kLow;
  std::string policy_rule;  // the policy rule that decided ("default.severity.high")
  std::size_t segment = 0;
  bool shadow = false;  // a shadow rule's verdict: recorded, not applied
};

struct Decision {
  Action action = Action::kAllow;
  Action verdict = Action::kAllow;
  std::vector<Reason> reasons;        // strongest first, shadow verdicts last
  std::vector<Redaction> redactions;  // when action is kRedact

  // The first reason that was applied, the one that explains the action.
  const Reason* deciding() const;
};

// Folds `other` into `into`, as one decision over several scans (the windows of a stream):
// the stronger action and verdict, and the reasons of both, strongest first, at most
// `max_reasons` of them. Redactions stay with the scan they apply to and are not merged.
void merge(Decision& into, Decision other, std::size_t max_reasons = 16);

}  // namespace llmsec
