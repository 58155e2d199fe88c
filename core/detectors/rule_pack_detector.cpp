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

bool share_one_pass(const RulePackSpec& a, const RulePackSpec& b) {
  return a.case_sensitive == b.case_sensitive && a.input == b.input && a.output == b.output &&
         a.roles == b.roles && a.views == b.views && a.prefilter == MatchEngine::kRe2 &&
         b.prefilter == MatchEngine::kRe2;
}

Result<std::unique_ptr<RulePackDetector>> RulePackDetector::create(const RulePackSpec& spec) {
  return create(std::span(&spec, 1));
}

Result<std::unique_ptr<RulePackDetector>> RulePackDetector::create(
    std::span<const RulePackSpec> specs) {
  if (specs.empty()) return Error{"no rule pack to match"};
  std::unique_ptr<RulePackDetector> detector(new RulePackDetector());
  detector->name_ = "rules.";
  detector->packs_.reserve(specs.size());  // rules_ point into it
  for (const RulePackSpec& spec : specs) {
    if (spec.rules.empty()) return Error{"rule pack '" + spec.name + "' has no rules"};
    if (&spec != &specs.front() && !share_one_pass(specs.front(), spec))
      return Error{"rule pack '" + spec.name + "' cannot be matched with '" + specs.front().name +
                   "' in one pass"};
    if (!detector->packs_.empty()) detector->name_ += '+';
    detector->name_ += spec.name;
    detector->packs_.push_back({spec, "rules." + spec.name});
  }
  const RE2::Options options = rule_options(specs.front());
  std::vector<std::string> patterns;
  for (const Pack& pack : detector->packs_) {
    for (const RuleSpec& rule : pack.spec.rules) {
      auto re = std::make_unique<RE2>(rule.pattern, options);
      if (!re->ok())
        return Error{"rule '" + rule.id + "' of pack '" + pack.spec.name + "': " + re->error()};
      const auto& groups = re->NamedCapturingGroups();
      const auto value = groups.find("value");
      if (value != groups.end() && value->second >= 8)
        return Error{"rule '" + rule.id + "' of pack '" + pack.spec.name +
                     "': the value group must be among the first seven groups"};
      detector->rules_.push_back(
          {&pack, &rule, std::move(re), value == groups.end() ? 0 : value->second});
      patterns.push_back(rule.pattern);
    }
  }
  auto set = PatternSet::create(patterns, specs.front().case_sensitive, specs.front().prefilter);
  if (!set) return Error{"rule pack '" + specs.front().name + "': " + set.error().message};
  detector->set_ = std::move(*set);
  return detector;
}

std::vector<std::string> RulePackDetector::categories() const {
  std::vector<std::string> out;
  for (const Pack& pack : packs_)
    if (std::find(out.begin(), out.end(), pack.spec.category) == out.end())
      out.push_back(pack.spec.category);
  return out;
}

std::vector<MatchStart> RulePackDetector::match_starts() const {
  std::vector<MatchStart> out;
  for (const Rule& rule : rules_) {
    MatchStart start;
    if (!rule.re->PossibleMatchRange(&start.min, &start.max, 16)) continue;
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
  const RulePackSpec& spec = packs_.front().spec;
  return direction == Direction::kInput ? spec.input : spec.output;
}

void RulePackDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  const RulePackSpec& spec = packs_.front().spec;
  if (!spec.roles.empty() &&
      std::find(spec.roles.begin(), spec.roles.end(), input.segment.role) == spec.roles.end())
    return;
  std::vector<int> matched;
  ReportedPlaces reported;
  for (const TextView& view : input.views) {
    if (!reads_view(view.name())) continue;
    if (!set_->match(view.text(), matched)) continue;
    for (int index : matched) report_matches(index, input, view, reported, out);
  }
}

void RulePackDetector::report_matches(int index, const ScanInput& input, const TextView& view,
                                      ReportedPlaces& reported, std::vector<Finding>& out) const {
  // Bounds the work a text made of one secret repeated can cause.
  constexpr int kMaxMatchesPerRule = 256;
  const std::string_view text = view.text();
  const Rule& rule = rules_[static_cast<std::size_t>(index)];
  const int group = rule.value_group;
  // The same place seen through another view is the same finding.
  std::vector<std::pair<std::size_t, std::size_t>>& places = reported[index];
  re2::StringPiece spans[8];
  std::size_t pos = 0;
  for (int count = 0; count < kMaxMatchesPerRule && pos <= text.size() &&
                      rule.re->Match(text, pos, text.size(), RE2::UNANCHORED, spans, group + 1);) {
    const re2::StringPiece whole = spans[0];
    const re2::StringPiece span = spans[group].data() ? spans[group] : whole;
    pos = static_cast<std::size_t>(whole.data() - text.data()) +
          std::max<std::size_t>(whole.size(), 1);
    if (!plausible_secret(rule.spec->check, std::string_view(span.data(), span.size()))) continue;
    const std::size_t view_start = static_cast<std::size_t>(span.data() - text.data());
    const auto [start, end] = view.to_original(view_start, view_start + span.size());
    if (std::any_of(places.begin(), places.end(),
                    [&](const auto& p) { return p.first < end && start < p.second; }))
      continue;
    places.emplace_back(start, end);
    ++count;
    out.push_back(Finding{
        .detector = rule.pack->name,
        .category = rule.pack->spec.category,
        .rule = rule.spec->id,
        .severity = rule.spec->severity,
        .score = rule.spec->weight,
        .segment = input.segment_index,
        .start = start,
        .end = end,
        .view = std::string(view.name()),
    });
  }
}

bool RulePackDetector::reads_view(std::string_view view) const {
  const std::vector<std::string>& views = packs_.front().spec.views;
  return std::any_of(views.begin(), views.end(),
                     [&](const std::string& wanted) { return view_selected(view, wanted); });
}

}  // namespace llmsec
