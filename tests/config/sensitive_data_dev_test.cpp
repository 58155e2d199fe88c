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

TEST_CASE("documentation keys, hashes, UUIDs, images and placeholders are not secrets",
          "[config][secrets]") {
  // What developers paste while asking for help: none of it grants access.
  for (const char* text : {
           "The AWS guide's access key is AKIAIOSFODNN7EXAMPLE in every snippet.",
           "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  # from the docs",
           "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV"
           "R42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\" alt=\"key icon\">",
           "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, commit "
           "3f786850e387550fdab836ed7e6dc881de23001b",
           "request_id=3fa85f64-5717-4562-b3fc-2c963f66afa6 trace_id: "
           "4bf92f3577b34da6a3ce929d0e0e4736",
           "integrity "
           "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUd"
           "BeoGlODJ6+SfaPg== for lodash",
           "OPENAI_API_KEY=sk-...your key here... and ANTHROPIC_API_KEY=<your-key>",
           "HEROKU_API_KEY=01234567-89ab-cdef-0123-456789abcdef",
           "password: \"<your password>\" in config.yml, or password = ${DB_PASSWORD}",
           "api_key = os.environ[\"OPENAI_API_KEY\"]\nclient = OpenAI(api_key=api_key)",
           "const token = await getAccessTokenSilently(); headers.Authorization = `Bearer "
           "${token}`;",
       }) {
    INFO(text);
    for (const Finding& f : sensitive_findings(text)) {
      INFO(f.rule);
      CHECK(f.category != "secret");
    }
  }
}
