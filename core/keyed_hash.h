// SipHash-2-4: a keyed hash for redaction tags that link equal values without revealing
// them ("[EMAIL:5f2a9c1e7b3d4a60]" for the same address in every request of a
// deployment). Without the 128-bit key, a tag cannot be matched against guesses.
//
//   KeyedHashKey key = *parse_keyed_hash_key("000102030405060708090a0b0c0d0e0f");
//   std::uint64_t h = siphash24(key, "jane@example.org");
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace llmsec {

using KeyedHashKey = std::array<std::uint8_t, 16>;

// 32 hexadecimal digits, or nullopt.
std::optional<KeyedHashKey> parse_keyed_hash_key(std::string_view hex);

std::uint64_t siphash24(const KeyedHashKey& key, std::string_view data);

// 16 lower-case hex digits of siphash24.
std::string keyed_hash_hex(const KeyedHashKey& key, std::string_view data);

}  // namespace llmsec
