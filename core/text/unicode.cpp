#include "core/text/unicode.h"

#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

namespace llmsec {

char32_t next_code_point_beyond_ascii(std::string_view text, std::size_t& i) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s, offset, static_cast<int32_t>(text.size()), c);
  i = static_cast<std::size_t>(offset);
  return c < 0 ? kReplacementCharacter : static_cast<char32_t>(c);
}

void append_utf8(std::string& out, char32_t c) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, static_cast<UChar32>(c), error);
  if (error) {
    out += "\xEF\xBF\xBD";
    return;
  }
  out.append(buffer, static_cast<std::size_t>(length));
}

bool is_ascii(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool is_bidi_override_or_isolate(char32_t c) {
  return c == 0x202D || c == 0x202E || (c >= 0x2066 && c <= 0x2068);
}

bool is_invisible(char32_t c) {
  switch (c) {
    case 0x200B:  // zero-width space
    case 0x2060:  // word joiner
    case 0x00AD:  // soft hyphen
    case 0xFEFF:  // zero-width no-break space (BOM)
    case 0x180E:  // Mongolian vowel separator
    case 0x2061:
    case 0x2062:
    case 0x2063:
    case 0x2064:  // invisible math operators
      return true;
    default:
      return false;
  }
}

bool is_letter_beyond_ascii(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c));
}

namespace {

const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    return U_SUCCESS(status) ? c : nullptr;
  }();
  return checker;
}

}  // namespace

const std::string& confusable_skeleton(char32_t c) {
  thread_local std::unordered_map<char32_t, std::string> cache;
  auto it = cache.find(c);
  if (it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  std::string utf8;
  append_utf8(utf8, c);
  std::string skeleton = utf8;
  if (const USpoofChecker* checker = spoof_checker()) {
    char buffer[64];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = uspoof_getSkeletonUTF8(
        checker, 0, utf8.data(), static_cast<int32_t>(utf8.size()), buffer, sizeof buffer, &status);
    if (U_SUCCESS(status)) skeleton.assign(buffer, static_cast<std::size_t>(length));
  }
  return cache.emplace(c, std::move(skeleton)).first->second;
}

bool looks_like_ascii(char32_t c) {
  if (c < 0x80) return false;
  const std::string& skeleton = confusable_skeleton(c);
  return !skeleton.empty() && is_ascii(skeleton);
}

LookAlikeScript look_alike_script_beyond_ascii(char32_t c) {
  if (!u_isalpha(static_cast<UChar32>(c))) return LookAlikeScript::kNone;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_LATIN:
      return LookAlikeScript::kLatin;
    case USCRIPT_CYRILLIC:
      return LookAlikeScript::kCyrillic;
    case USCRIPT_GREEK:
      return LookAlikeScript::kGreek;
    default:
      return LookAlikeScript::kOther;
  }
}

}  // namespace llmsec
