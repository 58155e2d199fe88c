#include "core/decision.h"

#include <algorithm>

namespace llmsec {

std::string_view to_string(Action action) {
  switch (action) {
    case Action::kAllow:
      return "allow";
    case Action::kFlag:
      return "flag";
    case Action::kRedact:
      return "redact";
    case Action::kBlock:
      return "block";
  }
  return "allow";
}

std::optional<Action> parse_action(std::string_view text) {
  for (Action a : {Action::kAllow, Action::kFlag, Action::kRedact, Action::kBlock})
    if (to_string(a) == text) return a;
  return std::nullopt;
}

const Reason* Decision::deciding() const {
  for (const Reason& r : reasons)
    if (!r.shadow) return &r;
  return nullptr;
}

void merge(Decision& into, Decision other, std::size_t max_reasons) {
  into.action = std::max(into.action, other.action);
  into.verdict = std::max(into.verdict, other.verdict);
  for (Reason& reason : other.reasons) into.reasons.push_back(std::move(reason));
  std::stable_sort(into.reasons.begin(), into.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.action > b.action; });
  if (into.reasons.size() > max_reasons) into.reasons.resize(max_reasons);
}

}  // namespace llmsec
