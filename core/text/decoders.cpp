#include "core/text/decoders.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_set>

#include <unicode/uchar.h>

#include "core/text/unicode.h"
#include "core/text/utf8.h"

namespace llmsec {
namespace {

constexpr std::size_t kMinEncodedLength = 16;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '-' || c == '_';
}

std::optional<std::string> decode_base64(std::string_view in) {
  static const std::array<int8_t, 256> table = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
    t['-'] = 62;  // base64url
    t['_'] = 63;
    return t;
  }();
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> decode_base32(std::string_view in) {
  std::string out;
  std::uint64_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= '2' && c <= '7') v = c - '2' + 26;
    else return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint64_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_hex_digits(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out += static_cast<char>(hex_value(digits[i]) * 16 + hex_value(digits[i + 1]));
  return out;
}

// How much a clause reads as language: the share of its words that are among the most
// common words of English and a few other Latin-script languages, plus a little for
// common letter pairs. ROT13 and reversed text score near zero until transformed back.
double language_likeness(std::string_view text) {
  static const std::unordered_set<std::string_view> common_words = {
      "the", "and", "to", "of", "a", "in", "is", "you", "that", "it", "for", "on", "with", "as",
      "are", "be", "this", "your", "all", "not", "or", "have", "from", "by", "at", "an", "what",
      "me", "my", "i", "do", "will", "can", "if", "so", "no", "now", "we", "they", "he", "she",
      "was", "were", "tell", "say", "how", "any", "only", "about", "then", "them", "there",
      "their", "but", "just", "like", "more", "new", "must", "should", "would", "could", "give",
      "make", "write", "show", "use", "here", "when", "who", "why", "which", "one", "out", "up",
      "into", "our", "us", "its", "his", "her", "has", "had", "been", "am", "did", "does", "get",
      "please", "help", "know", "want", "need", "every", "other", "some", "than", "very",
      "everything", "anything", "nothing", "above", "below", "before", "after", "print",
      "following", "first", "said", "see", "way", "well", "back", "over", "because", "these",
      "der", "die", "das", "und", "ist", "nicht", "ich", "du", "sie", "ein", "eine", "zu", "mit",
      "le", "la", "les", "et", "est", "un", "une", "des", "pas", "vous", "je", "que", "qui",
      "el", "los", "las", "y", "es", "una", "por", "para", "con", "lo", "tu", "su", "del",
      "alle", "alles", "auf", "dich", "dir", "mir", "mich", "jetzt", "nun", "deine", "dein",
      "neue", "den", "dem", "für", "von", "auch", "wie", "was", "bitte", "sind", "wir", "ihr",
      "aus", "bei", "nach", "oder", "aber", "wenn", "schreibe", "sage", "zeige", "gib",
      "tous", "toutes", "vos", "votre", "tes", "ton", "ta", "dans", "sur", "pour", "avec",
      "maintenant", "moi", "ne", "plus", "au", "aux", "ce", "cette", "il", "elle", "nous",
      "todas", "todos", "ahora", "mi", "tus", "sus", "como", "pero", "más", "muy", "esto",
      "tutte", "tutti", "ora", "il", "di", "che", "non", "per", "sono", "della", "questo",
      "de", "het", "een", "en", "van", "ik", "je", "jij", "niet", "nu", "alle", "voor", "met",
      "você", "seu", "sua", "não", "agora", "uma", "para", "com", "os", "as", "do", "da"};
  std::size_t words = 0, known = 0;
  std::string word;
  auto finish = [&] {
    if (word.empty()) return;
    ++words;
    known += common_words.contains(word);
    word.clear();
  };
  for (char ch : text) {
    const char c = static_cast<char>(ch | 0x20);
    if (c >= 'a' && c <= 'z') word += c;
    else finish();
  }
  finish();
  return words == 0 ? 0.0 : static_cast<double>(known) / static_cast<double>(words);
}

std::string rot13(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + 13) % 26);
  }
  return out;
}

