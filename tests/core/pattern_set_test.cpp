#include <catch2/catch.hpp>

#include "core/detectors/pattern_set.h"

using namespace llmsec;

namespace {

std::vector<int> matches(const PatternSet& set, std::string_view text) {
  std::vector<int> out;
  set.match(text, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("bounded repetitions are opened, and nothing else changes", "[core][patterns]") {
  CHECK(loosen_repetitions(R"(a.{0,400}?b)") == R"(a.{0,}?b)");
  CHECK(loosen_repetitions(R"([^"\n]{5,99}x{2,4})") == R"([^"\n]{5,}x{2,4})");
  CHECK(loosen_repetitions(R"([A-Z]{16}\{0,400}[{0,99}]{3})") == R"([A-Z]{16}\{0,400}[{0,99}]{3})");
  CHECK(loosen_repetitions(R"([]{0,99}]{1,20})") == R"([]{0,99}]{1,})");
}

TEST_CASE("both engines name the same patterns, case folding and word boundaries included",
          "[core][patterns]") {
  const std::vector<std::string> patterns = {
      R"(\bAKIA[A-Z2-7]{16}\b)", R"((?i:password)\s*[:=]\s*\S{4,})", R"(\bghp_[A-Za-z0-9]{36}\b)",
      R"((?s:BEGIN.{0,400}?END))", R"(\bkey\b)"};
  auto re2 = PatternSet::create(patterns, true, MatchEngine::kRe2);
  auto hs = PatternSet::create(patterns, true, MatchEngine::kHyperscan);
  REQUIRE(re2);
  REQUIRE(hs);
  for (const char* text :
       {"nothing here", "AKIAJQ2MZ7XW4RT5LPNK", "xAKIAJQ2MZ7XW4RT5LPNK", "PAſSWORD = hunter22",
        "Password: s3cr3t!", "BEGIN\nmany lines\nEND", "émkey", "the key is here",
        "ghp_Xk2Lm9Qw4Er7Ty1Ui5Op3As6Df8Gh0Jk2Lz4 and AKIAJQ2MZ7XW4RT5LPNK"}) {
    INFO(text);
    const auto expected = matches(**re2, text);
    const auto found = matches(**hs, text);
    // The prefilter may name more, never fewer; on these it names exactly the same.
    CHECK(found == expected);
  }
}

TEST_CASE("text that is not valid UTF-8 is matched by RE2::Set, not Hyperscan",
          "[core][patterns]") {
  auto hs = PatternSet::create({R"(AKIA[A-Z2-7]{16})"}, true, MatchEngine::kHyperscan);
  REQUIRE(hs);
  CHECK(matches(**hs, "\xff\xfe AKIAJQ2MZ7XW4RT5LPNK \xc3") == std::vector<int>{0});
  CHECK(matches(**hs, "\xff\xfe nothing").empty());
}

TEST_CASE("a bad pattern is an error that names it, and no patterns match nothing",
          "[core][patterns]") {
  auto bad = PatternSet::create({"ok", "(unclosed"}, true, MatchEngine::kHyperscan);
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("pattern 1"));
  auto empty = PatternSet::create({}, true, MatchEngine::kHyperscan);
  REQUIRE(empty);
  std::vector<int> out;
  CHECK_FALSE((*empty)->match("anything", out));
}
