#include "core/evaluation.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace llmsec {

double roc_auc(std::span<const ScoredSample> samples) {
  std::vector<ScoredSample> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const ScoredSample& a, const ScoredSample& b) { return a.score < b.score; });
  double rank_sum = 0, positives = 0, negatives = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j].score == sorted[i].score) ++j;
    const double average_rank = static_cast<double>(i + j + 1) / 2.0;  // 1-based, ties averaged
    for (std::size_t k = i; k < j; ++k) {
      if (sorted[k].attack)
        rank_sum += average_rank, ++positives;
      else
        ++negatives;
    }
    i = j;
  }
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

double threshold_at_fpr(std::vector<double> benign, double fpr) {
  if (benign.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(benign.begin(), benign.end(), std::greater<>());
  const auto allowed =
      static_cast<std::size_t>(std::floor(fpr * static_cast<double>(benign.size())));
  return benign[std::min(allowed, benign.size() - 1)];
}

double recall_at_fpr(std::span<const ScoredSample> samples, double fpr) {
  std::vector<double> benign;
  std::size_t attacks = 0;
  for (const ScoredSample& s : samples) {
    if (s.attack)
      ++attacks;
    else
      benign.push_back(s.score);
  }
  if (benign.empty() || attacks == 0) return std::numeric_limits<double>::quiet_NaN();
  const double threshold = threshold_at_fpr(std::move(benign), fpr);
  const auto above = std::count_if(samples.begin(), samples.end(), [&](const ScoredSample& s) {
    return s.attack && s.score > threshold;
  });
  return static_cast<double>(above) / static_cast<double>(attacks);
}

}  // namespace llmsec
