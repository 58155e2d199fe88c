// Hashed text features for the linear classifier: word unigrams and bigrams and character
// 4-grams inside words (the words of word_shingles.h), each hashed into 2^bits buckets. The
// trainer and the detector both compute them here, so a model always sees the features it
// was trained on.
//
//   std::vector<std::uint32_t> f;
//   hashed_features(normalized_text, 18, f);   // each feature once, in order of first use
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/text/word_shingles.h"

namespace llmsec {

void hashed_features(std::string_view text, int bits, std::vector<std::uint32_t>& out);

// The same from words of `text` made before (a view's words, or a run of them).
void hashed_features(std::string_view text, std::span<const Word> words, int bits,
                     std::vector<std::uint32_t>& out);

}  // namespace llmsec
