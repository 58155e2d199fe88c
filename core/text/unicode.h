// Small Unicode helpers shared by canonicalisation and the evasion detector.
//
//   std::size_t i = 0;
//   char32_t c = next_code_point(text, i);   // advances i; U+FFFD for invalid bytes
//   if (is_bidi_control(c)) ...
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace llmsec {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point at `i` and advances `i` past it; an invalid sequence yields
// U+FFFD and advances past the invalid bytes. ASCII is decoded inline.
char32_t next_code_point_beyond_ascii(std::string_view text, std::size_t& i);
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto first = static_cast<unsigned char>(text[i]);
  if (first < 0x80) {
    ++i;
    return first;
  }
  return next_code_point_beyond_ascii(text, i);
}
void append_utf8(std::string& out, char32_t c);
bool is_ascii(std::string_view text);

// LRE, RLE, PDF, LRO, RLO (U+202A-202E) and LRI, RLI, FSI, PDI (U+2066-2069).
bool is_bidi_control(char32_t c);
bool is_bidi_override_or_isolate(char32_t c);  // LRO, RLO, LRI, RLI, FSI
// Unicode tag characters U+E0000-E007F.
inline bool is_tag(char32_t c) {
  return c >= 0xE0000 && c <= 0xE007F;
}
inline bool is_variation_selector(char32_t c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}
inline bool is_joiner(char32_t c) {
  return c == 0x200C || c == 0x200D;
}  // ZWNJ, ZWJ
// Characters that render as nothing and have no legitimate use inside a word: zero-width
// space, word joiner, soft hyphen, BOM, invisible math operators, Mongolian vowel separator.
bool is_invisible(char32_t c);

// ASCII is told apart inline: prose is mostly ASCII, and these run once per character.
inline bool is_ascii_letter(char32_t c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
bool is_letter_beyond_ascii(char32_t c);
inline bool is_letter(char32_t c) {
  return c < 0x80 ? is_ascii_letter(c) : is_letter_beyond_ascii(c);
}

// The UTS #39 confusable skeleton of one code point (ICU USpoofChecker), memoised per
// thread: the same few look-alike characters come up again and again.
const std::string& confusable_skeleton(char32_t c);
// True when `c` is not ASCII but its skeleton is ASCII: Cyrillic "а", Greek "ο", ...
bool looks_like_ascii(char32_t c);

// Latin, Cyrillic and Greek: the scripts whose look-alikes mix into Latin words.
enum class LookAlikeScript { kNone, kLatin, kCyrillic, kGreek, kOther };
LookAlikeScript look_alike_script_beyond_ascii(char32_t c);
inline LookAlikeScript look_alike_script(char32_t c) {
  if (c >= 0x80) return look_alike_script_beyond_ascii(c);
  return is_ascii_letter(c) ? LookAlikeScript::kLatin : LookAlikeScript::kNone;
}
// A letter of Latin, Cyrillic or Greek (what a leet digit stands in for, what a word that
// hides an invisible character is made of).
inline bool is_look_alike_letter(char32_t c) {
  const LookAlikeScript s = look_alike_script(c);
  return s == LookAlikeScript::kLatin || s == LookAlikeScript::kCyrillic ||
         s == LookAlikeScript::kGreek;
}

}  // namespace llmsec
