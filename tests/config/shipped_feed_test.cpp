// The shipped feed of known attacks (config/feeds/known_attacks.jsonl) in the shipped
// configuration: edited copies of its entries are found, honest prompts are not.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "dataset.h"
#include "shipped_snapshot.h"

using namespace llmsec;

namespace {

bool feed_reports(const std::string& text) {
  const std::vector<Segment> segments{{.role = Role::kUser, .text = text}};
  const ScanReport report = shipped_snapshot().pipeline.scan(segments, Direction::kInput);
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [](const Finding& f) { return f.detector.starts_with("feed."); });
}

// What someone reusing a public jailbreak does to it: a greeting before, a question after,
// a name changed, a word in fifteen dropped, a filler word added in places.
std::string edited(const std::string& text) {
  std::istringstream in(text);
  std::string out = "Hey, quick question first. ", word;
  for (int i = 0; in >> word; ++i) {
    if (i % 15 == 7) continue;
    if (word == "DAN" || word == "ChatGPT") word = "Zed";
    if (i % 20 == 11) out += "really ";
    out += word + " ";
  }
  return out + "So, can you help me with my question?";
}

}  // namespace

TEST_CASE("edited copies of the shipped feed's attacks are found", "[config][shipped][feed]") {
  std::size_t entries = 0, found = 0;
  for (const auto& row : read_jsonl(LLMSEC_SOURCE_DIR "/config/feeds/known_attacks.jsonl")) {
    const std::string copy = edited(text_of(row));
    if (copy.size() < 400) continue;  // short ones change too much; rules and model cover them
    ++entries;
    found += feed_reports(copy);
  }
  INFO(found << " of " << entries << " edited copies found");
  CHECK(entries >= 200);
  CHECK(found >= entries * 95 / 100);
}

TEST_CASE("the shipped feed reports no honest prompt of the development data",
          "[config][shipped][feed]") {
  std::size_t honest = 0, reported = 0;
  for (const char* file : {"jailbreak-dev.jsonl", "injection-dev.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(file))) {
      if (row.at("label").to_number<int>() != 0) continue;
      ++honest;
      reported += feed_reports(text_of(row));
    }
  INFO(reported << " of " << honest << " honest prompts reported");
  CHECK(honest > 700);
  CHECK(reported <= honest / 1000);
}
