// Detector: the interface every detector family implements.
//
//   class MyDetector final : public Detector {
//     std::string_view name() const override { return name_; }
//     bool applies_to(Direction d) const override { return true; }
//     std::vector<std::string> categories() const override { return {"secret"}; }
//     void scan(const ScanInput& in, std::vector<Finding>& out) const override { ... }
//   };
//
// Detectors are immutable after construction and scan() is const, so one instance serves
// every thread at once. A detector appends findings; it never decides what to do.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/segment.h"
#include "core/text/text_view.h"

namespace llmsec {

struct ScanInput {
  const Segment& segment;
  std::size_t segment_index;
  // The views of the segment's text computed once by canonicalisation; views[0] is the
  // original text. Findings report offsets into the original (TextView::to_original).
  std::span<const TextView> views;
  Direction direction;
};

// Every match m of a rule has min <= m <= max on their first bytes (RE2's
// PossibleMatchRange), and begins with `prefix` up to case.
struct MatchStart {
  std::string min;
  std::string max;
  std::string prefix;  // lower-case, not empty

  // Whether `word` could be the first bytes of such a match.
  bool may_begin(std::string_view word) const;
};

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string_view name() const = 0;
  virtual bool applies_to(Direction direction) const = 0;
  // The categories this detector can report, so that reports list them even at 0.
  virtual std::vector<std::string> categories() const = 0;
  virtual void scan(const ScanInput& input, std::vector<Finding>& out) const = 0;
  // How the matches of each rule that begins with literal text start (see MatchStart): how
  // the stream guard knows that a plain word may be the start of a match.
  virtual std::vector<MatchStart> match_starts() const { return {}; }
  // Whether scan() looks at the view called `view`. Views that are costly to make and that
  // no detector of a direction reads ("corrected") are not made for it.
  virtual bool reads_view(std::string_view view) const {
    (void)view;
    return false;
  }
};

}  // namespace llmsec
