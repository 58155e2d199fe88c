#include "core/text/utf8.h"

#include <cstdint>
#include <cstring>

namespace llmsec {
namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one
// (overlongs, surrogates and code points above U+10FFFF included).
std::size_t valid_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t length;
  std::uint8_t low = 0x80, high = 0xBF;  // range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF)
    length = 2;
  else if (b0 == 0xE0)
    length = 3, low = 0xA0;
  else if (b0 >= 0xE1 && b0 <= 0xEC)
    length = 3;
  else if (b0 == 0xED)
    length = 3, high = 0x9F;
  else if (b0 >= 0xEE && b0 <= 0xEF)
    length = 3;
  else if (b0 == 0xF0)
    length = 4, low = 0x90;
  else if (b0 >= 0xF1 && b0 <= 0xF3)
    length = 4;
  else if (b0 == 0xF4)
    length = 4, high = 0x8F;
  else
    return 0;
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    // Eight ASCII bytes at a time: most text is mostly ASCII.
    if (std::uint64_t block; i + 8 <= bytes.size()) {
      std::memcpy(&block, bytes.data() + i, 8);
      if ((block & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t n = valid_sequence_length(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string scrub_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  bool in_invalid = false;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = valid_sequence_length(bytes, i);
    if (n == 0) {
      if (!in_invalid) out += "\xEF\xBF\xBD";
      in_invalid = true;
      ++i;
      continue;
    }
    in_invalid = false;
    out.append(bytes.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace llmsec
