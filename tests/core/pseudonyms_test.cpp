#include <catch2/catch.hpp>

#include "core/pseudonyms.h"
#include "core/redaction.h"

using namespace llmsec;

TEST_CASE("the same value gets the same placeholder within an exchange", "[core][pseudonyms]") {
  Pseudonyms names;
  CHECK(names.placeholder("EMAIL", "jane@example.org") == "[EMAIL_1]");
  CHECK(names.placeholder("EMAIL", "bob@example.org") == "[EMAIL_2]");
  CHECK(names.placeholder("EMAIL", "jane@example.org") == "[EMAIL_1]");
  CHECK(names.placeholder("PHONE", "+1 415 555 0132") == "[PHONE_1]");
  CHECK(names.restore("Write [EMAIL_2], cc [EMAIL_1], call [PHONE_1], not [EMAIL_9] or [x") ==
        "Write bob@example.org, cc jane@example.org, call +1 415 555 0132, not [EMAIL_9] or [x");
}

TEST_CASE("pseudonym redactions write placeholders the answer can be restored from",
          "[core][pseudonyms]") {
  const std::string text = "Mail zoë@example.fr today";
  Pseudonyms names;
  const std::string sent = apply_redactions(
      text, {{.start = 5, .end = 20, .replacement = "EMAIL", .op = RedactOperator::kPseudonym}},
      &names);
  CHECK(sent == "Mail [EMAIL_1] today");
  CHECK(names.restore(sent) == text);
  // Without an exchange to remember it, a pseudonym is a plain tag.
  CHECK(apply_redactions(
            text,
            {{.start = 5, .end = 20, .replacement = "EMAIL", .op = RedactOperator::kPseudonym}}) ==
        "Mail [EMAIL] today");
}

TEST_CASE("a streamed answer is restored whatever the split, holding back little",
          "[core][pseudonyms]") {
  Pseudonyms names;
  names.placeholder("EMAIL", "jane@example.org");
  names.placeholder("CREDIT_CARD", "4111 1111 1111 1111");
  const std::string answer =
      "Sure [EMAIL_1]! Card [CREDIT_CARD_1] is noted; [EMAIL_1] again, [brackets] stay.";
  const std::string expected = names.restore(answer);
  for (std::size_t a = 0; a <= answer.size(); ++a) {
    for (std::size_t b = a; b <= answer.size(); b += 7) {
      StreamRestorer stream(names);
      std::string out = stream.push(answer.substr(0, a));
      CHECK(stream.held_back() <= names.longest());
      out += stream.push(answer.substr(a, b - a));
      CHECK(stream.held_back() <= names.longest());
      out += stream.push(answer.substr(b));
      out += stream.finish();
      REQUIRE(out == expected);
    }
  }
}
