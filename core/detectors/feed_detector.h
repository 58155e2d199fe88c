// FeedDetector: similarity to known attacks. A feed is a list of known jailbreak and
// injection prompts (shipped under config/feeds/, or an operator's own files); a text that
// contains most of one of them, edited or not, is reported in that entry's category.
//
// Near-duplicate detection by MinHash: each entry is kept as a bottom-k sketch, the
// `sketch_size` smallest hashes of its 3-word shingles, which is a uniform sample of them.
// The share of an entry's sketch that a text's shingles hit estimates how much of the
// entry the text contains, whatever else the text says around it, so a known jailbreak
// pasted into a longer prompt, with words changed, added or dropped, still scores high.
// One pass over each canonical view (not the original: look-alikes, spacing and encodings
// are undone first); one probe of a bit filter per shingle, a sorted index behind it.
//
//   FeedSpec spec{.name = "known_attacks", .entries = {{"dan-11", "jailbreak", text}}};
//   auto feed = FeedDetector::create(std::move(spec));   // Result<unique_ptr<...>>
//
// Findings: detector "feed.<name>", rule "similar:<entry id>", score 0.5 at
// `min_similarity` rising to 1 for a whole copy, spanning the matched part.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/detector.h"
#include "core/result.h"
#include "core/text/word_shingles.h"

namespace llmsec {

struct FeedEntry {
  std::string id;        // names the entry in findings; never the text
  std::string category;  // jailbreak, prompt_injection, indirect_injection, ...
  std::string text;
};

struct FeedSpec {
  std::string name;  // the detector is called "feed.<name>"
  std::vector<FeedEntry> entries;
  double min_similarity = 0.6;  // the share of an entry a text must contain to be reported
  std::size_t shingle_words = 3;
  std::size_t sketch_size = 64;
  // Entries with fewer shingles are left out: short phrases are the rule packs' work.
  std::size_t min_shingles = 12;
};

class FeedDetector final : public Detector {
 public:
  static Result<std::unique_ptr<FeedDetector>> create(FeedSpec spec);

  std::string_view name() const override { return name_; }
  bool applies_to(Direction direction) const override { return direction == Direction::kInput; }
  std::vector<std::string> categories() const override { return categories_; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  bool reads_view(std::string_view view) const override { return view != "original"; }

  struct Match {
    std::size_t entry = 0;           // index into the spec's entries
    double similarity = 0.0;         // the share of the entry found in the text
    std::size_t start = 0, end = 0;  // the matched part, byte offsets into `text`
  };
  // The entry most contained in `text` (normalised text), if any shares a shingle with it.
  std::optional<Match> best_match(std::string_view text) const;
  // The same from the text's words (a view's words).
  std::optional<Match> best_match(const std::vector<Word>& words) const;

  // Entries long enough to compare; the others are left out.
  std::size_t entries_used() const {
    return sketch_sizes_.size() - std::count(sketch_sizes_.begin(), sketch_sizes_.end(), 0u);
  }

 private:
  explicit FeedDetector(FeedSpec spec);
  bool may_contain(std::uint64_t hash) const {
    const std::uint64_t bit = hash & filter_mask_;
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }

  FeedSpec spec_;
  std::string name_;
  std::vector<std::string> categories_;
  // Every entry's sketch as (hash, entry) pairs sorted by hash, and a bit filter of the
  // hashes in front of it: most shingles of a text are in no sketch.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> index_;
  std::vector<std::uint64_t> filter_;
  std::uint64_t filter_mask_ = 0;
  std::vector<std::uint32_t> sketch_sizes_;  // 0 for entries left out
};

}  // namespace llmsec
