// EvasionDetector: reports the tricks used to hide text from detectors, whatever the text
// says: Trojan Source bidi controls, invisible and tag characters, joiners and variation
// selectors out of place, words mixing Latin with Cyrillic or Greek look-alikes, look-alike
// words in Latin text, words spelt in flag letters, and invalid UTF-8. Category "evasion".
//
//   auto d = EvasionDetector::create(EvasionSpec{});
//
// What it leaves alone: emoji sequences (ZWJ, skin tones, flags with tag characters,
// keycaps), joiners in the scripts that need them (Devanagari, Arabic, Persian...), right-
// to-left marks in Arabic and Hebrew, and whole words of Cyrillic or Greek in their own text.
// Payloads hidden in encodings are the canonicaliser's decoded layers; the pipeline reports
// instructions found there as evasion too.
#pragma once

#include <memory>

#include "core/detector.h"
#include "core/result.h"

namespace llmsec {

struct EvasionSpec {
  bool input = true;
  bool output = true;
};

class EvasionDetector final : public Detector {
 public:
  static Result<std::unique_ptr<EvasionDetector>> create(const EvasionSpec& spec);

  std::string_view name() const override { return "evasion"; }
  bool applies_to(Direction direction) const override {
    return direction == Direction::kInput ? spec_.input : spec_.output;
  }
  std::vector<std::string> categories() const override { return {"evasion"}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;

 private:
  explicit EvasionDetector(EvasionSpec spec) : spec_(spec) {}
  EvasionSpec spec_;
};

}  // namespace llmsec
