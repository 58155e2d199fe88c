#include "core/policy.h"

#include <algorithm>
#include <cctype>

namespace llmsec {

std::string_view to_string(PolicyMode mode) {
  return mode == PolicyMode::kMonitor ? "monitor" : "enforce";
}

bool PolicyRule::matches(const std::string& unit_category, const std::string& unit_detector,
                         Severity severity, double score, Role role) const {
  if (!categories.empty() &&
      std::find(categories.begin(), categories.end(), unit_category) == categories.end())
    return false;
  if (!detector.empty()) {
    if (detector.ends_with('*')) {
      if (!unit_detector.starts_with(std::string_view(detector).substr(0, detector.size() - 1)))
        return false;
    } else if (detector != unit_detector) {
      return false;
    }
  }
  if (severity < min_severity || score < min_score) return false;
  return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

const Thresholds& DirectionPolicy::thresholds_for(const std::string& category) const {
  auto it = category_thresholds.find(category);
  return it == category_thresholds.end() ? thresholds : it->second;
}

std::string redaction_tag(std::string_view category) {
  std::string tag = "[";
  for (char c : category) tag += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return tag + "]";
}

namespace {

// One category in one segment: what a policy rule looks at.
struct Unit {
  std::string category;
  std::size_t segment = 0;
  double score = 0.0;
  const Finding* strongest = nullptr;
  Severity severity = Severity::kLow;  // the highest among its findings
  Role role = Role::kUnknown;
};

std::vector<Unit> units_of(const ScanReport& report) {
  std::map<std::pair<std::string, std::size_t>, Unit> units;
  for (const auto& [key, score] : report.segment_scores)
    units[key] = Unit{.category = key.first, .segment = key.second, .score = score};
  for (const Finding& f : report.findings) {
    Unit& u = units[{f.category, f.segment}];
    if (!u.strongest || f.score > u.strongest->score) u.strongest = &f;
    u.severity = std::max(u.severity, f.severity);
  }
  std::vector<Unit> out;
  for (auto& [key, u] : units) {
    if (u.segment < report.roles.size()) u.role = report.roles[u.segment];
    out.push_back(std::move(u));
  }
  return out;
}

// A tag's text, or a pseudonym's kind ("EMAIL" for "[EMAIL_1]").
std::string replacement_for(const RedactStyle& style, const std::string& category) {
  std::string tag = style.tag.empty() ? redaction_tag(category) : style.tag;
  if ((style.op == RedactOperator::kPseudonym || style.op == RedactOperator::kHash) &&
      tag.size() >= 2 && tag.front() == '[' && tag.back() == ']')
    tag = tag.substr(1, tag.size() - 2);
  return tag;
}

Reason reason_for(const Unit& u, Action action, std::string policy_rule, bool shadow) {
  return Reason{.action = action,
                .category = u.category,
                .score = u.score,
                .detector = u.strongest->detector,
                .rule = u.strongest->rule,
                .severity = u.severity,
                .policy_rule = std::move(policy_rule),
                .segment = u.segment,
                .shadow = shadow};
}

}  // namespace

Decision decide(const ScanReport& report, const Policy& policy, Direction direction) {
  const DirectionPolicy& rules = policy.for_direction(direction);
  const std::string severity_prefix =
      policy.name + "." + std::string(to_string(direction)) + ".severity.";
  Decision decision;
  std::vector<Reason> shadows;
  for (const std::string& failed : report.failed_detectors) {
    // A detector that could not look is no evidence either way; the policy says which.
    const Action action = policy.fail_open ? Action::kFlag : Action::kBlock;
    decision.reasons.push_back(
        Reason{.action = action,
               .category = "detector_error",
               .score = 1.0,
               .detector = failed,
               .rule = "detector_failed",
               .severity = Severity::kHigh,
               .policy_rule = policy.name + (policy.fail_open ? ".fail_open" : ".fail_closed")});
    decision.verdict = std::max(decision.verdict, action);
  }
  for (const Unit& u : units_of(report)) {
    std::optional<Action> action;
    std::string decided_by;
    const RedactStyle* style = nullptr;
    for (const PolicyRule& rule : rules.rules) {
      if (!rule.matches(u.category, u.strongest->detector, u.severity, u.score, u.role)) continue;
      if (rule.shadow) {
        shadows.push_back(reason_for(u, rule.action, rule.name, true));
        continue;
      }
      action = rule.action;
      decided_by = rule.name;
      style = &rule.redact;
      break;
    }
    if (!action) {
      const Thresholds& t = rules.thresholds_for(u.category);
      if (u.score < t.flag) continue;
      action = rules.severity_action(u.severity);
      if (*action == Action::kBlock && u.score < t.block) action = Action::kFlag;
      decided_by = severity_prefix + std::string(to_string(u.severity));
    }
    if (*action == Action::kAllow) continue;
    decision.reasons.push_back(reason_for(u, *action, decided_by, false));
    decision.verdict = std::max(decision.verdict, *action);
    if (*action != Action::kRedact) continue;
    for (const Finding& f : report.findings) {
      if (f.category != u.category || f.segment != u.segment) continue;
      decision.redactions.push_back(Redaction{.segment = f.segment,
                                              .start = f.start,
                                              .end = f.end,
                                              .replacement = replacement_for(*style, f.category),
                                              .op = style->op,
                                              .keep = style->keep,
                                              .hash_key = style->hash_key});
    }
  }
  std::stable_sort(decision.reasons.begin(), decision.reasons.end(),
                   [](const Reason& a, const Reason& b) {
                     return a.action != b.action ? a.action > b.action : a.score > b.score;
                   });
  decision.reasons.insert(decision.reasons.end(), shadows.begin(), shadows.end());
  decision.action = decision.verdict;
  // A block answers locally and a flag changes nothing: redactions matter only for redact.
  if (decision.action != Action::kRedact) decision.redactions.clear();
  if (policy.mode == PolicyMode::kMonitor) monitor_only(decision);
  return decision;
}

Outcome evaluate(const Pipeline& pipeline, std::span<const Segment> segments, const Policy& policy,
                 Direction direction, std::span<const Detector* const> extra) {
  Outcome outcome{.report = pipeline.scan(segments, direction, policy.lists.get(), extra)};
  outcome.decision = decide(outcome.report, policy, direction);
  return outcome;
}

void monitor_only(Decision& decision) {
  decision.action = std::min(decision.verdict, Action::kFlag);
  decision.redactions.clear();
}

}  // namespace llmsec
