#include <catch2/catch.hpp>

#include <cmath>

#include "core/evaluation.h"

using namespace llmsec;

TEST_CASE("ROC AUC ranks attacks over benign samples, ties counting half", "[core][evaluation]") {
  const std::vector<ScoredSample> perfect = {{0.9, true}, {0.8, true}, {0.2, false}, {0.1, false}};
  CHECK(roc_auc(perfect) == Approx(1.0));
  const std::vector<ScoredSample> tied = {{0.5, true}, {0.5, false}};
  CHECK(roc_auc(tied) == Approx(0.5));
  const std::vector<ScoredSample> inverted = {{0.1, true}, {0.9, false}};
  CHECK(roc_auc(inverted) == Approx(0.0));
  CHECK(std::isnan(roc_auc(std::vector<ScoredSample>{{0.3, true}})));
}

TEST_CASE("recall at a false-positive rate uses the benign scores' threshold",
          "[core][evaluation]") {
  std::vector<ScoredSample> samples;
  for (int i = 0; i < 200; ++i) samples.push_back({i / 200.0, false});  // benign 0 .. 0.995
  samples.push_back({0.999, true});
  samples.push_back({0.99, true});
  samples.push_back({0.5, true});
  // 2 of 5 benign may exceed: the threshold is the third-highest benign score.
  CHECK(threshold_at_fpr({0.1, 0.995, 0.99, 0.985, 0.2}, 0.4) == Approx(0.985));
  // 1% of 200 benign (2) may exceed: the threshold is 0.985, and two attacks are above it.
  CHECK(recall_at_fpr(samples, 0.01) == Approx(2.0 / 3.0));
}
