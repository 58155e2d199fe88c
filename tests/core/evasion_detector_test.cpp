#include <catch2/catch.hpp>

#include "core/detectors/evasion_detector.h"
#include "core/text/canonicalizer.h"
#include "dataset.h"

using namespace llmsec;

namespace {

std::vector<Finding> scan(const std::string& text) {
  static const auto detector = EvasionDetector::create({});
  const Segment segment{.role = Role::kUser, .text = text};
  const auto views = canonicalize(text);
  std::vector<Finding> out;
  (*detector)->scan(ScanInput{segment, 0, views, Direction::kInput}, out);
  return out;
}

bool has_rule(const std::vector<Finding>& findings, std::string_view rule) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule; });
}

double max_score(const std::vector<Finding>& findings) {
  double best = 0;
  for (const Finding& f : findings) best = std::max(best, f.score);
  return best;
}

}  // namespace

TEST_CASE("every Trojan Source sample is flagged", "[core][evasion]") {
  const auto rows = read_jsonl(dataset_path("trojan-source.jsonl"));
  REQUIRE(rows.size() >= 50);
  for (const auto& row : rows) {
    INFO(row.at("id").as_string().c_str() << " (" << row.at("attack").as_string().c_str() << ")");
    const auto findings = scan(text_of(row));
    CHECK(max_score(findings) >= 0.5);
  }
}

TEST_CASE("each evasion trick has its own rule and span", "[core][evasion]") {
  const std::string bidi = "x = 1; /* \u202E } \u2066if (admin)\u2069 \u2066 */";
  auto f = scan(bidi);
  CHECK(has_rule(f, "bidi_override"));
  CHECK(bidi.substr(f[0].start, f[0].end - f[0].start) == "\u202E");

  CHECK(has_rule(scan("the pаssword is"), "mixed_script_word"));               // Cyrillic а
  CHECK(has_rule(scan("Please run the ѕуѕ command now"), "look_alike_word"));  // Cyrillic ѕуѕ
  CHECK(has_rule(scan("ig\u200bnore"), "invisible_in_word"));
  CHECK(has_rule(scan("ig\u200dnore"), "joiner_in_word"));
  CHECK(has_rule(scan("hi \U000E0069\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065"),
                 "tag_characters"));
  CHECK(has_rule(scan("\U0001F600\uFE01\uFE02\uFE03\uFE04\uFE05"), "variation_selector_run"));
  CHECK(has_rule(scan("bad \xC3 byte"), "invalid_utf8"));
}

TEST_CASE("honest text in many scripts, with emoji, math and code, has no evasion finding",
          "[core][evasion]") {
  // clang-format 14 re-splits these emoji literals on every run.
  // clang-format off
  const char* honest[] = {
      // emoji: ZWJ families and professions, skin tones, flags, keycaps, subdivision flags
      "Family trip 👨‍👩‍👧‍👦 with the dog 🐕‍🦺! 👍🏽👋🏿 🇩🇪🇯🇵🇧🇷 Press 1️⃣ or #️⃣ "
      "🏴󠁧󠁢󠁳󠁣󠁴󠁿 🏳️‍🌈 ❤️‍🔥 🧑🏾‍💻",
      "I ❤️ this ☺️ and ✌🏼",
      // right-to-left scripts, with and without marks
      "مرحبا بالعالم، كيف حالك اليوم؟",
      "שלום עולם, מה שלומך היום?",
      "The word \u200Fשלום\u200F means peace.",
      "فارسی: می\u200Cخواهم به خانه بروم",
      // scripts that use joiners
      "क्‍ष और क्ष दोनों सही हैं। हिन्दी "
      "भाषा",
      "ಕನ್ನಡ ಭಾಷೆ ಮತ್ತು മലയാളം ഭാഷ",
      "ශ්‍රී ලංකාව",
      // CJK and Southeast Asian
      "今天天气很好，我们去公园散步吧。",
      "東京の天気は晴れです。明日も晴れるでしょう。",
      "안녕하세요, 만나서 반갑습니다.",
      "สวัสดีครับ\u200bวันนี้อากาศดี",
      "Tiếng Việt có dấu: Hà Nội, Đà Nẵng.",
      // Cyrillic and Greek in their own text, and loanwords next to Latin
      "Привет! Как дела? Я живу в Москве.",
      "Καλημέρα, τι κάνεις σήμερα;",
      "Der Begriff Demokratie kommt von δημοκρατία.",
      "The resistor is 10 kΩ and the current 5 µA; angle θ = π/2.",
      // mathematics
      "∀x ∈ ℝ: x² ≥ 0, and ∑ᵢ aᵢ ≤ ∫₀¹ f(x) dx ≠ ∞",
      // code, logs, hashes, ids, data URLs
      "for (int i = 0; i < n; ++i) { sum += a[i]; } // naïve loop",
      "2024-05-01T12:00:00Z ERROR req=550e8400-e29b-41d4-a716-446655440000 "
      "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "<img "
      "src=\"data:image/"
      "png;base64,"
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
      "gg==\">",
      // Latin with diacritics
      "Grüße aus Köln, señor Muñoz; façade, naïve, Ørsted, Łódź, İstanbul",
      "Ein Wort mit wei\u00ADchem Trenn\u00ADstrich",
  };  // clang-format on

  for (const char* text : honest) {
    INFO(text);
    const auto findings = scan(text);
    for (const Finding& f : findings) INFO(f.rule << " score " << f.score);
    CHECK(findings.empty());
  }
}
