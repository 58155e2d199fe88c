// Sixteen bytes at a time, with GCC/Clang vector extensions (SSE2 on x86-64, NEON on ARM):
// the fast paths of canonicalisation use them to skip the bytes that need no work.
//
//   const Bytes v = load16(text, i);
//   if (!any((v < ' ') | (v == '.'))) { i += 16; continue; }
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace llmsec {

typedef unsigned char Bytes __attribute__((vector_size(16)));
// What comparing Bytes gives: each lane all ones (true) or all zeros.
typedef signed char Mask __attribute__((vector_size(16)));

// Bytes text[at, at + 16); the caller makes sure they exist.
inline Bytes load16(std::string_view text, std::size_t at) {
  Bytes v;
  std::memcpy(&v, text.data() + at, sizeof v);
  return v;
}

// True when any lane of a comparison result is set.
inline bool any(Mask mask) {
  unsigned long long halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

// How many lanes of a comparison result are set.
inline int count(Mask mask) {
  unsigned long long halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return (__builtin_popcountll(halves[0]) + __builtin_popcountll(halves[1])) / 8;
}

// True when all eight lanes of either half are set.
inline bool any_half_full(Mask mask) {
  unsigned long long halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return halves[0] == ~0ULL || halves[1] == ~0ULL;
}

// Calls f(lane) for each set lane of a mask, lowest first.
template <class F>
inline void for_each_set_lane(Mask mask, F f) {
  unsigned long long halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  for (int h = 0; h < 2; ++h) {
    for (unsigned long long bits = halves[h]; bits != 0;) {
      const int lane = __builtin_ctzll(bits) / 8;
      f(h * 8 + lane);
      bits &= ~(0xFFULL << (lane * 8));
    }
  }
}

// Where the next byte beyond ASCII is, from `i` on (text.size() when there is none):
// sixteen bytes at a time, since prose has few.
inline std::size_t next_beyond_ascii(std::string_view text, std::size_t i) {
  while (i + 16 <= text.size() && !any(load16(text, i) >= 0x80)) i += 16;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace llmsec
