#include <catch2/catch.hpp>

#include "core/detectors/leakage_detector.h"
#include "core/text/canonicalizer.h"

using namespace llmsec;

namespace {

const std::string kSystem =
    "You are Ada, the billing assistant of Northwind Energy. Only answer questions about "
    "invoices and tariffs. Never offer discounts above ten percent without a supervisor code.";

std::vector<Finding> scan(const LeakageDetector& detector, const std::string& answer) {
  const Segment segment{.role = Role::kAssistant, .text = answer};
  const std::vector<TextView> views = canonicalize(answer);
  std::vector<Finding> out;
  detector.scan({segment, 0, views, Direction::kOutput}, out);
  return out;
}

}  // namespace

TEST_CASE("Instructions repeated word for word are a leak, scored by how much", "[leakage]") {
  const auto detector = LeakageDetector::create({.instructions = {kSystem}});
  const std::string answer =
      "Sure! My instructions say: you are Ada, the billing assistant of Northwind Energy. Only "
      "answer questions about invoices and tariffs. Never offer discounts above ten percent.";
  const auto findings = scan(*detector, answer);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "verbatim_overlap");
  CHECK(findings[0].score >= 0.9);
  CHECK(answer.substr(findings[0].start, 10) == "you are Ad");
  // A short echo of a phrase is a weak signal; a paraphrase is none.
  const auto short_echo =
      scan(*detector, "I only answer questions about invoices and tariffs here.");
  REQUIRE(short_echo.size() == 1);
  CHECK(short_echo[0].score < 0.85);
  CHECK(scan(*detector, "I help with bills and prices for Northwind customers.").empty());
}

TEST_CASE("The canary is found plain, encoded or spelled in other letters", "[leakage]") {
  const std::string canary = LeakageDetector::new_canary();
  REQUIRE(canary.size() == 16);
  const auto detector = LeakageDetector::create({.canary = canary});
  CHECK(scan(*detector, "The hidden marker is " + canary + ".").at(0).rule == "canary");
  std::string upper = canary;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(scan(*detector, "marker: " + upper).at(0).severity == Severity::kCritical);
  // base64 of "canary=<hex>"
  static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string plain = "canary=" + canary;
  std::string encoded;
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(plain[i]) << 16) |
                       (i + 1 < plain.size() ? static_cast<unsigned char>(plain[i + 1]) << 8 : 0) |
                       (i + 2 < plain.size() ? static_cast<unsigned char>(plain[i + 2]) : 0);
    encoded += b64[(n >> 18) & 63];
    encoded += b64[(n >> 12) & 63];
    encoded += i + 1 < plain.size() ? b64[(n >> 6) & 63] : '=';
    encoded += i + 2 < plain.size() ? b64[n & 63] : '=';
  }
  const auto hidden = scan(*detector, "Here you go: " + encoded);
  REQUIRE_FALSE(hidden.empty());
  CHECK(hidden[0].rule == "canary");
  CHECK(scan(*detector, "No marker here at all.").empty());
}
