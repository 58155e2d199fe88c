#include <catch2/catch.hpp>

#include <stdexcept>

#include "core/policy.h"

using namespace llmsec;

namespace {

constexpr auto kIn = Direction::kInput;

Finding finding(std::string category, double score, std::size_t segment = 0,
                Severity severity = Severity::kHigh, std::size_t start = 0, std::size_t end = 4) {
  return {.detector = "rules.x",
          .category = std::move(category),
          .rule = "r1",
          .severity = severity,
          .score = score,
          .segment = segment,
          .start = start,
          .end = end};
}

ScanReport report_of(std::vector<Finding> findings, std::vector<Role> roles = {Role::kUser}) {
  ScanReport report;
  report.findings = std::move(findings);
  report.scores = combine_scores(report.findings);
  report.segment_scores = segment_scores(report.findings);
  report.roles = std::move(roles);
  return report;
}

ScanReport report_with(std::string category, double score, std::size_t start = 0,
                       std::size_t end = 4) {
  return report_of({finding(std::move(category), score, 0, Severity::kHigh, start, end)});
}

PolicyRule rule(std::string name, std::string category, Action action) {
  return {.name = std::move(name), .categories = {std::move(category)}, .action = action};
}

}  // namespace

TEST_CASE("scores below the flag threshold are allowed", "[core][policy]") {
  const Decision d = decide(report_with("prompt_injection", 0.3), Policy{}, kIn);
  CHECK(d.action == Action::kAllow);
  CHECK(d.reasons.empty());
}

TEST_CASE("thresholds decide flag and block, and the reason names the deciding rule",
          "[core][policy]") {
  Decision flagged = decide(report_with("prompt_injection", 0.6), Policy{}, kIn);
  CHECK(flagged.action == Action::kFlag);
  Decision blocked = decide(report_with("prompt_injection", 0.9), Policy{}, kIn);
  CHECK(blocked.action == Action::kBlock);
  REQUIRE(blocked.reasons.size() == 1);
  CHECK(blocked.reasons[0].category == "prompt_injection");
  CHECK(blocked.reasons[0].rule == "r1");
  CHECK(blocked.reasons[0].detector == "rules.x");
  CHECK(blocked.reasons[0].policy_rule == "default.input.severity.high");
}

TEST_CASE("category thresholds override the policy's defaults", "[core][policy]") {
  Policy policy;
  policy.input.category_thresholds["jailbreak"] = {.flag = 0.2, .block = 0.4};
  CHECK(decide(report_with("jailbreak", 0.45), policy, kIn).action == Action::kBlock);
  CHECK(decide(report_with("prompt_injection", 0.45), policy, kIn).action == Action::kAllow);
}

TEST_CASE("each severity earns at most its configured action", "[core][policy]") {
  Policy policy;
  policy.input.severity_actions = {Action::kAllow, Action::kFlag, Action::kBlock, Action::kBlock};
  auto action_for = [&](Severity severity, double score) {
    return decide(report_of({finding("jailbreak", score, 0, severity)}), policy, kIn).action;
  };
  CHECK(action_for(Severity::kLow, 0.99) == Action::kAllow);
  CHECK(action_for(Severity::kMedium, 0.99) == Action::kFlag);
  CHECK(action_for(Severity::kHigh, 0.99) == Action::kBlock);
  CHECK(action_for(Severity::kHigh, 0.6) == Action::kFlag);  // a block needs block_at
  // The unit's severity is the highest among its findings.
  const ScanReport mixed = report_of({finding("jailbreak", 0.9, 0, Severity::kMedium),
                                      finding("jailbreak", 0.2, 0, Severity::kCritical)});
  CHECK(decide(mixed, policy, kIn).action == Action::kBlock);
}

TEST_CASE("redact rules tag or mask what they redact", "[core][policy]") {
  Policy policy;
  policy.input.rules = {rule("secrets", "secret", Action::kRedact)};
  const Decision d = decide(report_with("secret", 0.95, 5, 25), policy, kIn);
  CHECK(d.action == Action::kRedact);
  REQUIRE(d.redactions.size() == 1);
  CHECK(d.redactions[0].start == 5);
  CHECK(d.redactions[0].end == 25);
  CHECK(d.redactions[0].replacement == "[SECRET]");
  CHECK(d.reasons[0].policy_rule == "secrets");

  policy.input.rules[0].redact = {.op = RedactOperator::kMask, .keep = 4};
  const Decision masked = decide(report_with("secret", 0.95, 4, 27), policy, kIn);
  REQUIRE(masked.redactions.size() == 1);
  CHECK(apply_redactions("key sk-ABCDEFGHIJKLMNOP1234 end", masked.redactions) ==
        "key *******************1234 end");
}

TEST_CASE("a block outranks a redaction and clears it", "[core][policy]") {
  Policy policy;
  policy.input.rules = {rule("secrets", "secret", Action::kRedact)};
  const Decision d =
      decide(report_of({finding("secret", 0.95), finding("jailbreak", 0.9)}), policy, kIn);
  CHECK(d.action == Action::kBlock);
  REQUIRE(d.reasons.size() == 2);
  CHECK(d.reasons[0].category == "jailbreak");
  CHECK(d.redactions.empty());
}

