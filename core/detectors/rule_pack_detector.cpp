#include "core/detectors/rule_pack_detector.h"

#include <algorithm>
#include <cctype>

#include "core/text/canonicalizer.h"

namespace llmsec {
namespace {

// For each rule's own RE2, which finds where the rules the PatternSet named match.
RE2::Options rule_options(const RulePackSpec& spec) {
  RE2::Options options;
  options.set_case_sensitive(spec.case_sensitive);
  options.set_log_errors(false);
  return options;
}

}  // namespace

Result<std::unique_ptr<RulePackDetector>> RulePackDetector::create(const RulePackSpec& spec) {
  if (spec.rules.empty()) return Error{"rule pack '" + spec.name + "' has no rules"};
  std::unique_ptr<RulePackDetector> detector(new RulePackDetector());
  detector->name_ = "rules." + spec.name;
  detector->spec_ = spec;
  const RE2::Options options = rule_options(spec);
  std::vector<std::string> patterns;
  for (const RuleSpec& rule : spec.rules) {
    auto re = std::make_unique<RE2>(rule.pattern, options);
    if (!re->ok())
      return Error{"rule '" + rule.id + "' of pack '" + spec.name + "': " + re->error()};
    if (const auto& g = re->NamedCapturingGroups(); g.contains("value") && g.at("value") >= 8)
      return Error{"rule '" + rule.id + "' of pack '" + spec.name +
                   "': the value group must be among the first seven groups"};
    const auto& groups = re->NamedCapturingGroups();
    const auto value = groups.find("value");
    detector->value_groups_.push_back(value == groups.end() ? 0 : value->second);
    detector->rules_.push_back(std::move(re));
    patterns.push_back(rule.pattern);
  }
  auto set = PatternSet::create(patterns, spec.case_sensitive, spec.prefilter);
  if (!set) return Error{"rule pack '" + spec.name + "': " + set.error().message};
  detector->set_ = std::move(*set);
  return detector;
}

std::vector<MatchStart> RulePackDetector::match_starts() const {
  std::vector<MatchStart> out;
  for (const auto& rule : rules_) {
    MatchStart start;
    if (!rule->PossibleMatchRange(&start.min, &start.max, 16)) continue;
    for (std::size_t i = 0; i < start.min.size() && i < start.max.size(); ++i) {
      const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(start.min[i])));
      if (lower != std::tolower(static_cast<unsigned char>(start.max[i]))) break;
      start.prefix += lower;
    }
    if (!start.prefix.empty()) out.push_back(std::move(start));
  }
  return out;
}

bool RulePackDetector::applies_to(Direction direction) const {
  return direction == Direction::kInput ? spec_.input : spec_.output;
}

void RulePackDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  if (!spec_.roles.empty() &&
      std::find(spec_.roles.begin(), spec_.roles.end(), input.segment.role) == spec_.roles.end())
    return;
  std::vector<int> matched;
  ReportedPlaces reported;
  for (const TextView& view : input.views) {
    if (std::none_of(spec_.views.begin(), spec_.views.end(),
                     [&](const std::string& wanted) { return view_selected(view.name(), wanted); }))
      continue;
    if (!set_->match(view.text(), matched)) continue;
    for (int index : matched) report_matches(index, input, view, reported, out);
  }
}

void RulePackDetector::report_matches(int index, const ScanInput& input, const TextView& view,
                                      ReportedPlaces& reported, std::vector<Finding>& out) const {
  // Bounds the work a text made of one secret repeated can cause.
  constexpr int kMaxMatchesPerRule = 256;
  const std::string_view text = view.text();
  const RuleSpec& rule = spec_.rules[index];
  const int group = value_groups_[index];
  // The same place seen through another view is the same finding.
  std::vector<std::pair<std::size_t, std::size_t>>& places = reported[index];
  re2::StringPiece spans[8];
  std::size_t pos = 0;
  for (int count = 0;
       count < kMaxMatchesPerRule && pos <= text.size() &&
       rules_[index]->Match(text, pos, text.size(), RE2::UNANCHORED, spans, group + 1);) {
    const re2::StringPiece whole = spans[0];
    const re2::StringPiece span = spans[group].data() ? spans[group] : whole;
    pos = static_cast<std::size_t>(whole.data() - text.data()) +
          std::max<std::size_t>(whole.size(), 1);
    if (!plausible_secret(rule.check, std::string_view(span.data(), span.size()))) continue;
    const std::size_t view_start = static_cast<std::size_t>(span.data() - text.data());
    const auto [start, end] = view.to_original(view_start, view_start + span.size());
    if (std::any_of(places.begin(), places.end(),
                    [&](const auto& p) { return p.first < end && start < p.second; }))
      continue;
    places.emplace_back(start, end);
    ++count;
    out.push_back(Finding{
        .detector = name_,
        .category = spec_.category,
        .rule = rule.id,
        .severity = rule.severity,
        .score = rule.weight,
        .segment = input.segment_index,
        .start = start,
        .end = end,
        .view = std::string(view.name()),
    });
  }
}

bool RulePackDetector::reads_view(std::string_view view) const {
  return std::any_of(spec_.views.begin(), spec_.views.end(),
                     [&](const std::string& wanted) { return view_selected(view, wanted); });
}

}  // namespace llmsec
