// RulePackDetector: weighted RE2 patterns matched all at once with one PatternSet pass per
// view of the text; only the patterns that matched are run again to find their spans.
//
//   RulePackSpec spec{.name = "prompt_injection", .category = "prompt_injection", .rules = {
//       {.id = "override", .pattern = R"(ignore\s+previous\s+instructions)", .weight = 0.9}}};
//   auto detector = RulePackDetector::create(spec);   // Result<unique_ptr<RulePackDetector>>
//
// Packs are written in YAML under config/rules/ and parsed by config/; core only sees specs.
// Packs that read the same views of the same roles the same way (share_one_pass) can be
// matched together: one PatternSet pass per view for all of them instead of one per pack,
// each finding still named after its own pack ("rules.jailbreak") and of its category.
//   auto both = RulePackDetector::create(std::vector{injection_spec, jailbreak_spec});
// A rule whose match needs context around what it is about ("password = <value>") names
// that part (?P<value>...): its finding spans the value alone. Every match is reported, once
// per place in the original text, so that redaction covers each secret, not the first.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "core/detector.h"
#include "core/detectors/pattern_set.h"
#include "core/detectors/secret_value.h"
#include "core/result.h"

namespace llmsec {

struct RuleSpec {
  std::string id;
  std::string pattern;  // RE2 syntax
  double weight = 0.5;  // the finding's score, in (0, 1]
  Severity severity = Severity::kMedium;
  // What the value group (else the whole match) must look like to count.
  ValueCheck check = ValueCheck::kNone;
};

struct RulePackSpec {
  std::string name;      // the detector is called "rules.<name>"
  std::string category;  // every finding of the pack carries it
  bool case_sensitive = false;
  bool input = true;    // scan requests
  bool output = false;  // scan responses
  // Whose text to match; empty: every role. Indirect-injection packs read only what tools
  // and documents put in front of the model.
  std::vector<Role> roles;
  // Which views of the text to match ("decoded" covers every decoded layer).
  std::vector<std::string> views = {"original"};
  // What finds the rules that match before RE2 confirms them (see PatternSet).
  MatchEngine prefilter = MatchEngine::kRe2;
  std::vector<RuleSpec> rules;
};

// Whether two packs can be matched in one pass: the same views, roles, directions, case
// and RE2 engine (a Hyperscan pack keeps its own database).
bool share_one_pass(const RulePackSpec& a, const RulePackSpec& b);

class RulePackDetector final : public Detector {
 public:
  static Result<std::unique_ptr<RulePackDetector>> create(const RulePackSpec& spec);
  // Several packs, each pair share_one_pass; named "rules.<first>+<second>+...".
  static Result<std::unique_ptr<RulePackDetector>> create(std::span<const RulePackSpec> specs);

  std::string_view name() const override { return name_; }
  bool applies_to(Direction direction) const override;
  std::vector<std::string> categories() const override;
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  std::vector<MatchStart> match_starts() const override;
  bool reads_view(std::string_view view) const override;

 private:
  RulePackDetector() = default;

  // Per rule, the places in the original text already reported for a segment.
  using ReportedPlaces = std::map<int, std::vector<std::pair<std::size_t, std::size_t>>>;
  void report_matches(int index, const ScanInput& input, const TextView& view,
                      ReportedPlaces& reported, std::vector<Finding>& out) const;

  struct Pack {
    RulePackSpec spec;
    std::string name;  // "rules.<spec.name>", which its findings carry
  };
  // Every pack's rules in one list, pack after pack, in the order of set_'s indices.
  struct Rule {
    const Pack* pack;
    const RuleSpec* spec;
    std::unique_ptr<RE2> re;
    int value_group;  // its (?P<value>...) group; 0: none
  };

  std::string name_;
  std::vector<Pack> packs_;  // what views, roles and case they read: the first's
  std::unique_ptr<PatternSet> set_;
  std::vector<Rule> rules_;
};

}  // namespace llmsec
