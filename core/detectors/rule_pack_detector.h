// RulePackDetector: weighted RE2 patterns matched all at once with one PatternSet pass per
// view of the text; only the patterns that matched are run again to find their spans.
//
//   RulePackSpec spec{.name = "prompt_injection", .category = "prompt_injection", .rules = {
//       {.id = "override", .pattern = R"(ignore\s+previous\s+instructions)", .weight = 0.9}}};
//   auto detector = RulePackDetector::create(spec);   // Result<unique_ptr<RulePackDetector>>
//
// Packs are written in YAML under config/rules/ and parsed by config/; core only sees specs.
// A rule whose match needs context around what it is about ("password = <value>") names
// that part (?P<value>...): its finding spans the value alone. Every match is reported, once
// per place in the original text, so that redaction covers each secret, not the first.
#pragma once

#include <map>
#include <memory>
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

class RulePackDetector final : public Detector {
 public:
  static Result<std::unique_ptr<RulePackDetector>> create(const RulePackSpec& spec);

  std::string_view name() const override { return name_; }
  bool applies_to(Direction direction) const override;
  std::vector<std::string> categories() const override { return {spec_.category}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  std::vector<MatchStart> match_starts() const override;
  bool reads_view(std::string_view view) const override;

 private:
  RulePackDetector() = default;

  // Per rule, the places in the original text already reported for a segment.
  using ReportedPlaces = std::map<int, std::vector<std::pair<std::size_t, std::size_t>>>;
  void report_matches(int index, const ScanInput& input, const TextView& view,
                      ReportedPlaces& reported, std::vector<Finding>& out) const;

  std::string name_;
  RulePackSpec spec_;
  std::unique_ptr<PatternSet> set_;
  std::vector<std::unique_ptr<RE2>> rules_;  // same order as spec_.rules and set_ indices
  std::vector<int> value_groups_;            // each rule's (?P<value>...) group; 0: none
};

}  // namespace llmsec
