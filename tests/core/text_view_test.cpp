#include <catch2/catch.hpp>

#include "core/text/text_view.h"

using namespace llmsec;

TEST_CASE("an identity view maps every span to itself", "[core][text]") {
  TextView v = TextView::identity("original", "hello world");
  CHECK(v.text() == "hello world");
  CHECK(v.name() == "original");
  CHECK(v.to_original(0, 5) == std::pair<std::size_t, std::size_t>{0, 5});
  CHECK(v.to_original(6, 11) == std::pair<std::size_t, std::size_t>{6, 11});
  CHECK(v.to_original(3, 3) == std::pair<std::size_t, std::size_t>{3, 3});
}

TEST_CASE("a replacement maps back to the whole span it replaced", "[core][text]") {
  // original: "a" + "\xEF\xBD\x82" (fullwidth b, 3 bytes) + "c"; view: "abc"
  const std::string original =
      "a\xEF\xBD\x82"
      "c";
  TextViewBuilder b("normalized");
  b.append_copy(original, 0, 1);
  b.append_replacement("b", 1, 4);
  b.append_copy(original, 4, 5);
  TextView v = std::move(b).build();
  REQUIRE(v.text() == "abc");
  CHECK(v.to_original(1, 2) == std::pair<std::size_t, std::size_t>{1, 4});
  CHECK(v.to_original(0, 3) == std::pair<std::size_t, std::size_t>{0, 5});
  CHECK(v.to_original(2, 3) == std::pair<std::size_t, std::size_t>{4, 5});
}

TEST_CASE("dropped characters vanish from the view but stay inside mapped spans", "[core][text]") {
  // "ig" + zero-width space (3 bytes) + "nore"
  const std::string original = "ig\xE2\x80\x8Bnore";
  TextViewBuilder b("normalized");
  b.append_copy(original, 0, 2);
  b.append_replacement("", 2, 5);  // dropped
  b.append_copy(original, 5, original.size());
  TextView v = std::move(b).build();
  REQUIRE(v.text() == "ignore");
  CHECK(v.to_original(0, 6) == std::pair<std::size_t, std::size_t>{0, original.size()});
}

TEST_CASE("out-of-range spans are clamped", "[core][text]") {
  TextView v = TextView::identity("original", "abc");
  CHECK(v.to_original(2, 99) == std::pair<std::size_t, std::size_t>{2, 3});
  CHECK(v.to_original(99, 99) == std::pair<std::size_t, std::size_t>{3, 3});
  TextView empty = TextView::identity("original", "");
  CHECK(empty.to_original(0, 0) == std::pair<std::size_t, std::size_t>{0, 0});
}
