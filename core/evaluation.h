// Figures for judging a detector on labeled samples, shared by `llmsec eval` and the model
// trainer so that both mean the same thing by them.
//
//   std::vector<ScoredSample> s = {{.score = 0.9, .attack = true}, {.score = 0.1}};
//   roc_auc(s);                        // 1.0
//   recall_at_fpr(s, 0.01);            // share of attacks above the 1%-FPR threshold
#pragma once

#include <span>
#include <vector>

namespace llmsec {

struct ScoredSample {
  double score = 0.0;
  bool attack = false;
};

// The chance that a random attack scores above a random benign sample (ties count half);
// NaN without both kinds.
double roc_auc(std::span<const ScoredSample> samples);

// The score that at most `fpr` of the benign scores exceed (the highest when there are
// fewer than 1/fpr of them). `benign` need not be sorted.
double threshold_at_fpr(std::vector<double> benign, double fpr);

// The share of attacks scoring above threshold_at_fpr of the benign ones; NaN without both.
double recall_at_fpr(std::span<const ScoredSample> samples, double fpr);

}  // namespace llmsec
