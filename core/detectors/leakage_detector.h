// LeakageDetector: an answer that gives away the instructions it was given. Built for one
// exchange from the request's system and developer texts, and from the canary the gateway
// put into them:
//
//   verbatim_overlap  a run of the answer's words that repeats those instructions word for
//                     word (compared in runs of `shingle_words` words, case and punctuation
//                     aside); the longer the run, the higher the score;
//   canary            the canary token in any view of the answer, so also base64 or hex
//                     encoded, or in look-alike letters.
//
//   auto leak = LeakageDetector::create({.instructions = {system_prompt},
//                                        .canary = "c4n4ry0f3xch4ng3"});
//   Outcome o = evaluate(pipeline, segments, policy, Direction::kOutput, {leak.get()});
//
// Category "system_prompt_leak" for both. Only answers are scanned.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/detector.h"
#include "core/result.h"

namespace llmsec {

struct LeakageSpec {
  std::vector<std::string> instructions;  // the request's system and developer texts
  std::string canary;                     // empty: none
  std::size_t shingle_words = 6;
};

class LeakageDetector final : public Detector {
 public:
  static std::unique_ptr<LeakageDetector> create(const LeakageSpec& spec);

  std::string_view name() const override { return "leakage"; }
  bool applies_to(Direction direction) const override { return direction == Direction::kOutput; }
  std::vector<std::string> categories() const override { return {"system_prompt_leak"}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  // The canary: its first letters are a plain word ("afce" of "afce74a3..."), which a
  // stream would otherwise let go before the rest shows it is the canary.
  std::vector<MatchStart> match_starts() const override;

  // A fresh canary: 16 random lower-case hex digits.
  static std::string new_canary();

 private:
  LeakageDetector() = default;

  LeakageSpec spec_;
  std::unordered_set<std::uint64_t> shingles_;  // hashes of the instructions' word runs
};

}  // namespace llmsec
