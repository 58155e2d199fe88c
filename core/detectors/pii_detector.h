// PiiDetector: personal data that validates, not just matches a shape. Each recogniser
// finds candidates (all of them in one RE2::Set pass over the text) and keeps those that
// pass the identifier's own rules: Luhn and issuer ranges for cards, mod-97 and the
// country's length for IBANs, area/group/serial rules for US SSNs, checksums for national
// ids and wallets. Words nearby ("card", "SSN", "call me at", "Steuer-ID") raise the
// confidence; a number that needs them to be believed ("123456789") gets a low score
// without them.
//
//   auto pii = PiiDetector::create(PiiSpec{});         // every type
//   // findings: category "email", "phone", "credit_card", "iban", "us_ssn",
//   // "ip_address", "mac_address", "crypto_wallet", "national_id", "date_of_birth";
//   // rule: the precise kind ("credit_card.visa", "national_id.uk_nino").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "core/detector.h"
#include "core/result.h"

namespace llmsec {

struct PiiSpec {
  std::vector<std::string> types;  // empty: every type
  bool input = true;
  bool output = true;
};

class PiiDetector final : public Detector {
 public:
  static Result<std::unique_ptr<PiiDetector>> create(const PiiSpec& spec);
  ~PiiDetector() override;

  std::string_view name() const override { return "pii"; }
  bool applies_to(Direction direction) const override;
  std::vector<std::string> categories() const override;
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;

  // Every type this detector knows.
  static std::vector<std::string> all_types();

  // The findings in `text`: by default only in the windows below; everywhere: in the whole
  // text in one piece, which tests compare them with.
  std::vector<Finding> find(std::string_view text, bool everywhere = false) const;

  // The parts of `text` that can hold personal data, in order, not overlapping: around
  // its ASCII digits, '@', ':' and '-', one of which every pattern needs. Prose has few,
  // so most of it is never scanned. Exposed for tests.
  static std::vector<std::pair<std::size_t, std::size_t>> windows(std::string_view text);

  struct Recognizer;

 private:
  PiiDetector() = default;
  // Adds the findings of recogniser `index` in text[part_start, part_end).
  void find(std::string_view text, std::size_t part_start, std::size_t part_end, int index,
            std::vector<Finding>& found) const;
  // Of overlapping findings, the one of the type with the stronger checks; by position.
  static std::vector<Finding> kept(std::vector<Finding> found);

  PiiSpec spec_;
  std::vector<const Recognizer*> recognizers_;
  std::vector<std::unique_ptr<RE2>> patterns_;  // same order as recognizers_
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace llmsec
