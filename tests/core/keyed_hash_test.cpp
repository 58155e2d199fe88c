#include <catch2/catch.hpp>

#include "core/keyed_hash.h"
#include "core/redaction.h"

using namespace llmsec;

TEST_CASE("SipHash-2-4 matches the reference test vectors", "[core][hash]") {
  const KeyedHashKey key = *parse_keyed_hash_key("000102030405060708090a0b0c0d0e0f");
  std::string message;
  CHECK(siphash24(key, message) == 0x726fdb47dd0e0e31ULL);
  for (int i = 0; i < 15; ++i) message += static_cast<char>(i);
  CHECK(siphash24(key, message) == 0xa129ca6149be45e5ULL);
  CHECK_FALSE(parse_keyed_hash_key("0001"));
  CHECK_FALSE(parse_keyed_hash_key("zz0102030405060708090a0b0c0d0e0f"));
}

TEST_CASE("hash redactions link equal values without revealing them", "[core][hash]") {
  const KeyedHashKey key = *parse_keyed_hash_key("8f0e1d2c3b4a59687766554433221100");
  const KeyedHashKey other = *parse_keyed_hash_key("00112233445566778899aabbccddeeff");
  auto tag = [](const std::string& text, const KeyedHashKey& k) {
    return apply_redactions(text, {{.start = 0,
                                    .end = text.size(),
                                    .replacement = "EMAIL",
                                    .op = RedactOperator::kHash,
                                    .hash_key = k}});
  };
  const std::string a = tag("jane@example.org", key);
  CHECK_THAT(a, Catch::Matches(R"(\[EMAIL:[0-9a-f]{16}\])"));
  CHECK(tag("jane@example.org", key) == a);
  CHECK(tag("john@example.org", key) != a);
  CHECK(tag("jane@example.org", other) != a);
}
