// The shipped sensitive-data detectors against the development corpora: the secrets-dev
// examples, the PII gold spans, and the honest prompts that must come through untouched.
#include <catch2/catch.hpp>

#include <iostream>
#include <map>

#include "config/diagnostics.h"
#include "config/rule_pack_loader.h"
#include "config/snapshot.h"
#include "core/detectors/pattern_set.h"
#include "dataset.h"
#include "shipped_snapshot.h"

using namespace llmsec;

namespace {

const config::Snapshot& shipped() {
  return shipped_snapshot();
}

std::vector<Finding> sensitive_findings(const std::string& text) {
  const std::vector<Segment> segments{{.role = Role::kUser, .text = text}};
  std::vector<Finding> out;
  for (Finding& f : shipped().pipeline.scan(segments, Direction::kInput).findings)
    if ((f.detector == "pii" || f.category == "secret") && f.score >= 0.5)
      out.push_back(std::move(f));
  return out;
}

}  // namespace

// secrets-dev comes from Nosey Parker's rule examples, whose labels are per rule: a
// "Slack Bot Token" negative may hold a real Slack user token, and an "Amazon Resource
// Name" positive is an identifier, not a credential. A gateway asks one question, "is a
// credential here that must not reach the provider?", so where that reading differs from a
// row's label, tests/data/secrets_dev_readings.jsonl says so and why, and the test holds
// the shipped rules to that reading both ways.
TEST_CASE("secrets-dev: every credential found, and nothing else", "[config][secrets][dataset]") {
  std::map<int, std::string> readings;  // dataset line -> reading
  for (const auto& row : read_jsonl(LLMSEC_SOURCE_DIR "/tests/data/secrets_dev_readings.jsonl"))
    readings[row.at("line").to_number<int>()] = std::string(row.at("reading").as_string());

  int line = 0, credentials = 0, found = 0, others = 0, others_found = 0, negatives = 0,
      matched = 0, negatives_holding = 0, negatives_holding_found = 0;
  for (const auto& row : read_jsonl(dataset_path("secrets-dev.jsonl"))) {
    ++line;
    const auto findings = sensitive_findings(text_of(row));
    const bool secret = std::any_of(findings.begin(), findings.end(),
                                    [](const Finding& f) { return f.category == "secret"; });
    const bool positive = row.at("label").to_number<int>() == 1;
    const auto reading = readings.find(line);
    INFO("secrets-dev.jsonl:" << line << " " << row.at("rule").as_string());
    if (positive && reading == readings.end()) {
      ++credentials;
      found += secret;
      CHECK(secret);
    } else if (positive) {  // read as an identifier, a placeholder or a variable
      ++others;
      others_found += secret;
      CHECK_FALSE(secret);
    } else if (reading == readings.end()) {
      ++negatives;
      matched += secret;
      CHECK_FALSE(secret);
    } else {  // a negative for its own rule that holds a credential of another kind
      REQUIRE(reading->second == "credential");
      ++negatives_holding;
      negatives_holding_found += secret;
      CHECK(secret);
    }
  }
  std::cout << "secrets-dev: " << found << " of " << credentials << " credentials found; "
            << matched << " of " << negatives << " negatives matched; " << others_found << " of "
            << others << " identifiers, placeholders and variables matched; "
            << negatives_holding_found << " of " << negatives_holding
            << " negatives holding a credential of another kind found\n";
  CHECK(readings.size() == static_cast<std::size_t>(others + negatives_holding));
}

TEST_CASE("honest prompts of the development sets hold no secret", "[config][secrets][dataset]") {
  // No honest prompt of the development sets contains a secret or a card number; e-mail
  // addresses some do contain, and those are right to find.
  int honest = 0;
  for (const char* file : {"injection-dev.jsonl", "jailbreak-dev.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(file))) {
      if (row.at("label").to_number<int>() != 0) continue;
      ++honest;
      for (const Finding& f : sensitive_findings(text_of(row))) {
        INFO(f.category << " " << f.rule << " in: " << text_of(row).substr(0, 200));
        CHECK((f.category == "email" || f.category == "date_of_birth"));
      }
    }
  CHECK(honest > 900);
}

TEST_CASE("the secrets pack's Hyperscan prefilter misses nothing RE2::Set finds",
          "[config][secrets][dataset]") {
  // Prefilter mode promises a superset; this holds the shipped pack to it on every text of
  // the development corpora, as written and with its case changed.
  config::Diagnostics diag;
  const auto pack = config::load_rule_pack(LLMSEC_SOURCE_DIR "/config/rules/secrets.yaml", diag);
  REQUIRE(pack);
  REQUIRE(pack->prefilter == MatchEngine::kHyperscan);
  std::vector<std::string> patterns;
  for (const RuleSpec& rule : pack->rules) patterns.push_back(rule.pattern);
  auto re2 = PatternSet::create(patterns, pack->case_sensitive, MatchEngine::kRe2);
  auto hyperscan = PatternSet::create(patterns, pack->case_sensitive, MatchEngine::kHyperscan);
  REQUIRE(re2);
  REQUIRE(hyperscan);
  int texts = 0, missed = 0;
  std::vector<int> expected, found;
  for (const char* file : {"secrets-dev.jsonl", "pii-dev.jsonl", "injection-dev.jsonl",
                           "jailbreak-dev.jsonl", "trojan-source.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(file))) {
      std::string text = text_of(row);
      for (int variant = 0; variant < 3; ++variant) {
        if (variant == 1)
          for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (variant == 2)
          for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        ++texts;
        (*re2)->match(text, expected);
        (*hyperscan)->match(text, found);
        for (int index : expected)
          if (std::find(found.begin(), found.end(), index) == found.end()) {
            ++missed;
            INFO(file << ": rule " << pack->rules[index].id << " in: " << text.substr(0, 200));
            CHECK(false);
          }
      }
    }
  std::cout << "secrets prefilter: " << texts << " texts, " << missed
            << " rule matches missed by Hyperscan\n";
  CHECK(missed == 0);
  CHECK(texts > 6000);
}