// Reverses by code point, so that reversed multibyte text stays valid UTF-8.
std::string reverse_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    out.append(text.substr(start, end - start));
    end = start;
  }
  return out;
}

void add_if_text(std::vector<DecodedPayload>& out, const char* kind, std::string decoded,
                 std::size_t start, std::size_t end) {
  if (reads_as_text(decoded)) out.push_back({kind, std::move(decoded), start, end});
}

// base64, base64url and base32 runs, and plain hex runs.
void find_alphabet_runs(std::string_view text, std::vector<DecodedPayload>& out) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_base64_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool hex = true, base32 = true, lower = false, digit = false;
    while (j < text.size() && is_base64_char(text[j])) {
      const char c = text[j];
      hex &= hex_value(c) >= 0;
      base32 &= (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
      ++j;
    }
    std::size_t end = j;
    while (end < text.size() && text[end] == '=' && end - j < 6) ++end;
    const std::string_view run = text.substr(i, j - i);
    // Ordinary long words are letters only; an encoded run almost always mixes in digits,
    // both cases or symbols.
    const bool word_like = !digit && std::all_of(run.begin(), run.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '-' || c == '_';
    });
    if (run.size() >= kMinEncodedLength && !word_like) {
      if (hex && run.size() % 2 == 0) {
        add_if_text(out, "hex", decode_hex_digits(run), i, end);
      } else if (base32 && !lower) {
        if (auto d = decode_base32(run)) add_if_text(out, "base32", std::move(*d), i, end);
      }
      if (!hex || run.size() % 2 != 0) {
        if (auto d = decode_base64(run)) add_if_text(out, "base64", std::move(*d), i, end);
      }
    }
    i = end > i ? end : i + 1;
  }
}

// Hex written as \x69\x67... or as space-separated pairs "69 67 6e ...".
void find_spelled_hex(std::string_view text, std::vector<DecodedPayload>& out) {
  for (std::size_t i = 0; i + 3 < text.size();) {
    const bool escaped = text[i] == '\\' && (text[i + 1] == 'x' || text[i + 1] == 'X');
    const bool paired = hex_value(text[i]) >= 0 && hex_value(text[i + 1]) >= 0 &&
                        text[i + 2] == ' ' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n');
    if (!escaped && !paired) {
      ++i;
      continue;
    }
    std::string digits;
    std::size_t j = i;
    while (j + 1 < text.size()) {
      std::size_t k = j;
      if (escaped) {
        if (k + 1 >= text.size() || text[k] != '\\' || (text[k + 1] | 0x20) != 'x') break;
        k += 2;
      }
      if (k + 1 >= text.size() || hex_value(text[k]) < 0 || hex_value(text[k + 1]) < 0) break;
      if (!escaped && k + 2 < text.size() && hex_value(text[k + 2]) >= 0) break;
      digits += text[k];
      digits += text[k + 1];
      j = k + 2;
      if (!escaped) {
        if (j < text.size() && text[j] == ' ') ++j;
        else break;
      }
    }
    if (digits.size() >= kMinEncodedLength) {
      std::size_t end = j;
      while (end > i && text[end - 1] == ' ') --end;
      add_if_text(out, "hex", decode_hex_digits(digits), i, end);
    }
    i = std::max(j, i + 1);
  }
}

// Runs of a short escape form (%XX, &#NN;, \uXXXX) with at most a few plain characters
// between them, decoded as a whole.
template <class Decode>
void find_escape_runs(std::string_view text, std::string_view marker, const char* kind,
                      Decode decode, std::vector<DecodedPayload>& out) {
  std::size_t at = text.find(marker);
  while (at != std::string_view::npos) {
    std::size_t count = 0, end = at;
    for (std::size_t next = at; next != std::string_view::npos && next - end <= 8;
         next = text.find(marker, end)) {
      const std::size_t length = decode.match(text, next);
      if (length == 0) break;
      ++count;
      end = next + length;
    }
    if (count >= 3) {
      std::string decoded = decode.all(text.substr(at, end - at));
      add_if_text(out, kind, std::move(decoded), at, end);
    }
    at = text.find(marker, std::max(end, at + 1));
  }
}

