#include <catch2/catch.hpp>

#include "core/policy.h"

using namespace llmsec;

namespace {

ScanReport report_with(std::string category, double score, std::size_t start = 0,
                       std::size_t end = 4) {
  ScanReport report;
  report.findings.push_back({.detector = "rules.x",
                             .category = category,
                             .rule = "r1",
                             .severity = Severity::kHigh,
                             .score = score,
                             .start = start,
                             .end = end});
  report.scores[category] = score;
  report.risk = score;
  return report;
}

}  // namespace

TEST_CASE("scores below the flag threshold are allowed", "[core][policy]") {
  const Decision d = decide(report_with("prompt_injection", 0.3), Policy{});
  CHECK(d.action == Action::kAllow);
  CHECK(d.reasons.empty());
}

TEST_CASE("thresholds decide flag and block, and the reason names the rule", "[core][policy]") {
  Decision flagged = decide(report_with("prompt_injection", 0.6), Policy{});
  CHECK(flagged.action == Action::kFlag);
  Decision blocked = decide(report_with("prompt_injection", 0.9), Policy{});
  CHECK(blocked.action == Action::kBlock);
  REQUIRE(blocked.reasons.size() == 1);
  CHECK(blocked.reasons[0].category == "prompt_injection");
  CHECK(blocked.reasons[0].rule == "r1");
  CHECK(blocked.reasons[0].detector == "rules.x");
}

TEST_CASE("category thresholds override the policy's defaults", "[core][policy]") {
  Policy policy;
  policy.category_thresholds["jailbreak"] = {.flag = 0.2, .block = 0.4};
  CHECK(decide(report_with("jailbreak", 0.45), policy).action == Action::kBlock);
  CHECK(decide(report_with("prompt_injection", 0.45), policy).action == Action::kAllow);
}

TEST_CASE("redact categories produce redactions with type tags", "[core][policy]") {
  Policy policy;
  policy.redact_categories = {"secret"};
  const Decision d = decide(report_with("secret", 0.95, 5, 25), policy);
  CHECK(d.action == Action::kRedact);
  REQUIRE(d.redactions.size() == 1);
  CHECK(d.redactions[0].start == 5);
  CHECK(d.redactions[0].end == 25);
  CHECK(d.redactions[0].replacement == "[SECRET]");
}

TEST_CASE("a block outranks a redaction", "[core][policy]") {
  Policy policy;
  policy.redact_categories = {"secret"};
  ScanReport report = report_with("secret", 0.95);
  report.findings.push_back(
      {.detector = "rules.y", .category = "jailbreak", .rule = "dan", .score = 0.9});
  report.scores["jailbreak"] = 0.9;
  const Decision d = decide(report, policy);
  CHECK(d.action == Action::kBlock);
  REQUIRE(d.reasons.size() == 2);
  CHECK(d.reasons[0].category == "jailbreak");
}

TEST_CASE("a redact category scored at 0 changes nothing", "[core][policy]") {
  Policy policy;
  policy.redact_categories = {"secret"};
  ScanReport report;
  report.scores = {{"secret", 0.0}, {"prompt_injection", 0.0}};
  const Decision d = decide(report, policy);
  CHECK(d.action == Action::kAllow);
  CHECK(d.redactions.empty());
}
