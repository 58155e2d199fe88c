#include "core/text/normalizer.h"

#include <algorithm>
#include <memory>

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/text/byte_vectors.h"
#include "core/text/unicode.h"
#include "core/text/utf8.h"

namespace llmsec {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_line_break(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCCasefoldInstance(status);
  }();
  return *instance;
}

// Which of bytes [i, i + 16) begin whitespace that normalising collapses: a control
// character other than a line break, or a space or control followed by another. Byte
// i + 16 must exist.
Mask whitespace_to_collapse(std::string_view text, std::size_t i) {
  const Bytes here = load16(text, i), next = load16(text, i + 1);
  return ((here < ' ') & (here != '\n')) | ((here <= ' ') & (next <= ' '));
}

NormalizedViews ascii_views(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = ascii_lower(c);
  // Lower-casing maps byte for byte; only whitespace that collapses (a run of two or
  // more, or a tab, carriage return, form feed or vertical tab) breaks the map. Sixteen
  // bytes at a time are checked for any of those with vector compares; prose rarely has one.
  TextViewBuilder b("normalized");
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 17 <= text.size() && !any(whitespace_to_collapse(text, i))) {
      i += 16;
      continue;
    }
    const std::size_t stop = std::min(text.size(), i + 16);
    for (; i < stop; ++i) {
      if (!is_ascii_space(text[i])) continue;
      std::size_t j = i + 1;
      bool line_break = text[i] == '\n';
      while (j < text.size() && is_ascii_space(text[j])) line_break |= text[j++] == '\n';
      if (j - i > 1 || (text[i] != ' ' && text[i] != '\n')) {
        b.append_one_to_one(std::string_view(lower).substr(copied, i - copied), copied);
        b.append_replacement(line_break ? "\n" : " ", i, j);
        copied = j;
      }
      i = j - 1;
    }
  }
  b.append_one_to_one(std::string_view(lower).substr(copied), copied);
  return {std::move(b).build(), std::nullopt};
}

// Code points whose look-alikes matter: Latin extensions, IPA, Greek, Cyrillic, Armenian
// and the phonetic and Greek extensions. CJK, Indic, Arabic... are never folded to Latin.
bool may_look_latin(char32_t c) {
  return c < 0x0590 || (c >= 0x1D00 && c < 0x2000);
}

// The skeleton view, built from the normalised view: each non-ASCII code point whose
// UTS #39 skeleton is ASCII becomes that ASCII; nullopt when none does.
std::optional<TextView> skeleton_view(const TextView& normalized) {
  const std::string_view text = normalized.text();
  TextViewBuilder b("skeleton");
  bool differs = false;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      i = next_beyond_ascii(text, i);
      continue;
    }
    const char32_t c = next_code_point(text, i);
    if (!may_look_latin(c)) continue;
    const std::string& skeleton = confusable_skeleton(c);
    if (skeleton.empty() || !is_ascii(skeleton)) continue;
    std::string lower = skeleton;
    for (char& ch : lower) ch = ascii_lower(ch);
    b.append_from(normalized, copied, start);
    const auto [os, oe] = normalized.to_original(start, i);
    b.append_replacement(lower, os, oe);
    copied = i;
    differs = true;
  }
  if (!differs) return std::nullopt;
  b.append_from(normalized, copied, text.size());
  return std::move(b).build();
}

