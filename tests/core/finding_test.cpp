#include <catch2/catch.hpp>

#include "core/decision.h"
#include "core/finding.h"
#include "core/segment.h"

using namespace llmsec;

TEST_CASE("severity, role, direction and action names round-trip", "[core]") {
  for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical})
    CHECK(parse_severity(to_string(s)) == s);
  for (Role r : {Role::kSystem, Role::kDeveloper, Role::kUser, Role::kAssistant, Role::kTool,
                 Role::kDocument})
    CHECK(parse_role(to_string(r)) == r);
  for (Action a : {Action::kAllow, Action::kFlag, Action::kRedact, Action::kBlock})
    CHECK(parse_action(to_string(a)) == a);
  CHECK(parse_direction("input") == Direction::kInput);
  CHECK(parse_direction("output") == Direction::kOutput);
}

TEST_CASE("unknown names are rejected, the legacy function role is a tool", "[core]") {
  CHECK_FALSE(parse_severity("urgent"));
  CHECK_FALSE(parse_role("wizard"));
  CHECK_FALSE(parse_direction("sideways"));
  CHECK_FALSE(parse_action("explode"));
  CHECK(parse_role("function") == Role::kTool);
}

TEST_CASE("actions are ordered by strength", "[core]") {
  CHECK(Action::kAllow < Action::kFlag);
  CHECK(Action::kFlag < Action::kRedact);
  CHECK(Action::kRedact < Action::kBlock);
}
