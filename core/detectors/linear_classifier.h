// LinearClassifier: a logistic-regression model over hashed word and character n-grams
// (text_features.h), trained by `llmsec-train` on normalised text and shipped as a file
// under config/models/. It reads every view but the original, so obfuscated and encoded
// forms are scored too; one finding per segment whose best probability reaches
// `min_score`, spanning what that view covers; the score maps min_score to 0.5 and
// certainty to 1.
//
//   LinearModelSpec spec = ...;                  // parsed from a model file by config/
//   auto detector = LinearClassifier::create(spec);
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/detector.h"
#include "core/result.h"
#include "core/text/word_shingles.h"

namespace llmsec {

struct LinearModelSpec {
  std::string name;      // the detector is called "classifier.<name>"
  std::string category;  // what its findings are about
  int hash_bits = 18;
  float bias = 0.0f;
  std::vector<float> weights;  // 2^hash_bits of them
  double min_score = 0.5;      // below this probability, no finding
};

class LinearClassifier final : public Detector {
 public:
  static Result<std::unique_ptr<LinearClassifier>> create(LinearModelSpec spec);

  std::string_view name() const override { return name_; }
  bool applies_to(Direction direction) const override { return direction == Direction::kInput; }
  std::vector<std::string> categories() const override { return {spec_.category}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  bool reads_view(std::string_view view) const override { return view != "original"; }

  // The model's probability for a normalised text.
  double probability(std::string_view normalized) const;

 private:
  explicit LinearClassifier(LinearModelSpec spec);
  // The same, from the words of the text made before.
  double probability(std::string_view text, std::span<const Word> words) const;
  LinearModelSpec spec_;  // its weights are held quantised below, not as floats
  std::string name_;
  // The weights as 16-bit steps of `step_`: half the memory of floats, so that more of the
  // table stays in cache between requests (a text of 4 KB reads some 2,000 random entries),
  // and within 1/65,534 of the largest weight each.
  std::vector<std::int16_t> quantized_;
  double step_ = 0.0;
};

}  // namespace llmsec