// NFKC_Casefold of valid UTF-8 into `out`, mapped back to `text`. ASCII only lower-cases
// and never composes with what follows it, so ICU folds only the runs beyond ASCII, each
// with the one character before it (which a combining mark may compose with): prose with
// a few curly quotes costs little more than ASCII.
void fold_beyond_ascii(std::string_view text, TextViewBuilder& out) {
  std::string lower, folded;
  const auto copy_ascii = [&](std::size_t start, std::size_t end) {
    if (end <= start) return;
    lower.assign(text.substr(start, end - start));
    for (char& c : lower) c = ascii_lower(c);
    out.append_one_to_one(lower, start);
  };
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      i = next_beyond_ascii(text, i);
      continue;
    }
    std::size_t start = i > copied ? i - 1 : i;  // the character before, when not folded yet
    std::size_t end = i;
    while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
    copy_ascii(copied, start);
    folded.clear();
    icu::StringByteSink<std::string> sink(&folded);
    icu::Edits edits;
    UErrorCode status = U_ZERO_ERROR;
    const std::string_view run = text.substr(start, end - start);
    nfkc_casefold().normalizeUTF8(0, icu::StringPiece(run.data(), static_cast<int32_t>(run.size())),
                                  sink, &edits, status);
    if (U_FAILURE(status)) {
      out.append_replacement(run, start, end);
    } else {
      auto it = edits.getFineIterator();
      while (it.next(status)) {
        const auto old_start = start + static_cast<std::size_t>(it.sourceIndex());
        const auto old_end = old_start + static_cast<std::size_t>(it.oldLength());
        if (!it.hasChange()) {
          out.append_copy(text, old_start, old_end);
        } else {
          out.append_replacement(
              std::string_view(folded).substr(static_cast<std::size_t>(it.destinationIndex()),
                                              static_cast<std::size_t>(it.newLength())),
              old_start, old_end);
        }
      }
    }
    copied = i = end;
  }
  copy_ascii(copied, text.size());
}

}  // namespace

NormalizedViews normalize_views(std::string_view text) {
  if (is_ascii(text)) return ascii_views(text);
  // NFKC_Casefold, which also drops every default-ignorable character (joiners, bidi
  // controls, tags, selectors...); a few invisibles that are not default-ignorable are
  // dropped below.
  TextViewBuilder nfkc("nfkc");
  if (is_valid_utf8(text)) {
    fold_beyond_ascii(text, nfkc);
  } else {
    // Invalid UTF-8: each code point on its own, invalid bytes as U+FFFD.
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t start = i;
      const char32_t c = next_code_point(text, i);
      std::string one;
      append_utf8(one, c);
      std::string out;
      icu::StringByteSink<std::string> one_sink(&out);
      UErrorCode one_status = U_ZERO_ERROR;
      nfkc_casefold().normalizeUTF8(0, one, one_sink, nullptr, one_status);
      nfkc.append_replacement(U_SUCCESS(one_status) ? out : one, start, i);
    }
  }
  const TextView folded_view = std::move(nfkc).build();

  // Whitespace collapsed, and the invisibles NFKC_Casefold keeps (U+180E) dropped. After
  // NFKC every space but these few is U+0020.
  const auto is_space = [](char32_t c) {
    return c < 0x80 ? is_ascii_space(static_cast<char>(c))
                    : c == 0x85 || c == 0x1680 || c == 0x2028 || c == 0x2029;
  };
  const auto is_gap = [&](char32_t c) { return is_space(c) || c == 0x180E; };
  const std::string_view f = folded_view.text();
  TextViewBuilder normalized("normalized");
  std::size_t copied = 0;
  for (std::size_t i = 0; i < f.size();) {
    // Sixteen bytes with no gap to collapse or drop (ASCII, and spaces that stand alone)
    // at a time, as in ascii_views.
    if (i + 17 <= f.size() && !any(whitespace_to_collapse(f, i) | (load16(f, i) >= 0x80))) {
      i += 16;
      continue;
    }
    const std::size_t start = i;
    const unsigned char lead = static_cast<unsigned char>(f[i]);
    if (lead > ' ' && lead < 0x80) {
      ++i;
      continue;
    }
    const char32_t c = next_code_point(f, i);
    if (!is_gap(c)) continue;
    std::size_t end = i;
    bool line_break = is_line_break(c), space = is_space(c);
    for (std::size_t j = end; j < f.size();) {
      const char32_t d = next_code_point(f, j);
      if (!is_gap(d)) break;
      line_break |= is_line_break(d);
      space |= is_space(d);
      end = j;
    }
    if (end - start == 1 && f[start] == ' ') continue;
    normalized.append_from(folded_view, copied, start);
    const auto [os, oe] = folded_view.to_original(start, end);
    normalized.append_replacement(!space ? "" : line_break ? "\n" : " ", os, oe);
    copied = end;
    i = end;
  }
  normalized.append_from(folded_view, copied, f.size());
  NormalizedViews views{std::move(normalized).build(), std::nullopt};
  views.skeleton = skeleton_view(views.normalized);
  return views;
}

}  // namespace llmsec
