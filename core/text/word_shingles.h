// Words and word shingles, hashed: what the leakage and feed detectors compare texts by,
// and the words the typo corrector and the classifier read (a view's, TextView::words()).
//
//   std::vector<Word> words;
//   words_of(text, words);                           // letters and digits, case aside
//   std::uint64_t h = shingle_hash(words, i, 3);     // words i, i+1, i+2
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace llmsec {

struct Word {
  std::uint64_t hash;        // of the word's bytes, ASCII letters lower-cased
  std::uint32_t start, end;  // byte offsets into the text (segments are far below 4 GiB)
};

// The words of `text` into `out` (cleared first): runs of letters and digits, where any
// byte above ASCII counts as a letter.
void words_of(std::string_view text, std::vector<Word>& out);

// The hash of the `n` words from `first`, mixed so that its bits are uniform (MinHash
// sketches keep the smallest of them).
std::uint64_t shingle_hash(const std::vector<Word>& words, std::size_t first, std::size_t n);

// shingle_hash(words, i, n) for every i in order, each from the one before in O(1).
void shingle_hashes(const std::vector<Word>& words, std::size_t n, std::vector<std::uint64_t>& out);

}  // namespace llmsec
