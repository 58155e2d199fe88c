#include <catch2/catch.hpp>

#include <cctype>
#include <tuple>

#include "core/detectors/pii_detector.h"
#include "core/detectors/pii_validators.h"
#include "core/text/canonicalizer.h"
#include "dataset.h"

using namespace llmsec;

TEST_CASE("checksums accept real identifiers and reject one-digit changes", "[core][pii]") {
  CHECK(luhn_valid("4111111111111111"));
  CHECK_FALSE(luhn_valid("4111111111111112"));
  CHECK(card_issuer("378282246310005") == "amex");
  CHECK(card_issuer("5555555555554444") == "mastercard");
  CHECK(card_issuer("2223003122003222") == "mastercard");
  CHECK(card_issuer("9111111111111111").empty());
  CHECK(iban_valid("DE89 3704 0044 0532 0130 00"));
  CHECK(iban_valid("gb82west12345698765432"));
  CHECK_FALSE(iban_valid("DE89 3704 0044 0532 0130 01"));
  CHECK_FALSE(iban_valid("DE89 3704 0044 0532 0130"));  // Germany's length is 22
  CHECK(us_ssn_valid("536-90-4821"));
  for (const char* bad :
       {"000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000", "078-05-1120"})
    CHECK_FALSE(us_ssn_valid(bad));
  CHECK(ipv4_valid("192.168.0.1"));
  CHECK_FALSE(ipv4_valid("256.1.1.1"));
  CHECK_FALSE(ipv4_valid("01.2.3.4"));
  CHECK(ipv6_valid("2001:db8:85a3::8a2e:370:7334"));
  CHECK(ipv6_valid("::ffff:192.0.2.1"));
  CHECK_FALSE(ipv6_valid("12:30:45"));
  CHECK_FALSE(ipv6_valid("1::2::3"));
  CHECK(bech32_address_valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
  CHECK_FALSE(bech32_address_valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"));
  CHECK(base58_address_plausible("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
  CHECK(verhoeff_valid("234123412346"));
  CHECK_FALSE(verhoeff_valid("234123412345"));
  CHECK(uk_nino_valid("AB 12 34 56 C"));
  CHECK_FALSE(uk_nino_valid("GB 12 34 56 C"));
  CHECK(de_tax_id_valid("86095742719"));
  CHECK_FALSE(de_tax_id_valid("86095742718"));
  CHECK(fr_nir_valid("2 55 08 14 168 025 38"));
  CHECK_FALSE(fr_nir_valid("2 55 08 14 168 025 39"));
  CHECK(es_dni_valid("12345678Z"));
  CHECK(es_dni_valid("X1234567L"));
  CHECK_FALSE(es_dni_valid("12345678A"));
}

namespace {

std::vector<Finding> scan(const std::string& text) {
  static const auto detector = PiiDetector::create(PiiSpec{});
  REQUIRE(detector);
  const Segment segment{.text = text};
  const auto views = canonicalize(text);
  std::vector<Finding> out;
  (*detector)->scan(ScanInput{segment, 0, views, Direction::kInput}, out);
  return out;
}

// The categories found at a score that the default policy flags, with their text.
std::vector<std::pair<std::string, std::string>> flagged(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Finding& f : scan(text))
    if (f.score >= 0.5) out.emplace_back(f.category, text.substr(f.start, f.end - f.start));
  return out;
}

using Found = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("PII is found with its type and exact span, in several formats", "[core][pii]") {
  CHECK(flagged("Card: 4111-1111-1111-1111, exp 12/29") ==
        Found{{"credit_card", "4111-1111-1111-1111"}});
  CHECK(flagged("Überweisung an DE89 3704 0044 0532 0130 00 bitte") ==
        Found{{"iban", "DE89 3704 0044 0532 0130 00"}});
  CHECK(flagged("SSN 536-90-4821 on file") == Found{{"us_ssn", "536-90-4821"}});
  CHECK(flagged("écrivez à zoë.dupont@exemple.fr") == Found{{"email", "zoë.dupont@exemple.fr"}});
  CHECK(flagged("Ruf an unter +49 30 901820 oder schreib") == Found{{"phone", "+49 30 901820"}});
  CHECK(flagged("server 10.0.0.12 and 2001:db8::1 are down") ==
        Found{{"ip_address", "10.0.0.12"}, {"ip_address", "2001:db8::1"}});
  CHECK(flagged("NI number AB 12 34 56 C") == Found{{"national_id", "AB 12 34 56 C"}});
  CHECK(flagged("Date of birth: 14/02/1987") == Found{{"date_of_birth", "14/02/1987"}});
  CHECK(flagged("mail d'arcy.o'neill@firma.example.ie today") ==
        Found{{"email", "d'arcy.o'neill@firma.example.ie"}});
  CHECK(flagged("curl http://[::1]:8080/ and ping ::1 first") ==
        Found{{"ip_address", "::1"}, {"ip_address", "::1"}});
  CHECK(flagged("send to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq") ==
        Found{{"crypto_wallet", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}});
}

TEST_CASE("numbers of the right shape but no validity are left alone", "[core][pii]") {
  for (const char* text :
       {"Order 4111111111111112 shipped",  // fails Luhn
        "ISBN 978-3-16-148410-0", "version 1.2.3.4 and build 10.0.19045.3570",
        "the time is 12:30:45 on 2024-03-02", "UUID 123e4567-e89b-12d3-a456-426614174000",
        "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709", "room 000-12-3456",
        "IBAN placeholder DE00 1234 5678 9012 3456 78", "population 1 234 567 in 2020",
        "wrong check digits: FR12 3000 6000 0112 3456 7890 189",  // no phone in its tail
        "std::vector<int>::size_type and a::b are code",
        "creditor reference RF71 4111 1111 1111 1111 on the slip",  // Luhn-valid tail
        "order 7731 0201 5550 0132 8842 is in the warehouse"})      // no phone in its tail
    CHECK(flagged(text).empty());
}

TEST_CASE("an IBAN keeps its digits, and an address next to another is an address", "[core][pii]") {
  CHECK(flagged("Konto GB33 BUKB 2020 1555 5555 55, danke") ==
        Found{{"iban", "GB33 BUKB 2020 1555 5555 55"}});
  CHECK(
      flagged("upstreams 192.0.2.10, 10.0.0.2 and 10.0.0.3") ==
      Found{{"ip_address", "192.0.2.10"}, {"ip_address", "10.0.0.2"}, {"ip_address", "10.0.0.3"}});
  CHECK(flagged("see section 2.1.4.3 for details").empty());
  // Mail flattened to one line glues the next word to the address; redaction must not eat it.
  CHECK(flagged("To: ganesh@moonchaser.ioHi Ganesh, following up") ==
        Found{{"email", "ganesh@moonchaser.io"}});
  CHECK(flagged("Write to INFO@EXAMPLE.COM today") == Found{{"email", "INFO@EXAMPLE.COM"}});
}

TEST_CASE("context words make a bare number believable", "[core][pii]") {
  CHECK(flagged("reference 536904821").empty());
  CHECK(flagged("my SSN is 536904821") == Found{{"us_ssn", "536904821"}});
  CHECK(flagged("Steuer-ID 86095742719") == Found{{"national_id", "86095742719"}});
  CHECK(flagged("call me on 9472 7916") == Found{{"phone", "9472 7916"}});
  CHECK(flagged("it costs 9472 7916 yen").empty());
  // A short context word is a word, or an inflection of it, not the start of another.
  CHECK(flagged("calls to 9472 7916 are free") == Found{{"phone", "9472 7916"}});
  CHECK(flagged("tell me if 9472 7916 is prime").empty());
  CHECK(flagged("the cellar holds 9472 7916 bottles").empty());
}

namespace {

std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t, double>> described(
    const std::vector<Finding>& findings) {
  std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t, double>> out;
  for (const Finding& f : findings) out.emplace_back(f.category, f.rule, f.start, f.end, f.score);
  return out;
}

}  // namespace

TEST_CASE("scanning only the windows finds what scanning the whole text finds", "[core][pii]") {
  const auto detector = PiiDetector::create(PiiSpec{});
  REQUIRE(detector);
  std::vector<std::string> texts;
  for (const char* corpus : {"pii-dev.jsonl", "secrets-dev.jsonl", "injection-dev.jsonl",
                             "jailbreak-dev.jsonl", "trojan-source.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(corpus))) texts.push_back(text_of(row));
  // The personal data of the PII corpus far apart in long prose, and run together with
  // no space at all: windows must join, split and reach across both.
  const std::string prose(300, 'x');
  std::string far_apart, run_together;
  for (std::size_t i = 0; i < 200 && i < texts.size(); ++i) {
    far_apart += texts[i] + " " + prose.substr(0, 40 + i % 97) + " ";
    run_together += texts[i];
  }
  texts.push_back(far_apart);
  texts.push_back(run_together);
  texts.push_back(prose + " the adapter is ab-cd-ef-ab-cd-ef. " + prose);  // all hex letters
  std::size_t with_findings = 0;
  for (const std::string& text : texts) {
    const auto windowed = (*detector)->find(text);
    if (described(windowed) != described((*detector)->find(text, true)))
      FAIL_CHECK(text.substr(0, 300));
    with_findings += !windowed.empty();
  }
  CHECK(with_findings > 150);  // 191 texts hold personal data the detector reports
}

TEST_CASE("no pattern matches without a digit, '@', ':' or '-'", "[core][pii]") {
  // What the windows rest on: text without those characters holds no personal data.
  const auto detector = PiiDetector::create(PiiSpec{});
  REQUIRE(detector);
  std::size_t texts = 0;
  for (const auto& row : read_jsonl(dataset_path("pii-dev.jsonl"))) {
    std::string text = text_of(row);
    std::erase_if(text, [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '@' || c == ':' || c == '-';
    });
    if (!(*detector)->find(text, true).empty()) FAIL_CHECK(text);
    ++texts;
  }
  CHECK(texts == 500);
  // Shapes made of letters only: hex pairs, base58 and bech32 alphabets, IBAN-like groups.
  for (const char* text : {"ab cd ef ab cd ef", "AB.CD.EF.AB.CD.EF", "bcqarsrrrxfkvylfzzwfmdq",
                           "BvBMSEYstWetqTFnAumGFgxJaNVNbb", "GB WEST ABCD EFGH IJKL",
                           "AB CD EF GH C", "born on March the first"})
    CHECK((*detector)->find(text, true).empty());
  // And with the one character each needs, found: the test above can fail.
  CHECK_FALSE((*detector)->find("ab-cd-ef-ab-cd-ef", true).empty());
}
