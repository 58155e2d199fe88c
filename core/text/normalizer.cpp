#include "core/text/normalizer.h"

#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/text/unicode.h"

namespace llmsec {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_line_break(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCCasefoldInstance(status);
  }();
  return *instance;
}

// Appends a whitespace run [start, end) as one separator.
void append_space(TextViewBuilder& b, std::string_view text, std::size_t start, std::size_t end,
                  bool line_break) {
  if (end - start == 1 && text[start] == ' ') b.append_one_to_one(" ", start);
  else b.append_replacement(line_break ? "\n" : " ", start, end);
}

NormalizedViews ascii_views(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = ascii_lower(c);
  // Lower-casing maps byte for byte; only whitespace that collapses (a run, or a tab or a
  // line break) breaks the map. All ASCII whitespace is at or below ' ', so the common
  // case is one comparison a byte.
  TextViewBuilder b("normalized");
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) > ' ' || !is_ascii_space(text[i])) continue;
    std::size_t j = i + 1;
    bool line_break = text[i] == '\n';
    while (j < text.size() && is_ascii_space(text[j])) line_break |= text[j++] == '\n';
    if (j - i > 1 || text[i] != ' ') {
      b.append_one_to_one(std::string_view(lower).substr(copied, i - copied), copied);
      b.append_replacement(line_break ? "\n" : " ", i, j);
      copied = j;
    }
    i = j - 1;
  }
  b.append_one_to_one(std::string_view(lower).substr(copied), copied);
  return {std::move(b).build(), std::nullopt};
}

bool dropped(char32_t c) {
  return is_invisible(c) || is_bidi_control(c) || is_tag(c) || is_variation_selector(c) ||
         is_joiner(c) || c == 0x200E || c == 0x200F || c == 0x061C;
}

}  // namespace

NormalizedViews normalize_views(std::string_view text) {
  if (is_ascii(text)) return ascii_views(text);
  const icu::Normalizer2& nfkc = nfkc_casefold();
  TextViewBuilder normalized("normalized");
  TextViewBuilder skeleton("skeleton");
  bool skeleton_differs = false;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (c < 0x80 && !is_ascii_space(static_cast<char>(c)) &&
        (i == text.size() || static_cast<unsigned char>(text[i]) < 0x80)) {
      const char lower = ascii_lower(static_cast<char>(c));
      normalized.append_one_to_one(std::string_view(&lower, 1), start);
      skeleton.append_one_to_one(std::string_view(&lower, 1), start);
      continue;
    }
    if (is_white_space(c)) {
      bool line_break = is_line_break(c);
      for (std::size_t j = i; j < text.size();) {
        const char32_t d = next_code_point(text, j);
        if (!is_white_space(d)) break;
        line_break |= is_line_break(d);
        i = j;
      }
      append_space(normalized, text, start, i, line_break);
      append_space(skeleton, text, start, i, line_break);
      continue;
    }
    if (dropped(c)) {
      normalized.append_replacement("", start, i);
      skeleton.append_replacement("", start, i);
      continue;
    }
    // A normalisation chunk: this code point and the ones that combine with it.
    for (std::size_t j = i; j < text.size();) {
      const char32_t d = next_code_point(text, j);
      if (nfkc.hasBoundaryBefore(static_cast<UChar32>(d)) || dropped(d)) break;
      i = j;
    }
    const std::string_view chunk = text.substr(start, i - start);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded =
        nfkc.normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(chunk.data(),
                                                                     static_cast<int32_t>(chunk.size()))),
                       status);
    out.clear();
    if (U_SUCCESS(status)) folded.toUTF8String(out);
    else out.assign(chunk);
    if (out == chunk) normalized.append_copy(text, start, i);
    else normalized.append_replacement(out, start, i);

    if (!is_ascii(out)) {
      const std::string& skeleton_chunk = confusable_skeleton(out);
      if (is_ascii(skeleton_chunk) && !skeleton_chunk.empty()) {
        std::string lower = skeleton_chunk;
        for (char& ch : lower) ch = ascii_lower(ch);
        skeleton.append_replacement(lower, start, i);
        skeleton_differs = true;
        continue;
      }
    }
    if (out == chunk) skeleton.append_copy(text, start, i);
    else skeleton.append_replacement(out, start, i);
  }
  NormalizedViews views{std::move(normalized).build(), std::nullopt};
  if (skeleton_differs) views.skeleton = std::move(skeleton).build();
  return views;
}

}  // namespace llmsec
