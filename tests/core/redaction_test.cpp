#include <catch2/catch.hpp>

#include "core/redaction.h"

using namespace llmsec;

TEST_CASE("spans are replaced in order, the rest kept", "[core][redaction]") {
  CHECK(apply_redactions("call 555-0100 or mail a@b.c",
                         {{0, 22, 27, "[EMAIL]"}, {0, 5, 13, "[PHONE]"}}) ==
        "call [PHONE] or mail [EMAIL]");
  CHECK(apply_redactions("nothing", {}) == "nothing");
  CHECK(apply_redactions("", {{0, 0, 5, "[X]"}}) == "");
}

TEST_CASE("overlapping and touching spans merge into one", "[core][redaction]") {
  CHECK(apply_redactions("0123456789", {{0, 2, 6, "[A]"}, {0, 4, 8, "[B]"}}) == "01[A]89");
  CHECK(apply_redactions("0123456789", {{0, 2, 4, "[A]"}, {0, 4, 6, "[B]"}}) == "01[A]6789");
  CHECK(apply_redactions("0123456789", {{0, 1, 9, "[A]"}, {0, 3, 4, "[B]"}}) == "0[A]9");
}

TEST_CASE("spans never cut a multibyte character in half", "[core][redaction]") {
  const std::string text = "x\xC3\xA9y";  // xéy
  // A span that ends inside é widens to its end; one that starts inside it widens back.
  CHECK(apply_redactions(text, {{0, 0, 2, "[R]"}}) == "[R]y");
  CHECK(apply_redactions(text, {{0, 2, 4, "[R]"}}) == "x[R]");
}

TEST_CASE("out-of-range spans are clamped, not trusted", "[core][redaction]") {
  CHECK(apply_redactions("abc", {{0, 1, 100, "[R]"}}) == "a[R]");
  CHECK(apply_redactions("abc", {{0, 50, 100, "[R]"}}) == "abc");
}
