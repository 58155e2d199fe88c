#include "core/detectors/text_features.h"

#include <cstddef>

namespace llmsec {
namespace {

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

// ASCII letters lower-cased, as the word's hash has them (views of decoded text keep case).
unsigned char lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c;
}

}  // namespace

void hashed_features(std::string_view text, int bits, std::vector<std::uint32_t>& out) {
  thread_local std::vector<Word> words;
  words_of(text, words);
  hashed_features(text, words, bits, out);
}

void hashed_features(std::string_view text, std::span<const Word> words, int bits,
                     std::vector<std::uint32_t>& out) {
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
  for (const Word& w : words) {
    const auto word_hash = static_cast<std::uint32_t>(w.hash);
    add(word_hash & mask);
    if (previous != 0) add((word_hash * 31u + previous * 16777619u + 2u) & mask);
    previous = word_hash | 1u;
    // The word's identity: its 64-bit hash (never 0, the empty slot).
    const std::uint64_t identity = w.hash | 1u;
    const auto slot = static_cast<std::uint32_t>(w.hash >> 32) & (kCachedWords - 1);
    if (cached[slot] == identity) continue;
    if (cached[slot] == 0) cached_slots.push_back(slot);
    cached[slot] = identity;
    // Character 4-grams of the word with a space at each end: survive typos and
    // inflections. The four bytes roll through one integer.
    if (w.end - w.start >= 3) {
      std::uint32_t gram = ' ';
      for (std::size_t k = w.start; k < w.end; ++k) {
        gram = (gram << 8) | lower(static_cast<unsigned char>(text[k]));
        if (k >= w.start + 2) add(mix(gram ^ 0x5bd1e995u) & mask);
      }
      add(mix(((gram << 8) | ' ') ^ 0x5bd1e995u) & mask);
    }
  }
  for (std::uint32_t feature : out) seen[feature >> 6] = 0;
  for (std::uint32_t slot : cached_slots) cached[slot] = 0;
}

}  // namespace llmsec
