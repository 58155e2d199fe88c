// Hexadecimal text and bytes, both ways.
//
//   std::array<std::uint8_t, 16> key;
//   if (decode_hex("000102030405060708090a0b0c0d0e0f", key)) ...   // exactly 2 * key.size() digits
//   std::string text = encode_hex(key);                              // lower case
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace llmsec {

// Fills `out` from exactly 2 * out.size() hex digits (either case); false otherwise.
bool decode_hex(std::string_view hex, std::span<std::uint8_t> out);
std::string encode_hex(std::span<const std::uint8_t> bytes);

}  // namespace llmsec
