// llmsec-build-feed: writes the shipped feed of known attacks (config/feeds/) from the
// attack rows of the development data's training split, the same way every time.
//
//   build/llmsec-build-feed --data ../shared/datasets/jailbreak-dev.jsonl \
//       --data ../shared/datasets/injection-dev.jsonl --out config/feeds/known_attacks.jsonl
//
// Rows held out of the trained models (split.h) are held out of the feed too, so that
// `llmsec eval` on them measures how well edited copies of known attacks are caught, not
// memory. Left out as well: attacks too short to compare by shingles (the rule packs'
// work), instructions planted in documents (the row is mostly the honest document), near-copies of
// an entry already taken (shortest first), and attacks that an honest row of the training split
// resembles (their labels are doubtful, and they would flag honest prompts).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>

#include <boost/json.hpp>

#include "config/training/split.h"
#include "core/detectors/feed_detector.h"
#include "core/text/normalizer.h"

using namespace llmsec;

namespace {

struct Row {
  std::string id, category, text, normalized;
};

std::string feed_category(std::string_view dataset_category) {
  if (dataset_category == "injection") return "prompt_injection";
  return std::string(dataset_category);  // jailbreak, indirect_injection
}

// The similarity of the best entry of `entries` in `text`, 0 when none shares a shingle.
double similarity(const std::vector<FeedEntry>& entries, const std::string& text) {
  if (entries.empty()) return 0.0;
  auto feed = FeedDetector::create({.name = "probe", .entries = entries});
  if (!feed) return 0.0;  // no entry long enough
  const auto match = (*feed)->best_match(text);
  return match ? match->similarity : 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> data;
  std::string out;
  int holdout_percent = 25;
  double duplicate = 0.8, benign_limit = 0.5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--data")
      data.push_back(value);
    else if (flag == "--out")
      out = value;
    else if (flag == "--holdout")
      holdout_percent = std::stoi(value);
    else {
      std::cerr << "llmsec-build-feed: unknown option " << flag << "\n";
      return 2;
    }
  }
  if (data.empty() || out.empty()) {
    std::cerr << "usage: llmsec-build-feed --data FILE... --out FEED [--holdout PERCENT]\n";
    return 2;
  }
  std::vector<Row> attacks, benign;
  for (const std::string& file : data) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "llmsec-build-feed: cannot read " << file << "\n";
      return 2;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const auto row = boost::json::parse(line).as_object();
      std::string text(row.at("text").as_string());
      if (training::held_out(text, holdout_percent)) continue;
      Row r{std::string(row.at("id").as_string()), feed_category(row.at("category").as_string()),
            text, std::string(normalize_views(text).normalized.text())};
      (row.at("label").to_number<int>() == 1 ? attacks : benign).push_back(std::move(r));
    }
  }
  std::stable_sort(attacks.begin(), attacks.end(),
                   [](const Row& a, const Row& b) { return a.text.size() < b.text.size(); });
  std::vector<FeedEntry> taken;
  std::map<std::string, int> left_out;
  for (const Row& row : attacks) {
    if (row.category == "indirect_injection") {
      // A planted instruction arrives inside a document that is mostly honest: as a whole
      // the row would match the honest copies of that document.
      ++left_out["an instruction inside a document"];
      continue;
    }
    const std::vector<FeedEntry> alone{{row.id, row.category, row.text}};
    if (!FeedDetector::create({.name = "probe", .entries = alone})) {
      ++left_out["too short"];
      continue;
    }
    if (similarity(taken, row.normalized) >= duplicate) {
      ++left_out["near-copy of an entry"];
      continue;
    }
    const bool resembles_honest = std::any_of(benign.begin(), benign.end(), [&](const Row& b) {
      return similarity(alone, b.normalized) >= benign_limit;
    });
    if (resembles_honest) {
      ++left_out["an honest row resembles it"];
      continue;
    }
    taken.push_back({row.id, row.category, row.text});
  }
  std::ofstream o(out);
  for (const FeedEntry& e : taken)
    o << boost::json::serialize(
             boost::json::object{{"id", e.id}, {"category", e.category}, {"text", e.text}})
      << '\n';
  std::cout << "feed: " << taken.size() << " entries of " << attacks.size()
            << " training attacks\n";
  for (const auto& [why, n] : left_out) std::cout << "  left out, " << why << ": " << n << "\n";
  return o ? 0 : 1;
}
