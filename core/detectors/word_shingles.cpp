#include "core/detectors/word_shingles.h"

namespace llmsec {

void words_of(std::string_view text, std::vector<Word>& out) {
  out.clear();
  // Plain ASCII tests, not <cctype>'s: they are inlined and ignore the locale.
  const auto word_byte = [](unsigned char c) {
    return (c | 0x20) - 'a' < 26u || c - '0' < 10u || c >= 0x80;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (!word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    const std::size_t start = i;
    for (; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (!word_byte(c)) break;
      if (c - 'A' < 26u) c |= 0x20;
      h = (h ^ c) * 1099511628211ull;
    }
    out.push_back({h, start, i});
  }
}

std::uint64_t shingle_hash(const std::vector<Word>& words, std::size_t first, std::size_t n) {
  std::uint64_t h = 0;
  for (std::size_t k = first; k < first + n; ++k) h = h * 1000003ull ^ words[k].hash;
  // splitmix64's finaliser
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

}  // namespace llmsec
