// Policy: turns a ScanReport into a Decision.
//
//   Policy policy;                                   // the built-in defaults
//   policy.input.rules.push_back({.name = "secrets", .category = "secret",
//                                 .action = Action::kRedact});
//   Outcome o = evaluate(pipeline, segments, policy, Direction::kInput);
//   o.decision.action                               // allow, flag, redact or block
//
// The unit of a decision is one category in one segment, with the category's combined score
// in that segment, the segment's role and the strongest finding behind it. Each unit walks
// the direction's rules in order and the first that matches decides its action (a shadow
// rule is recorded and passed over). A unit no rule matches is allowed below its category's
// flag threshold; above it, it earns the action its severity maps to, except that a block
// needs the block threshold too and is a flag below it. The strongest unit action is the
// decision's; monitor mode then forwards everything and records what it would have done.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/pipeline.h"
#include "core/policy_lists.h"

namespace llmsec {

struct Thresholds {
  double flag = 0.5;
  double block = 0.85;
};

enum class PolicyMode { kEnforce, kMonitor };

std::string_view to_string(PolicyMode mode);

// How a redact action rewrites a span.
struct RedactStyle {
  RedactOperator op = RedactOperator::kTag;
  std::string tag;          // kTag: the placeholder; empty: "[CATEGORY]"
  unsigned keep = 4;        // kMask: characters kept at the end
  KeyedHashKey hash_key{};  // kHash: the deployment's key
};

struct PolicyRule {
  std::string name;  // shown in block messages and audit records ("strict.input.rules[0]")
  std::vector<std::string> categories;  // empty: any
  std::string detector;                 // empty: any; "rules.*" matches by prefix
  Severity min_severity = Severity::kLow;
  double min_score = 0.0;
  std::vector<Role> roles;  // empty: any
  Action action = Action::kFlag;
  RedactStyle redact;
  bool shadow = false;  // evaluated and recorded, never applied

  bool matches(const std::string& category, const std::string& detector, Severity severity,
               double score, Role role) const;
};

struct DirectionPolicy {
  Thresholds thresholds;
  std::map<std::string, Thresholds> category_thresholds;  // overrides per category
  // The strongest action a unit of each severity earns above its flag threshold.
  std::array<Action, 4> severity_actions = {Action::kFlag, Action::kBlock, Action::kBlock,
                                            Action::kBlock};
  std::vector<PolicyRule> rules;  // first match wins

  const Thresholds& thresholds_for(const std::string& category) const;
  Action severity_action(Severity severity) const {
    return severity_actions[static_cast<std::size_t>(severity)];
  }
};

struct Policy {
  std::string name = "default";
  PolicyMode mode = PolicyMode::kEnforce;
  bool fail_open = false;  // a detector that failed does not block
  // The gateway adds a canary to the request's instructions and watches answers for it.
  bool canary = false;
  // A blocked request gets OpenAI's error, or (for chat UIs) an answer that says no.
  bool refuse_as_answer = false;
  std::string refusal_message = "I can't help with that request.";
  DirectionPolicy input;
  DirectionPolicy output;
  std::shared_ptr<const PolicyLists> lists;  // allow and deny lists; nullptr: none

  const DirectionPolicy& for_direction(Direction direction) const {
    return direction == Direction::kInput ? input : output;
  }
};

Decision decide(const ScanReport& report, const Policy& policy, Direction direction);

// Both steps at once: the pipeline's scan with the policy's lists, then its decision.
struct Outcome {
  ScanReport report;
  Decision decision;
};
Outcome evaluate(const Pipeline& pipeline, std::span<const Segment> segments, const Policy& policy,
                 Direction direction, std::span<const Detector* const> extra = {});

// Monitor mode: whatever the verdict, forward unchanged (flagged) and keep the verdict.
void monitor_only(Decision& decision);

// The placeholder a redacted span of `category` becomes: "[SECRET]" for "secret".
std::string redaction_tag(std::string_view category);

}  // namespace llmsec
