// llmsec-train: trains a linear classifier (logistic regression over hashed word and
// character n-grams of the normalised text) from labeled JSONL, reproducibly.
//
//   build/llmsec-train --name jailbreak --category jailbreak
//       --data ../shared/datasets/jailbreak-dev.jsonl --out config/models/jailbreak.model
//       --holdout-out build/jailbreak-heldout.jsonl
//
// A fixed share of the rows (by a hash of their text, so the split never changes) is held
// out: never trained on, scored at the end, and written to --holdout-out for `llmsec eval`.
// Another fifth of the rest is a validation set that picks min_score, the probability from
// which the model reports a finding: the lowest at which at most 1% of validation benign
// rows would be flagged. (scripts/train-models.sh holds the exact commands.)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include <boost/json.hpp>

#include "config/model_loader.h"
#include "config/training/split.h"
#include "core/detectors/text_features.h"
#include "core/evaluation.h"
#include "core/text/normalizer.h"

using namespace llmsec;

namespace {

struct Example {
  std::vector<std::uint32_t> features;
  float label;
  std::string line;  // the JSONL row, for the held-out file
};

double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

double score(const LinearModelSpec& m, const std::vector<std::uint32_t>& f) {
  if (f.empty()) return sigmoid(m.bias);
  double sum = 0;
  for (auto i : f) sum += m.weights[i];
  return sigmoid(m.bias + sum / std::sqrt(static_cast<double>(f.size())));
}

}  // namespace

int main(int argc, char** argv) {
  LinearModelSpec model;
  std::vector<std::string> data, benign_only;  // benign_only: only the label-0 rows are used
  std::string out, holdout_out;
  int epochs = 10, holdout_percent = 25;
  unsigned seed = 42;
  double l2 = 1e-4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--name")
      model.name = value;
    else if (flag == "--category")
      model.category = value;
    else if (flag == "--data")
      data.push_back(value);
    else if (flag == "--benign-from")
      benign_only.push_back(value);
    else if (flag == "--out")
      out = value;
    else if (flag == "--holdout-out")
      holdout_out = value;
    else if (flag == "--bits")
      model.hash_bits = std::stoi(value);
    else if (flag == "--epochs")
      epochs = std::stoi(value);
    else if (flag == "--holdout")
      holdout_percent = std::stoi(value);
    else if (flag == "--seed")
      seed = static_cast<unsigned>(std::stoul(value));
    else if (flag == "--l2")
      l2 = std::stod(value);
    else {
      std::cerr << "llmsec-train: unknown option " << flag << "\n";
      return 2;
    }
  }
  if (model.name.empty() || model.category.empty() || data.empty() || out.empty()) {
    std::cerr << "usage: llmsec-train --name N --category C --data FILE... [--benign-from FILE...] "
                 "--out MODEL [--holdout-out FILE] [--holdout PERCENT] [--bits B] [--epochs E] "
                 "[--seed S]\n";
    return 2;
  }
  model.weights.assign(std::size_t{1} << model.hash_bits, 0.0f);

  std::vector<Example> train, validation, held_out;
  std::vector<std::pair<std::string, bool>> files;
  for (const auto& f : data) files.emplace_back(f, false);
  for (const auto& f : benign_only) files.emplace_back(f, true);
  for (const auto& [file, only_benign] : files) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "llmsec-train: cannot read " << file << "\n";
      return 2;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const auto row = boost::json::parse(line).as_object();
      const std::string text(row.at("text").as_string());
      Example e{{}, row.at("label").to_number<int>() == 1 ? 1.0f : 0.0f, line};
      if (only_benign && e.label > 0.5f) continue;
      hashed_features(normalize_views(text).normalized.text(), model.hash_bits, e.features);
      const std::uint32_t h = training::split_hash(text);
      if (training::held_out(text, holdout_percent))
        held_out.push_back(std::move(e));
      else if ((h / 100) % 5 == 0)
        validation.push_back(std::move(e));
      else
        train.push_back(std::move(e));
    }
  }
  double positives = 0;
  for (const Example& e : train) positives += e.label;
  // Each class carries half of the total weight, whatever the balance of the data.
  const double w_pos = train.size() / (2.0 * std::max(1.0, positives));
  const double w_neg = train.size() / (2.0 * std::max(1.0, train.size() - positives));

  std::mt19937 random(seed);
  std::vector<std::size_t> order(train.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), random);
    const double rate = 0.5 / (1.0 + epoch);
    for (std::size_t index : order) {
      const Example& e = train[index];
      const double p = score(model, e.features);
      const double g = (p - e.label) * (e.label > 0.5f ? w_pos : w_neg);
      const double scale =
          e.features.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(e.features.size()));
      for (auto f : e.features)
        model.weights[f] -= static_cast<float>(rate * (g * scale + l2 * model.weights[f]));
      model.bias -= static_cast<float>(rate * g * 0.1);
    }
  }

  auto report = [&](const char* name, const std::vector<Example>& set) {
    std::vector<ScoredSample> scored;
    double tp = 0, fp = 0, pos = 0, neg = 0;
    for (const Example& e : set) {
      const double p = score(model, e.features);
      scored.push_back({p, e.label > 0.5f});
      (e.label > 0.5f ? pos : neg) += 1;
      if (p >= model.min_score) (e.label > 0.5f ? tp : fp) += 1;
    }
    std::printf("%-10s n=%-5zu TPR=%.1f%%  FPR=%.1f%%  AUC=%.3f  (at min_score)\n", name,
                set.size(), pos ? 100 * tp / pos : 0.0, neg ? 100 * fp / neg : 0.0,
                roc_auc(scored));
  };
  // min_score: the lowest probability that flags at most 1% of validation benign rows.
  std::vector<double> benign;
  for (const Example& e : validation)
    if (e.label < 0.5f) benign.push_back(score(model, e.features));
  model.min_score = 0.5;
  if (!benign.empty())
    model.min_score = std::max(0.5, std::min(0.99, threshold_at_fpr(benign, 0.01) + 1e-3));
  std::printf("min_score=%.3f\n", model.min_score);
  report("train", train);
  report("validation", validation);
  report("held-out", held_out);

  if (!config::save_linear_model(model, out)) {
    std::cerr << "llmsec-train: cannot write " << out << "\n";
    return 1;
  }
  if (!holdout_out.empty()) {
    std::ofstream h(holdout_out);
    for (const Example& e : held_out) h << e.line << '\n';
  }
  return 0;
}
