#include "core/text/word_shingles.h"

#include <array>

namespace llmsec {
namespace {

// Per byte: the byte with ASCII letters lower-cased, or 0 when it does not belong to a word
// (any byte above ASCII counts as a letter). One table lookup instead of three tests.
constexpr std::array<unsigned char, 256> kWordBytes = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z')
      table[c] = static_cast<unsigned char>(c | 0x20);
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
      table[c] = static_cast<unsigned char>(c);
  }
  return table;
}();

// A 64-bit finaliser (splitmix64's): uniform bits from a few multiplies.
std::uint64_t mix64(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

}  // namespace

void words_of(std::string_view text, std::vector<Word>& out) {
  out.clear();
  // Room for words of four letters and a space without growing: a grown vector copies
  // itself, and a view's words are made anew for every scan.
  out.reserve(text.size() / 5 + 8);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    if (!kWordBytes[bytes[i]]) {
      ++i;
      continue;
    }
    // The word's bytes are packed eight to an integer (a shift per byte, no multiply on
    // the byte path) and each full integer folded into the hash with one multiply.
    const std::size_t start = i;
    std::uint64_t h = 0x9E3779B97F4A7C15ull, packed = 0;
    int packed_bytes = 0;
    for (; i < size; ++i) {
      const unsigned char c = kWordBytes[bytes[i]];
      if (!c) break;
      packed = (packed << 8) | c;
      if (++packed_bytes == 8) {
        h = (h ^ packed) * 0xff51afd7ed558ccdull;
        packed = 0;
        packed_bytes = 0;
      }
    }
    out.push_back({mix64(h ^ packed ^ (static_cast<std::uint64_t>(i - start) << 56)),
                   static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }
}

// A shingle is the polynomial sum of its words' hashes, so that the next one follows from
// the last with one multiply in and one out (shingle_hashes), then mixed.
constexpr std::uint64_t kShingleBase = 0x9E3779B97F4A7C15ull;

std::uint64_t shingle_hash(const std::vector<Word>& words, std::size_t first, std::size_t n) {
  std::uint64_t h = 0;
  for (std::size_t k = first; k < first + n; ++k) h = h * kShingleBase + words[k].hash;
  return mix64(h);
}

void shingle_hashes(const std::vector<Word>& words, std::size_t n,
                    std::vector<std::uint64_t>& out) {
  out.clear();
  if (n == 0 || words.size() < n) return;
  out.reserve(words.size() - n + 1);
  std::uint64_t leading = 1;  // kShingleBase^(n-1): the weight of a shingle's first word
  for (std::size_t k = 1; k < n; ++k) leading *= kShingleBase;
  std::uint64_t h = 0;
  for (std::size_t k = 0; k < n; ++k) h = h * kShingleBase + words[k].hash;
  out.push_back(mix64(h));
  for (std::size_t i = n; i < words.size(); ++i) {
    h = (h - words[i - n].hash * leading) * kShingleBase + words[i].hash;
    out.push_back(mix64(h));
  }
}

}  // namespace llmsec