struct PercentDecoding {
  std::size_t match(std::string_view t, std::size_t i) const {
    return i + 2 < t.size() && hex_value(t[i + 1]) >= 0 && hex_value(t[i + 2]) >= 0 ? 3 : 0;
  }
  std::string all(std::string_view t) const {
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (match(t, i)) {
        out += static_cast<char>(hex_value(t[i + 1]) * 16 + hex_value(t[i + 2]));
        i += 2;
      } else {
        out += t[i] == '+' ? ' ' : t[i];
      }
    }
    return out;
  }
};

struct HtmlEntityDecoding {
  std::size_t match(std::string_view t, std::size_t i) const {
    std::size_t j = i + 1;
    if (j < t.size() && t[j] == '#') {
      ++j;
      const bool hex = j < t.size() && (t[j] | 0x20) == 'x';
      if (hex) ++j;
      const std::size_t digits = j;
      while (j < t.size() && (hex ? hex_value(t[j]) >= 0 : (t[j] >= '0' && t[j] <= '9'))) ++j;
      if (j == digits || j - digits > 7) return 0;
    } else {
      const std::size_t letters = j;
      while (j < t.size() && ((t[j] | 0x20) >= 'a' && (t[j] | 0x20) <= 'z')) ++j;
      if (!named(t.substr(letters, j - letters))) return 0;
    }
    return j < t.size() && t[j] == ';' ? j + 1 - i : 0;
  }
  static const char* named(std::string_view name) {
    static constexpr std::pair<std::string_view, const char*> kNames[] = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
    for (const auto& [n, v] : kNames)
      if (n == name) return v;
    return nullptr;
  }
  std::string all(std::string_view t) const {
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t length = t[i] == '&' ? match(t, i) : 0;
      if (!length) {
        out += t[i++];
        continue;
      }
      const std::string_view entity = t.substr(i + 1, length - 2);
      if (entity[0] == '#') {
        const bool hex = entity.size() > 1 && (entity[1] | 0x20) == 'x';
        char32_t c = 0;
        for (char d : entity.substr(hex ? 2 : 1)) c = c * (hex ? 16 : 10) + static_cast<char32_t>(hex_value(d));
        append_utf8(out, c > 0x10FFFF ? kReplacementCharacter : c);
      } else {
        out += named(entity);
      }
      i += length;
    }
    return out;
  }
};

struct UnicodeEscapeDecoding {
  std::size_t match(std::string_view t, std::size_t i) const {
    if (i + 6 > t.size() || (t[i + 1] != 'u' && t[i + 1] != 'U')) return 0;
    for (std::size_t k = 2; k < 6; ++k)
      if (hex_value(t[i + k]) < 0) return 0;
    return 6;
  }
  std::string all(std::string_view t) const {
    std::string out;
    char32_t high = 0;
    for (std::size_t i = 0; i < t.size();) {
      if (t[i] != '\\' || !match(t, i)) {
        out += t[i++];
        continue;
      }
      char32_t c = 0;
      for (std::size_t k = 2; k < 6; ++k) c = c * 16 + static_cast<char32_t>(hex_value(t[i + k]));
      i += 6;
      if (c >= 0xD800 && c <= 0xDBFF) {
        high = c;
        continue;
      }
      if (c >= 0xDC00 && c <= 0xDFFF && high) c = 0x10000 + ((high - 0xD800) << 10) + (c - 0xDC00);
      high = 0;
      append_utf8(out, c);
    }
    return out;
  }
};

