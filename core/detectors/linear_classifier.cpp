#include "core/detectors/linear_classifier.h"

#include <algorithm>
#include <cmath>

#include "core/detectors/text_features.h"
#include "core/text/canonicalizer.h"

namespace llmsec {

LinearClassifier::LinearClassifier(LinearModelSpec spec)
    : spec_(std::move(spec)), name_("classifier." + spec_.name) {
  float largest = 0.0f;
  for (float w : spec_.weights) largest = std::max(largest, std::fabs(w));
  step_ = largest > 0.0f ? static_cast<double>(largest) / 32767.0 : 1.0;
  quantized_.reserve(spec_.weights.size());
  for (float w : spec_.weights)
    quantized_.push_back(static_cast<std::int16_t>(std::lround(static_cast<double>(w) / step_)));
  spec_.weights = {};
}

Result<std::unique_ptr<LinearClassifier>> LinearClassifier::create(LinearModelSpec spec) {
  if (spec.hash_bits < 8 || spec.hash_bits > 24) return Error{"model hash_bits must be 8 to 24"};
  if (spec.weights.size() != (std::size_t{1} << spec.hash_bits))
    return Error{"model '" + spec.name + "' has " + std::to_string(spec.weights.size()) +
                 " weights, expected 2^" + std::to_string(spec.hash_bits)};
  if (!std::all_of(spec.weights.begin(), spec.weights.end(),
                   [](float w) { return std::isfinite(w); }))
    return Error{"model '" + spec.name + "' has a weight that is not a finite number"};
  return std::unique_ptr<LinearClassifier>(new LinearClassifier(std::move(spec)));
}

double LinearClassifier::probability(std::string_view normalized) const {
  std::vector<Word> words;
  words_of(normalized, words);
  return probability(normalized, words);
}

double LinearClassifier::probability(std::string_view text, std::span<const Word> words) const {
  thread_local std::vector<std::uint32_t> features;
  hashed_features(text, words, spec_.hash_bits, features);
  if (features.empty()) return 1.0 / (1.0 + std::exp(-static_cast<double>(spec_.bias)));
  std::int64_t steps = 0;
  for (std::uint32_t f : features) steps += quantized_[f];
  const double z = spec_.bias + static_cast<double>(steps) * step_ /
                                    std::sqrt(static_cast<double>(features.size()));
  return 1.0 / (1.0 + std::exp(-z));
}

void LinearClassifier::scan(const ScanInput& input, std::vector<Finding>& out) const {
  // Every view but the original: the normalised text, and what look-alikes, spacing,
  // leetspeak and encodings hid. The most confident view speaks for the segment.
  double best = -1.0;
  const TextView* best_view = nullptr;
  for (const TextView& view : input.views) {
    if (view.name() == "original") continue;
    // Decoded layers hold several parts; each is a text of its own, with its own words.
    const std::string_view text = view.text();
    const std::span<const Word> words = view.words();
    std::size_t first = 0;  // the first word of the part
    for (std::size_t part_start = 0; part_start <= text.size();) {
      const std::size_t cut = std::min(text.find(kPartSeparator, part_start), text.size());
      std::size_t last = first;
      while (last < words.size() && words[last].start < cut) ++last;
      if (cut > part_start) {
        const double p = probability(text, words.subspan(first, last - first));
        if (p > best) best = p, best_view = &view;
      }
      first = last;
      part_start = cut + kPartSeparator.size();
    }
  }
  if (!best_view || best < spec_.min_score) return;
  // min_score, chosen by the trainer at 1% false positives, maps to 0.5 (where policies
  // flag) and certainty to 1.0, so that a model's findings mean what rule findings mean.
  const double score =
      spec_.min_score >= 1.0 ? 1.0 : 0.5 + 0.5 * (best - spec_.min_score) / (1.0 - spec_.min_score);
  const auto [start, end] = best_view->to_original(0, best_view->text().size());
  out.push_back(Finding{
      .detector = name_,
      .category = spec_.category,
      .rule = "model",
      .severity = score >= 0.85 ? Severity::kHigh : Severity::kMedium,
      .score = score,
      .segment = input.segment_index,
      .start = start,
      .end = end,
      .view = std::string(best_view->name()),
  });
}

}  // namespace llmsec
