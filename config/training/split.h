// The fixed split of the development data shared by the trainer and the feed builder: a
// row is held out by a hash of its text, so the split never changes between runs and a
// row held out of the model is held out of the feed too.
#pragma once

#include <cstdint>
#include <string_view>

namespace llmsec::training {

inline std::uint32_t split_hash(std::string_view text) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  return h;
}

inline bool held_out(std::string_view text, int holdout_percent) {
  return static_cast<int>(split_hash(text) % 100) < holdout_percent;
}

}  // namespace llmsec::training