// Unicode tag characters (U+E0020-E007E) spell ASCII invisibly.
void find_tag_text(std::string_view text, std::vector<DecodedPayload>& out) {
  std::size_t run_start = 0;
  std::string decoded;
  auto flush = [&](std::size_t end) {
    if (decoded.size() >= 4) add_if_text(out, "tags", decoded, run_start, end);
    decoded.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (c >= 0xE0020 && c <= 0xE007E) {
      if (decoded.empty()) run_start = start;
      decoded += static_cast<char>(c - 0xE0000);
    } else if (!decoded.empty()) {
      flush(start);
    }
  }
  flush(text.size());
}

// Variation selectors after a visible character can carry one byte each (VS1-16 are
// 0-15, VS17-256 are 16-255): a way to smuggle text behind an innocent emoji.
void find_variation_selector_bytes(std::string_view text, std::vector<DecodedPayload>& out) {
  std::size_t run_start = 0, run_end = 0;
  std::string decoded;
  auto flush = [&] {
    if (decoded.size() >= 4) add_if_text(out, "variation_selectors", decoded, run_start, run_end);
    decoded.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (is_variation_selector(c)) {
      if (decoded.empty()) run_start = start;
      decoded += static_cast<char>(c <= 0xFE0F ? c - 0xFE00 : c - 0xE0100 + 16);
      run_end = i;
    } else if (!decoded.empty()) {
      flush();
    }
  }
  flush();
}

// Text that reads as language only once ROT13-decoded or reversed: the whole text when
// it does as a whole, else each clause that does on its own.
void find_transformed_clauses(std::string_view text, std::vector<DecodedPayload>& out) {
  auto try_span = [&](std::size_t start, std::size_t end) {
    const std::string_view span = text.substr(start, end - start);
    std::size_t letters = 0;
    for (char c : span) letters += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (letters < 12) return false;
    const double plain = language_likeness(span);
    bool found = false;
    std::string decoded = rot13(span);
    if (const double score = language_likeness(decoded); score >= 0.2 && score > plain + 0.15) {
      out.push_back({"rot13", std::move(decoded), start, end});
      found = true;
    }
    std::string reversed = reverse_text(span);
    if (const double score = language_likeness(reversed); score >= 0.2 && score > plain + 0.15) {
      out.push_back({"reversed", std::move(reversed), start, end});
      found = true;
    }
    return found;
  };
  if (try_span(0, text.size())) return;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find_first_of("\n.!?", start);
    if (end == std::string_view::npos) end = text.size();
    try_span(start, end);
    start = end + 1;
  }
}

}  // namespace

bool reads_as_text(std::string_view text) {
  if (text.size() < 6 || !is_valid_utf8(text)) return false;
  std::size_t total = 0, printable = 0, letters = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    ++total;
    if (c == '\n' || c == '\t' || c == '\r' || (c >= 0x20 && c < 0x7F) ||
        (c >= 0xA0 && u_isprint(static_cast<UChar32>(c))))
      ++printable;
    if (c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha(static_cast<UChar32>(c)))
      ++letters;
  }
  return letters >= 4 && printable * 100 >= total * 85;
}

std::vector<DecodedPayload> find_encoded_payloads(std::string_view text) {
  std::vector<DecodedPayload> out;
  find_alphabet_runs(text, out);
  find_spelled_hex(text, out);
  if (text.find('%') != std::string_view::npos)
    find_escape_runs(text, "%", "url", PercentDecoding{}, out);
  if (text.find('&') != std::string_view::npos)
    find_escape_runs(text, "&", "html", HtmlEntityDecoding{}, out);
  if (text.find('\\') != std::string_view::npos)
    find_escape_runs(text, "\\", "unicode_escape", UnicodeEscapeDecoding{}, out);
  if (!is_ascii(text)) {
    find_tag_text(text, out);
    find_variation_selector_bytes(text, out);
  }
  find_transformed_clauses(text, out);
  return out;
}

}  // namespace llmsec
