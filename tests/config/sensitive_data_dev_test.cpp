// The shipped sensitive-data detectors against the development corpora: the secrets-dev
// examples, the PII gold spans, and the honest prompts that must come through untouched.
#include <catch2/catch.hpp>

#include <iostream>

#include "config/snapshot.h"
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

TEST_CASE("secrets-dev: the share of secrets found, and honest prompts left alone",
          "[config][secrets][dataset]") {
  int positives = 0, found = 0, negatives = 0, matched = 0;
  for (const auto& row : read_jsonl(dataset_path("secrets-dev.jsonl"))) {
    const auto findings = sensitive_findings(text_of(row));
    const bool secret = std::any_of(findings.begin(), findings.end(),
                                    [](const Finding& f) { return f.category == "secret"; });
    if (row.at("label").to_number<int>() == 1) {
      ++positives;
      found += secret;
    } else {
      // A negative is one family's near miss; many hold a real secret of another family.
      ++negatives;
      matched += secret;
    }
  }
  std::cout << "secrets-dev: " << found << " of " << positives << " positives found; " << matched
            << " of " << negatives << " negatives matched\n";
  // A ratchet on today's figure (91%). Most of the rest are identifiers rather than
  // credentials (bucket names, ARNs, account ids, user names), left alone on purpose.
  CHECK(found * 100 >= positives * 90);

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