TEST_CASE("rules match in order and the first match decides", "[core][policy]") {
  Policy policy;
  policy.input.rules = {rule("allow-jailbreak", "jailbreak", Action::kAllow),
                        rule("block-jailbreak", "jailbreak", Action::kBlock)};
  CHECK(decide(report_with("jailbreak", 0.99), policy, kIn).action == Action::kAllow);
  std::swap(policy.input.rules[0], policy.input.rules[1]);
  const Decision d = decide(report_with("jailbreak", 0.1), policy, kIn);
  CHECK(d.action == Action::kBlock);  // a rule without min_score matches any score
  CHECK(d.reasons[0].policy_rule == "block-jailbreak");
}

TEST_CASE("rules select by role, detector prefix, severity and score", "[core][policy]") {
  PolicyRule tool_rule{.name = "tool",
                       .detector = "rules.*",
                       .min_severity = Severity::kMedium,
                       .min_score = 0.3,
                       .roles = {Role::kTool},
                       .action = Action::kBlock};
  Policy policy;
  policy.input.rules = {tool_rule};
  const std::vector<Role> roles{Role::kUser, Role::kTool};
  // The same finding blocks in a tool result and not in a user message.
  CHECK(decide(report_of({finding("prompt_injection", 0.4, 1)}, roles), policy, kIn).action ==
        Action::kBlock);
  CHECK(decide(report_of({finding("prompt_injection", 0.4, 0)}, roles), policy, kIn).action ==
        Action::kAllow);
  CHECK(decide(report_of({finding("prompt_injection", 0.2, 1)}, roles), policy, kIn).action ==
        Action::kAllow);
  CHECK(decide(report_of({finding("prompt_injection", 0.4, 1, Severity::kLow)}, roles), policy, kIn)
            .action == Action::kAllow);
  ScanReport other_detector = report_of({finding("prompt_injection", 0.4, 1)}, roles);
  other_detector.findings[0].detector = "classifier.jailbreak";
  CHECK(decide(other_detector, policy, kIn).action == Action::kAllow);
}

TEST_CASE("input and output have rules of their own", "[core][policy]") {
  Policy policy;
  policy.output.rules = {rule("answers", "prompt_injection", Action::kFlag)};
  const ScanReport report = report_with("prompt_injection", 0.95);
  CHECK(decide(report, policy, Direction::kInput).action == Action::kBlock);
  CHECK(decide(report, policy, Direction::kOutput).action == Action::kFlag);
}

TEST_CASE("a shadow rule is recorded but never applied", "[core][policy]") {
  Policy policy;
  PolicyRule shadow = rule("try-blocking-at-0.3", "jailbreak", Action::kBlock);
  shadow.min_score = 0.3;
  shadow.shadow = true;
  policy.input.rules = {shadow};
  const Decision d = decide(report_with("jailbreak", 0.35), policy, kIn);
  CHECK(d.action == Action::kAllow);
  REQUIRE(d.reasons.size() == 1);
  CHECK(d.reasons[0].shadow);
  CHECK(d.reasons[0].action == Action::kBlock);
  CHECK(d.deciding() == nullptr);
}

TEST_CASE("monitor mode forwards and keeps the verdict", "[core][policy]") {
  Policy policy;
  policy.mode = PolicyMode::kMonitor;
  policy.input.rules = {rule("secrets", "secret", Action::kRedact)};
  const Decision blocked = decide(report_with("jailbreak", 0.95), policy, kIn);
  CHECK(blocked.action == Action::kFlag);
  CHECK(blocked.verdict == Action::kBlock);
  const Decision redacted = decide(report_with("secret", 0.95), policy, kIn);
  CHECK(redacted.action == Action::kFlag);
  CHECK(redacted.verdict == Action::kRedact);
  CHECK(redacted.redactions.empty());
  CHECK(decide(report_with("jailbreak", 0.1), policy, kIn).action == Action::kAllow);
}

namespace {

class ThrowingDetector final : public Detector {
 public:
  std::string_view name() const override { return "broken"; }
  bool applies_to(Direction) const override { return true; }
  std::vector<std::string> categories() const override { return {"broken"}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override {
    out.push_back(
        {.detector = "broken", .category = "broken", .score = 0.9, .segment = input.segment_index});
    throw std::runtime_error("model server unreachable");
  }
};

}  // namespace

TEST_CASE("a failing detector fails closed unless the policy fails open", "[core][policy]") {
  std::vector<std::unique_ptr<Detector>> detectors;
  detectors.push_back(std::make_unique<ThrowingDetector>());
  const Pipeline pipeline(std::move(detectors));
  const std::vector<Segment> segments{{.text = "hello"}};
  Policy policy;
  const Outcome closed = evaluate(pipeline, segments, policy, kIn);
  CHECK(closed.report.failed_detectors == std::vector<std::string>{"broken"});
  CHECK(closed.report.findings.empty());  // half a detector's findings are dropped
  CHECK(closed.decision.action == Action::kBlock);
  CHECK(closed.decision.reasons[0].policy_rule == "default.fail_closed");
  policy.fail_open = true;
  const Outcome open = evaluate(pipeline, segments, policy, kIn);
  CHECK(open.decision.action == Action::kFlag);
  CHECK(open.decision.reasons[0].policy_rule == "default.fail_open");
}
