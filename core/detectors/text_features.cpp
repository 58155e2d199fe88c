#include "core/detectors/text_features.h"

#include <cstddef>

namespace llmsec {
namespace {

// FNV-1a, seeded per feature kind so that a word and a 4-gram never share a hash by design.
std::uint32_t fnv1a(std::string_view bytes, std::uint32_t seed) {
  std::uint32_t h = 2166136261u ^ seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// A 32-bit finaliser (from MurmurHash3's fmix32 constants): spreads four packed bytes over
// all buckets.
std::uint32_t mix(std::uint32_t h) {
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h;
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'';
}

}  // namespace

void hashed_features(std::string_view text, int bits, std::vector<std::uint32_t>& out) {
  out.clear();
  const std::uint32_t mask = (1u << bits) - 1;
  // Each feature counts once: a long text that repeats itself must not score higher than
  // the text once. A per-thread bitset remembers what was seen; only its touched words are
  // cleared afterwards, so the cost stays linear in the text.
  thread_local std::vector<std::uint64_t> seen;
  if (seen.size() < (std::size_t{1} << bits) / 64 + 1)
    seen.assign((std::size_t{1} << bits) / 64 + 1, 0);
  const auto add = [&](std::uint32_t feature) {
    std::uint64_t& word = seen[feature >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (feature & 63);
    if (word & bit) return;
    word |= bit;
    out.push_back(feature);
  };
  // Words met before in this text, in a small direct-mapped cache: a repeated word's own
  // features are in already, so it adds only its bigram. Most words of prose repeat, and
  // their 4-grams are most of the work. The cache only skips work: a word it forgot is
  // hashed again, to the same features.
  constexpr std::size_t kCachedWords = 4096;
  thread_local std::vector<std::uint64_t> cached_words(kCachedWords, 0);
  thread_local std::vector<std::uint32_t> cached_slots_used;
  std::vector<std::uint64_t>& cached = cached_words;  // bound once: no TLS lookup per word
  std::vector<std::uint32_t>& cached_slots = cached_slots_used;
  cached_slots.clear();
  std::uint32_t previous = 0;  // the hash of the previous word, 0 before the first
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
    const std::string_view word = text.substr(i, j - i);
    const std::uint32_t word_hash = fnv1a(word, 1);
    add(word_hash & mask);
    if (previous != 0) add((word_hash * 31u + previous * 16777619u + 2u) & mask);
    previous = word_hash | 1u;
    i = j;
    // The word's identity: its hash, length and last bytes (never 0, the empty slot).
    std::uint32_t last = 0;
    for (std::size_t k = word.size() > 4 ? word.size() - 4 : 0; k < word.size(); ++k)
      last = (last << 8) | static_cast<unsigned char>(word[k]);
    const std::uint64_t identity =
        (std::uint64_t{word_hash} << 32 | (last ^ static_cast<std::uint32_t>(word.size()))) | 1u;
    const std::uint32_t slot = mix(word_hash) & (kCachedWords - 1);
    if (cached[slot] == identity) continue;
    if (cached[slot] == 0) cached_slots.push_back(slot);
    cached[slot] = identity;
    // Character 4-grams of the word with a space at each end: survive typos and
    // inflections. The four bytes roll through one integer.
    if (word.size() >= 3) {
      std::uint32_t gram = ' ';
      for (std::size_t k = 0; k < word.size(); ++k) {
        gram = (gram << 8) | static_cast<unsigned char>(word[k]);
        if (k >= 2) add(mix(gram ^ 0x5bd1e995u) & mask);
      }
      add(mix(((gram << 8) | ' ') ^ 0x5bd1e995u) & mask);
    }
  }
  for (std::uint32_t feature : out) seen[feature >> 6] = 0;
  for (std::uint32_t slot : cached_slots) cached[slot] = 0;
}

}  // namespace llmsec
