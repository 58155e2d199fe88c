#include "core/detectors/leakage_detector.h"

#include <algorithm>
#include <cctype>
#include <random>

#include "core/hex.h"
#include "core/text/word_shingles.h"

namespace llmsec {

std::unique_ptr<LeakageDetector> LeakageDetector::create(const LeakageSpec& spec) {
  std::unique_ptr<LeakageDetector> d(new LeakageDetector());
  d->spec_ = spec;
  for (char& c : d->spec_.canary)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t n = std::max<std::size_t>(spec.shingle_words, 3);
  d->spec_.shingle_words = n;
  std::vector<Word> words;
  for (const std::string& text : spec.instructions) {
    words_of(text, words);
    for (std::size_t i = 0; i + n <= words.size(); ++i)
      d->shingles_.insert(shingle_hash(words, i, n));
  }
  return d;
}

std::string LeakageDetector::new_canary() {
  std::random_device random;
  std::uint8_t bytes[8];
  for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
  return encode_hex(bytes);
}

std::vector<MatchStart> LeakageDetector::match_starts() const {
  if (spec_.canary.empty()) return {};
  return {{.min = spec_.canary, .max = spec_.canary, .prefix = spec_.canary}};
}

void LeakageDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  const auto report = [&](std::string rule, Severity severity, double score, std::size_t start,
                          std::size_t end, std::string_view view) {
    out.push_back(Finding{.detector = "leakage",
                          .category = "system_prompt_leak",
                          .rule = std::move(rule),
                          .severity = severity,
                          .score = score,
                          .segment = input.segment_index,
                          .start = start,
                          .end = end,
                          .view = std::string(view)});
  };
  if (!spec_.canary.empty()) {
    const auto same = [](char a, char b) {  // the canary is lower-case already
      return std::tolower(static_cast<unsigned char>(a)) == b;
    };
    for (const TextView& view : input.views) {
      const std::string_view text = view.text();
      const auto found =
          std::search(text.begin(), text.end(), spec_.canary.begin(), spec_.canary.end(), same);
      if (found == text.end()) continue;
      const auto at = static_cast<std::size_t>(found - text.begin());
      const auto [start, end] = view.to_original(at, at + spec_.canary.size());
      report("canary", Severity::kCritical, 1.0, start, end, view.name());
      break;
    }
  }
  if (shingles_.empty()) return;
  const std::vector<Word>& words = input.views[0].words();
  const std::size_t n = spec_.shingle_words;
  // Runs of consecutive shingles found in the instructions, each reported once.
  for (std::size_t i = 0; i + n <= words.size();) {
    if (!shingles_.contains(shingle_hash(words, i, n))) {
      ++i;
      continue;
    }
    std::size_t run = 1;
    while (i + run + n <= words.size() && shingles_.contains(shingle_hash(words, i + run, n)))
      ++run;
    const double score = std::min(0.95, 0.4 + 0.1 * static_cast<double>(run));
    report("verbatim_overlap", Severity::kHigh, score, words[i].start, words[i + run + n - 2].end,
           "original");
    i += run + n - 1;
  }
}

}  // namespace llmsec
