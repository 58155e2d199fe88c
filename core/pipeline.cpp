#include "core/pipeline.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <tuple>

#include "core/text/canonicalizer.h"
#include "core/text/normalizer.h"
#include "core/text/unicode.h"

namespace llmsec {

Pipeline::Pipeline(std::vector<std::unique_ptr<Detector>> detectors)
    : detectors_(std::move(detectors)) {
  for (const auto& detector : detectors_)
    for (std::string& category : detector->categories()) categories_.push_back(std::move(category));
  std::sort(categories_.begin(), categories_.end());
  categories_.erase(std::unique(categories_.begin(), categories_.end()), categories_.end());
  for (const Direction direction : {Direction::kInput, Direction::kOutput})
    for (const auto& detector : detectors_)
      if (detector->applies_to(direction))
        for (MatchStart& start : detector->match_starts())
          match_starts_[static_cast<std::size_t>(direction)].push_back(std::move(start));
  for (const Direction direction : {Direction::kInput, Direction::kOutput})
    corrected_view_[static_cast<std::size_t>(direction)] =
        std::any_of(detectors_.begin(), detectors_.end(), [&](const auto& detector) {
          return detector->applies_to(direction) && detector->reads_view("corrected");
        });
}

namespace {

// Whether `text` spells ASCII words in other letters (fullwidth, mathematical bold,
// circled): it has letters beyond ASCII and its normalised form has none. French, Russian
// or Chinese words stay beyond ASCII when normalised, and are no evasion.
bool spells_ascii_in_other_letters(std::string_view text) {
  const auto letter_beyond_ascii = [](std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
      const char32_t c = next_code_point(t, i);
      if (c >= 0x80 && is_letter(c)) return true;
    }
    return false;
  };
  return letter_beyond_ascii(text) && !letter_beyond_ascii(normalize_views(text).normalized.text());
}

// The correlation stage: a finding that only a de-obfuscated or decoded view revealed (not
// the corrected view: typos are not evasion), or
// that matched plain ASCII which the original spelled in other letters (fullwidth,
// mathematical bold, look-alikes), is evidence of evasion in its own right.
void report_hidden_findings(const Segment& segment, std::size_t first,
                            std::vector<Finding>& findings) {
  const std::size_t count = findings.size();
  for (std::size_t i = first; i < count; ++i) {
    const Finding& f = findings[i];
    // Misspellings are mostly honest typing; the finding itself is what they revealed.
    if (f.category == "evasion" || f.view == "original" || f.view == "corrected") continue;
    if (f.view == "normalized" &&
        !spells_ascii_in_other_letters(
            std::string_view(segment.text).substr(f.start, f.end - f.start)))
      continue;
    const bool decoded = f.view.starts_with("decoded");
    findings.push_back(Finding{
        .detector = "pipeline",
        .category = "evasion",
        .rule = decoded ? "encoded_payload" : "obfuscated_text",
        .severity = f.severity,
        .score = std::min(0.9, f.score),
        .segment = f.segment,
        .start = f.start,
        .end = f.end,
        .view = f.view,
    });
  }
}

// Each category's highest segment score.
std::map<std::string, double> max_over_segments(
    const std::map<std::pair<std::string, std::size_t>, double>& per_segment) {
  std::map<std::string, double> scores;
  for (const auto& [key, score] : per_segment) {
    double& s = scores[key.first];
    s = std::max(s, score);
  }
  return scores;
}

}  // namespace

ScanReport Pipeline::scan(std::span<const Segment> segments, Direction direction,
                          const PolicyLists* lists, std::span<const Detector* const> extra) const {
  using Clock = std::chrono::steady_clock;
  ScanReport report;
  const Detector* deny = lists ? lists->deny() : nullptr;
  // The pipeline's detectors, the deny list, then the exchange's own.
  std::vector<double> seconds(detectors_.size() + 1 + extra.size(), 0.0);
  auto run = [&](const Detector& detector, std::size_t index, const ScanInput& input) {
    if (!detector.applies_to(direction)) return;
    const std::size_t before = report.findings.size();
    const auto started = Clock::now();
    try {
      detector.scan(input, report.findings);
      seconds[index] += std::chrono::duration<double>(Clock::now() - started).count();
    } catch (const std::exception&) {
      report.findings.resize(before);
      const std::string name(detector.name());
      if (std::find(report.failed_detectors.begin(), report.failed_detectors.end(), name) ==
          report.failed_detectors.end())
        report.failed_detectors.push_back(name);
    }
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    report.roles.push_back(segments[i].role);
    const auto started = Clock::now();
    const std::vector<TextView> views = canonicalize(
        segments[i].text, {.correct_typos = corrected_view_[static_cast<std::size_t>(direction)]});
    report.canonicalize_seconds += std::chrono::duration<double>(Clock::now() - started).count();
    const ScanInput input{segments[i], i, views, direction};
    const std::size_t first = report.findings.size();
    for (std::size_t d = 0; d < detectors_.size(); ++d) run(*detectors_[d], d, input);
    if (deny) run(*deny, detectors_.size(), input);
    for (std::size_t e = 0; e < extra.size(); ++e) run(*extra[e], detectors_.size() + 1 + e, input);
    report_hidden_findings(segments[i], first, report.findings);
  }
  if (lists)
    std::erase_if(report.findings, [&](const Finding& f) {
      return lists->allows(segments[f.segment].text, f.start, f.end);
    });
  for (std::size_t d = 0; d < detectors_.size(); ++d)
    if (detectors_[d]->applies_to(direction))
      report.detector_seconds.emplace_back(detectors_[d]->name(), seconds[d]);
  if (deny) report.detector_seconds.emplace_back("denylist", seconds[detectors_.size()]);
  for (std::size_t e = 0; e < extra.size(); ++e)
    if (extra[e]->applies_to(direction))
      report.detector_seconds.emplace_back(extra[e]->name(), seconds[detectors_.size() + 1 + e]);
  rescore(report);
  for (const std::string& category : categories_) report.scores.try_emplace(category, 0.0);
  if (deny) report.scores.try_emplace("denylist", 0.0);
  return report;
}

void rescore(ScanReport& report) {
  report.segment_scores = segment_scores(report.findings);
  report.scores = max_over_segments(report.segment_scores);
  report.risk = 0.0;
  for (const auto& [category, score] : report.scores) report.risk = std::max(report.risk, score);
}

std::map<std::pair<std::string, std::size_t>, double> segment_scores(
    std::span<const Finding> findings) {
  // Best score per (category, segment, detector, rule).
  std::map<std::tuple<std::string, std::size_t, std::string, std::string>, double> best;
  for (const Finding& f : findings) {
    double& s = best[{f.category, f.segment, f.detector, f.rule}];
    s = std::max(s, std::clamp(f.score, 0.0, 1.0));
  }
  std::map<std::pair<std::string, std::size_t>, double> miss;  // prod(1 - score) per segment
  for (const auto& [key, score] : best) {
    auto [it, inserted] = miss.try_emplace({std::get<0>(key), std::get<1>(key)}, 1.0);
    it->second *= 1.0 - score;
  }
  for (auto& [key, m] : miss) m = 1.0 - m;
  return miss;
}

std::map<std::string, double> combine_scores(std::span<const Finding> findings) {
  return max_over_segments(segment_scores(findings));
}

}  // namespace llmsec
