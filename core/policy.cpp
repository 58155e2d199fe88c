#include "core/policy.h"

#include <algorithm>
#include <cctype>

namespace llmsec {

const Thresholds& Policy::thresholds_for(const std::string& category) const {
  auto it = category_thresholds.find(category);
  return it == category_thresholds.end() ? thresholds : it->second;
}

std::string redaction_tag(std::string_view category) {
  std::string tag = "[";
  for (char c : category) tag += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return tag + "]";
}

Decision decide(const ScanReport& report, const Policy& policy) {
  Decision decision;
  // The strongest finding of each category explains that category's reason.
  std::map<std::string, const Finding*> strongest;
  for (const Finding& f : report.findings) {
    const Finding*& s = strongest[f.category];
    if (!s || f.score > s->score) s = &f;
  }
  for (const auto& [category, score] : report.scores) {
    const Finding* f = strongest[category];
    if (!f) continue;  // scored at 0: nothing was found
    Action action = Action::kAllow;
    if (policy.redact_categories.contains(category)) {
      action = Action::kRedact;
    } else {
      const Thresholds& t = policy.thresholds_for(category);
      if (score >= t.block)
        action = Action::kBlock;
      else if (score >= t.flag)
        action = Action::kFlag;
    }
    if (action == Action::kAllow) continue;
    decision.reasons.push_back(Reason{action, category, score, f->detector, f->rule, f->severity});
    decision.action = std::max(decision.action, action);
  }
  std::stable_sort(decision.reasons.begin(), decision.reasons.end(),
                   [](const Reason& a, const Reason& b) {
                     return a.action != b.action ? a.action > b.action : a.score > b.score;
                   });
  if (decision.action == Action::kRedact) {
    for (const Finding& f : report.findings)
      if (policy.redact_categories.contains(f.category))
        decision.redactions.push_back({f.segment, f.start, f.end, redaction_tag(f.category)});
  }
  return decision;
}

}  // namespace llmsec
