#include "core/decision.h"

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

}  // namespace llmsec
