#include "core/detectors/feed_detector.h"

#include <algorithm>
#include <bit>
#include <set>

#include "core/text/normalizer.h"
#include "core/text/word_shingles.h"

namespace llmsec {

FeedDetector::FeedDetector(FeedSpec spec) : spec_(std::move(spec)), name_("feed." + spec_.name) {}

Result<std::unique_ptr<FeedDetector>> FeedDetector::create(FeedSpec spec) {
  if (spec.shingle_words < 2 || spec.shingle_words > 8)
    return Error{"feed shingle_words must be 2 to 8"};
  if (spec.sketch_size < 8 || spec.sketch_size > 1024)
    return Error{"feed sketch_size must be 8 to 1024"};
  if (!(spec.min_similarity > 0.0 && spec.min_similarity <= 1.0))
    return Error{"feed min_similarity must be in (0, 1]"};
  std::unique_ptr<FeedDetector> d(new FeedDetector(std::move(spec)));
  const FeedSpec& s = d->spec_;
  std::set<std::string> categories;
  std::vector<Word> words;
  for (std::uint32_t e = 0; e < s.entries.size(); ++e) {
    // Compared in the form the text views are: NFKC, case folded.
    const NormalizedViews views = normalize_views(s.entries[e].text);
    words_of(views.normalized.text(), words);
    std::vector<std::uint64_t> hashes;
    for (std::size_t i = 0; i + s.shingle_words <= words.size(); ++i)
      hashes.push_back(shingle_hash(words, i, s.shingle_words));
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    if (hashes.size() < s.min_shingles) {
      d->sketch_sizes_.push_back(0);
      continue;
    }
    hashes.resize(std::min(hashes.size(), s.sketch_size));  // the bottom k
    d->sketch_sizes_.push_back(static_cast<std::uint32_t>(hashes.size()));
    for (std::uint64_t h : hashes) d->index_.emplace_back(h, e);
    categories.insert(s.entries[e].category);
  }
  if (d->index_.empty())
    return Error{"feed '" + s.name + "' has no entry of at least " +
                 std::to_string(s.min_shingles + s.shingle_words - 1) + " words"};
  std::sort(d->index_.begin(), d->index_.end());
  // About 16 filter bits per sketch hash: a shingle in no sketch passes one time in ~16.
  const std::size_t bits = std::bit_ceil(std::max<std::size_t>(d->index_.size() * 16, 4096));
  d->filter_.assign(bits / 64, 0);
  d->filter_mask_ = bits - 1;
  for (const auto& [h, e] : d->index_) d->filter_[(h & d->filter_mask_) >> 6] |= 1ull << (h & 63);
  d->categories_.assign(categories.begin(), categories.end());
  return d;
}

std::optional<FeedDetector::Match> FeedDetector::best_match(std::string_view text) const {
  std::vector<Word> words;
  words_of(text, words);
  return best_match(words);
}

std::optional<FeedDetector::Match> FeedDetector::best_match(const std::vector<Word>& words) const {
  // Per call, each sketch hash counts once per entry however often the text repeats it:
  // a stamp per index position says whether this call has seen it. No sorting, no clearing.
  struct Tally {
    std::uint32_t stamp = 0, count = 0, first = 0, last = 0;  // first, last: word indexes
  };
  thread_local std::vector<std::uint32_t> seen;
  thread_local std::vector<Tally> tallies;
  thread_local std::vector<std::uint32_t> touched;
  thread_local std::uint32_t stamp = 0;
  if (++stamp == 0) {  // wrapped: old stamps could collide
    std::fill(seen.begin(), seen.end(), 0);
    std::fill(tallies.begin(), tallies.end(), Tally{});
    stamp = 1;
  }
  if (seen.size() < index_.size()) seen.resize(index_.size(), 0);
  if (tallies.size() < sketch_sizes_.size()) tallies.resize(sketch_sizes_.size());
  touched.clear();
  const std::size_t n = spec_.shingle_words;
  thread_local std::vector<std::uint64_t> shingles;
  shingle_hashes(words, n, shingles);
  for (std::size_t i = 0; i < shingles.size(); ++i) {
    const std::uint64_t h = shingles[i];
    if (!may_contain(h)) continue;
    const auto begin = index_.begin();
    for (auto it = std::lower_bound(begin, index_.end(), std::make_pair(h, std::uint32_t{0}));
         it != index_.end() && it->first == h; ++it) {
      std::uint32_t& mark = seen[static_cast<std::size_t>(it - begin)];
      if (mark == stamp) continue;
      mark = stamp;
      Tally& t = tallies[it->second];
      const auto word = static_cast<std::uint32_t>(i);
      if (t.stamp != stamp) {
        t = {stamp, 0, word, word};
        touched.push_back(it->second);
      }
      ++t.count;
      t.last = word;
    }
  }
  std::optional<Match> best;
  for (std::uint32_t entry : touched) {
    const Tally& t = tallies[entry];
    const double similarity = static_cast<double>(t.count) / sketch_sizes_[entry];
    if (!best || similarity > best->similarity)
      best = Match{entry, similarity, words[t.first].start, words[t.last + n - 1].end};
  }
  return best;
}

void FeedDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  std::optional<Match> best;
  const TextView* best_view = nullptr;
  for (const TextView& view : input.views) {
    if (view.name() == "original") continue;
    const std::optional<Match> match = best_match(view.words());
    if (match && (!best || match->similarity > best->similarity)) best = match, best_view = &view;
  }
  if (!best || best->similarity < spec_.min_similarity) return;
  const double t = spec_.min_similarity;
  const double score = t >= 1.0 ? 1.0 : 0.5 + 0.5 * (best->similarity - t) / (1.0 - t);
  const auto [start, end] = best_view->to_original(best->start, best->end);
  const FeedEntry& entry = spec_.entries[best->entry];
  out.push_back(Finding{
      .detector = name_,
      .category = entry.category,
      .rule = "similar:" + entry.id,
      .severity = score >= 0.85 ? Severity::kHigh : Severity::kMedium,
      .score = std::min(1.0, score),
      .segment = input.segment_index,
      .start = start,
      .end = end,
      .view = std::string(best_view->name()),
  });
}

}  // namespace llmsec
