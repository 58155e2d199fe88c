#include <catch2/catch.hpp>

#include "core/text/utf8.h"

using namespace llmsec;

TEST_CASE("valid UTF-8 of every length is accepted", "[core][text]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(
      is_valid_utf8("Gr\xC3\xBC\xC3\x9F"
                    "e"));                                   // Grüße
  CHECK(is_valid_utf8("\xE6\x97\xA5\xE6\x9C\xAC"));          // 日本
  CHECK(is_valid_utf8("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"));  // thumbs up, skin tone
}

TEST_CASE("invalid UTF-8 is rejected and scrubbed to U+FFFD", "[core][text]") {
  const char* cases[] = {
      "\xC3",              // truncated
      "\xC0\xAF",          // overlong '/'
      "\xED\xA0\x80",      // surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xFF",              // never valid
      "\x80",              // lone continuation
  };
  for (const char* bad : cases) {
    INFO(bad);
    CHECK_FALSE(is_valid_utf8(bad));
    const std::string scrubbed = scrub_utf8(std::string("a") + bad + "b");
    CHECK(is_valid_utf8(scrubbed));
    CHECK(scrubbed ==
          "a\xEF\xBF\xBD"
          "b");
  }
  CHECK(scrub_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
}
