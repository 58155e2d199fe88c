// Pipeline: the staged scan of a request's or a response's segments.
//
//   Pipeline pipeline(std::move(detectors));          // built once per configuration
//   ScanReport report = pipeline.scan(segments, Direction::kInput);
//   report.scores["prompt_injection"]  // 0..1
//   report.risk                        // 0..1, the highest category score
//
// Stages, in order: canonicalise each segment once into its views; run every detector that
// applies to the direction over those views (and the policy's deny list, when given);
// report what only an obfuscated form revealed as evasion too; drop what the policy's allow
// list excepts; combine findings into a score per category. A detector that throws is
// named in `failed_detectors`; the policy decides whether that fails open or closed.
// Immutable after construction; scan() is safe from many threads.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/detector.h"
#include "core/finding.h"
#include "core/policy_lists.h"
#include "core/segment.h"

namespace llmsec {

struct ScanReport {
  std::vector<Finding> findings;
  // Per category, in [0, 1]; every category the pipeline can score is present.
  std::map<std::string, double> scores;
  // The same per (category, segment), which per-role and per-segment policy rules use.
  std::map<std::pair<std::string, std::size_t>, double> segment_scores;
  double risk = 0.0;        // in [0, 1]
  std::vector<Role> roles;  // of each segment, for per-role policy rules
  std::vector<std::string> failed_detectors;
  // Where the time went, summed over the segments: canonicalisation, and each detector
  // that ran (names view the pipeline's detectors and live as long as the pipeline).
  double canonicalize_seconds = 0.0;
  std::vector<std::pair<std::string_view, double>> detector_seconds;
};

class Pipeline {
 public:
  explicit Pipeline(std::vector<std::unique_ptr<Detector>> detectors);

  // `extra`: detectors of this exchange alone (LeakageDetector), run after the pipeline's.
  ScanReport scan(std::span<const Segment> segments, Direction direction,
                  const PolicyLists* lists = nullptr,
                  std::span<const Detector* const> extra = {}) const;
  // Every category some detector can report, sorted.
  const std::vector<std::string>& categories() const { return categories_; }
  // How the rules that scan `direction` begin (Detector::match_starts), computed once.
  const std::vector<MatchStart>& match_starts(Direction direction) const {
    return match_starts_[static_cast<std::size_t>(direction)];
  }

 private:
  std::vector<std::unique_ptr<Detector>> detectors_;
  std::vector<std::string> categories_;
  std::array<std::vector<MatchStart>, 2> match_starts_;  // by Direction
  std::array<bool, 2> corrected_view_{};                 // some detector reads it, by Direction
};

// Combines findings into one score per category: within a segment, independent signals
// add up as a noisy-OR (1 - prod(1 - score)), each rule counted once at its best score;
// across segments the category takes its highest segment score, so that a long
// conversation of individually harmless messages does not add up to an attack.
std::map<std::string, double> combine_scores(std::span<const Finding> findings);
// The same noisy-OR, kept per (category, segment).
std::map<std::pair<std::string, std::size_t>, double> segment_scores(
    std::span<const Finding> findings);
// Recomputes a report's scores and risk from its findings, as Pipeline::scan does: for
// findings added or filtered after the scan (stream windows, format checks).
void rescore(ScanReport& report);

}  // namespace llmsec
