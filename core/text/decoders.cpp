#include "core/text/decoders.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include <unicode/uchar.h>

#include "core/text/byte_vectors.h"
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

// Decodes digits of `bits` bits each (6 for base64, 5 for base32) up to the padding;
// `value` gives a digit's value or -1 for a character outside the alphabet.
template <class Value>
std::optional<std::string> decode_radix(std::string_view in, int bits, Value value) {
  std::string out;
  std::uint32_t buffer = 0;
  int pending = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << bits) | static_cast<std::uint32_t>(v);
    pending += bits;
    if (pending >= 8) {
      pending -= 8;
      out += static_cast<char>((buffer >> pending) & 0xFF);
    }
  }
  return out;
}

std::optional<std::string> decode_base64(std::string_view in) {
  static const std::array<int8_t, 256> table = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
      t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
    t['-'] = 62;  // base64url
    t['_'] = 63;
    return t;
  }();
  return decode_radix(in, 6, [](char c) { return int{table[static_cast<unsigned char>(c)]}; });
}

std::optional<std::string> decode_base32(std::string_view in) {
  return decode_radix(in, 5, [](char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
  });
}

std::string decode_hex_digits(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out += static_cast<char>(hex_value(digits[i]) * 16 + hex_value(digits[i + 1]));
  return out;
}

// Up to eight lower-case ASCII letters packed into one integer: a word's key.
constexpr std::uint64_t pack_word(std::string_view word) {
  std::uint64_t key = 0;
  for (char c : word) key = (key << 8) | static_cast<unsigned char>(c);
  return key;
}

// The most common words of English and of a few other Latin-script languages, in an
// open-addressing table: this runs over every clause of every prompt, so a lookup is a
// multiply and a probe or two.
class CommonWords {
 public:
  // `transform`: what each common word is stored as (ROT13 of it, or it reversed), so that
  // one pass over a text can tell how a transformed copy of it would read.
  explicit CommonWords(std::string (*transform)(std::string_view) = nullptr) {
    for (std::string_view word :
         {"the",     "and",    "to",       "of",      "a",        "in",    "is",     "you",
          "that",    "it",     "for",      "on",      "with",     "as",    "are",    "be",
          "this",    "your",   "all",      "not",     "or",       "have",  "from",   "by",
          "at",      "an",     "what",     "me",      "my",       "i",     "do",     "will",
          "can",     "if",     "so",       "no",      "now",      "we",    "they",   "he",
          "she",     "was",    "were",     "tell",    "say",      "how",   "any",    "only",
          "about",   "then",   "them",     "there",   "their",    "but",   "just",   "like",
          "more",    "new",    "must",     "should",  "would",    "could", "give",   "make",
          "write",   "show",   "use",      "here",    "when",     "who",   "why",    "which",
          "one",     "out",    "up",       "into",    "our",      "us",    "its",    "his",
          "her",     "has",    "had",      "been",    "am",       "did",   "does",   "get",
          "please",  "help",   "know",     "want",    "need",     "every", "other",  "some",
          "than",    "very",   "anything", "nothing", "above",    "below", "before", "after",
          "print",   "first",  "said",     "see",     "way",      "well",  "back",   "over",
          "because", "these",  "der",      "die",     "das",      "und",   "ist",    "nicht",
          "ich",     "du",     "sie",      "ein",     "eine",     "zu",    "mit",    "le",
          "la",      "les",    "et",       "est",     "un",       "une",   "des",    "pas",
          "vous",    "je",     "que",      "qui",     "el",       "los",   "las",    "y",
          "es",      "una",    "por",      "para",    "con",      "lo",    "tu",     "su",
          "del",     "alle",   "alles",    "auf",     "dich",     "dir",   "mir",    "mich",
          "jetzt",   "nun",    "deine",    "dein",    "neue",     "den",   "dem",    "von",
          "auch",    "wie",    "bitte",    "sind",    "wir",      "ihr",   "aus",    "bei",
          "nach",    "oder",   "aber",     "wenn",    "schreibe", "sage",  "zeige",  "gib",
          "tous",    "toutes", "vos",      "votre",   "tes",      "ton",   "ta",     "dans",
          "sur",     "pour",   "avec",     "moi",     "ne",       "plus",  "au",     "aux",
          "ce",      "cette",  "il",       "elle",    "nous",     "todas", "todos",  "ahora",
          "mi",      "tus",    "sus",      "como",    "pero",     "muy",   "esto",   "tutte",
          "tutti",   "ora",    "di",       "che",     "non",      "per",   "sono",   "della",
          "questo",  "de",     "het",      "een",     "en",       "van",   "ik",     "jij",
          "niet",    "nu",     "voor",     "met",     "seu",      "sua",   "agora",  "uma",
          "com",     "os",     "da"}) {
      insert(pack_word(transform ? transform(word) : std::string(word)));
    }
  }
  bool contains(std::uint64_t key) const {
    for (std::size_t i = slot(key);; i = (i + 1) & (kSize - 1)) {
      if (keys_[i] == key) return true;
      if (keys_[i] == 0) return false;
    }
  }

 private:
  static constexpr std::size_t kSize = 1024;
  static std::size_t slot(std::uint64_t key) { return (key * 0x9E3779B97F4A7C15ULL) >> 54; }
  void insert(std::uint64_t key) {
    std::size_t i = slot(key);
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & (kSize - 1);
    keys_[i] = key;
  }
  std::array<std::uint64_t, kSize> keys_{};
};

std::string rot13(std::string_view text);
std::string reverse_text(std::string_view text);

// How much a text reads as language: the share of its words that are common words. ROT13
// and reversed text score near zero until transformed back. All three readings in one
// pass: a word of the text is looked up as it is, and among the common words stored
// ROT13'd and reversed, which is how the transformed text's word would read.
struct Likeness {
  double plain = 0, rot13 = 0, reversed = 0;
};

Likeness language_likeness(std::string_view text) {
  static const CommonWords common, common_rot13(rot13), common_reversed(reverse_text);
  std::size_t words = 0, known = 0, known_rot13 = 0, known_reversed = 0, length = 0;
  std::uint64_t key = 0;
  auto finish = [&] {
    if (length == 0) return;
    ++words;
    if (length <= 8) {
      known += common.contains(key);
      known_rot13 += common_rot13.contains(key);
      known_reversed += common_reversed.contains(key);
    }
    key = 0;
    length = 0;
  };
  for (char ch : text) {
    const char c = static_cast<char>(ch | 0x20);
    if (c >= 'a' && c <= 'z') {
      key = (key << 8) | static_cast<unsigned char>(c);
      ++length;
    } else {
      finish();
    }
  }
  finish();
  if (words == 0) return {};
  const auto share = [&](std::size_t n) {
    return static_cast<double>(n) / static_cast<double>(words);
  };
  return {share(known), share(known_rot13), share(known_reversed)};
}

std::string rot13(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>('A' + (c - 'A' + 13) % 26);
  }
  return out;
}

// Reverses by code point, so that reversed multibyte text stays valid UTF-8.
std::string reverse_text(std::string_view text) {
  // The bytes reversed, then each multibyte sequence turned back the right way round.
  std::string out(text.rbegin(), text.rend());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80) continue;
    std::size_t j = i;  // continuation bytes, then (reversed) their lead byte
    while (j + 1 < out.size() && (static_cast<unsigned char>(out[j]) & 0xC0) == 0x80) ++j;
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(i),
                 out.begin() + static_cast<std::ptrdiff_t>(j) + 1);
    i = j;
  }
  return out;
}

void add_if_text(std::vector<DecodedPayload>& out, const char* kind, std::string decoded,
                 std::size_t start, std::size_t end) {
  if (reads_as_text(decoded)) out.push_back({kind, std::move(decoded), start, end});
}

// A run of the base64 alphabet, decoded as hex, base32 or base64 as its characters allow.
void decode_alphabet_run(std::string_view text, std::size_t start, std::size_t end,
                         std::vector<DecodedPayload>& out) {
  std::size_t run_end = end;
  while (run_end > start && text[run_end - 1] == '=') --run_end;
  const std::string_view run = text.substr(start, run_end - start);
  if (run.size() < kMinEncodedLength) return;
  bool hex = true, base32 = true, lower = false, digit = false, word_like = true;
  for (char c : run) {
    hex &= hex_value(c) >= 0;
    base32 &= (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
    lower |= c >= 'a' && c <= 'z';
    digit |= c >= '0' && c <= '9';
    word_like &= (c >= 'a' && c <= 'z') || c == '-' || c == '_';
  }
  // Ordinary long words and hyphenated compounds are letters only; an encoded run almost
  // always mixes in digits, both cases or symbols.
  if (word_like) return;
  const bool even_hex = hex && run.size() % 2 == 0;
  if (even_hex)
    add_if_text(out, "hex", decode_hex_digits(run), start, end);
  else if (base32 && !lower)
    if (auto d = decode_base32(run)) add_if_text(out, "base32", std::move(*d), start, end);
  if (!even_hex)
    if (auto d = decode_base64(run)) add_if_text(out, "base64", std::move(*d), start, end);
}

// Hex written as \x69\x67... or as space-separated pairs "69 67 6e ...".
void decode_spelled_hex(std::string_view spelled, std::size_t start,
                        std::vector<DecodedPayload>& out) {
  std::string digits;
  for (std::size_t i = 0; i < spelled.size(); ++i) {
    if (spelled[i] == '\\')
      ++i;  // skip the "x" of "\x"
    else if (hex_value(spelled[i]) >= 0)
      digits += spelled[i];
  }
  add_if_text(out, "hex", decode_hex_digits(digits), start, start + spelled.size());
}

// Hex written as \\x69\\x67...: eight escapes or more in a row.
void find_escaped_hex(std::string_view text, std::vector<DecodedPayload>& out) {
  for (std::size_t at = text.find("\\x"); at != std::string_view::npos;
       at = text.find("\\x", at + 1)) {
    std::size_t end = at;
    while (end + 4 <= text.size() && text[end] == '\\' && (text[end + 1] | 0x20) == 'x' &&
           hex_value(text[end + 2]) >= 0 && hex_value(text[end + 3]) >= 0)
      end += 4;
    if (end - at >= 32) decode_spelled_hex(text.substr(at, end - at), at, out);
    at = std::max(at, end);
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
        for (char d : entity.substr(hex ? 2 : 1))
          c = c * (hex ? 16 : 10) + static_cast<char32_t>(hex_value(d));
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

// Unicode tag characters (U+E0020-E007E) spell ASCII invisibly. A run goes on across a
// character or two that tags cannot spell ("pr" tags, "é", "c" tags ...), which are kept.
void find_tag_text(std::string_view text, std::vector<DecodedPayload>& out) {
  if (text.find('\xF3') == std::string_view::npos) return;  // every tag starts F3 A0
  std::size_t run_start = 0, run_end = 0, tags = 0;
  std::string decoded, pending;  // pending: visible characters since the last tag
  int visible = 0;
  auto flush = [&] {
    if (tags >= 4) add_if_text(out, "tags", decoded, run_start, run_end);
    decoded.clear();
    pending.clear();
    tags = 0;
    visible = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (c >= 0xE0020 && c <= 0xE007E) {
      if (tags++ == 0) run_start = start;
      decoded += pending;
      pending.clear();
      visible = 0;
      decoded += static_cast<char>(c - 0xE0000);
      run_end = i;
    } else if (tags > 0) {
      if (++visible > 2)
        flush();
      else
        pending.append(text.substr(start, i - start));
    }
  }
  flush();
}

// Variation selectors after a visible character can carry one byte each (VS1-16 are
// 0-15, VS17-256 are 16-255): a way to smuggle text behind an innocent emoji.
void find_variation_selector_bytes(std::string_view text, std::vector<DecodedPayload>& out) {
  if (text.find('\xF3') == std::string_view::npos &&
      text.find("\xEF\xB8") == std::string_view::npos)
    return;
  std::size_t run_start = 0, run_end = 0;
  std::string decoded;
  auto flush = [&] {
    if (decoded.size() >= 4) add_if_text(out, "variation_selectors", decoded, run_start, run_end);
    decoded.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead != 0xEF && lead != 0xF3) {  // variation selectors start EF B8 or F3 A0
      if (!decoded.empty()) flush();
      ++i;
      continue;
    }
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

// Morse code: dots and dashes, letters apart by a space, words by two or more or by "/".
// Kept when it spells eight letters or more ("... --- ..." alone is a word, not a payload).
void find_morse(std::string_view text, std::vector<DecodedPayload>& out) {
  // Every Morse text of eight letters has a dash beside a dot; prose has few dashes.
  bool dash_by_dot = false;
  for (std::size_t i = text.find('-'); i != std::string_view::npos && !dash_by_dot;
       i = text.find('-', i + 1))
    dash_by_dot = (i > 0 && text[i - 1] == '.') || (i + 1 < text.size() && text[i + 1] == '.');
  if (!dash_by_dot) return;
  static const std::array<std::pair<std::string_view, char>, 54> kCodes = {{
      {".-", 'a'},     {"-...", 'b'},   {"-.-.", 'c'},   {"-..", 'd'},     {".", 'e'},
      {"..-.", 'f'},   {"--.", 'g'},    {"....", 'h'},   {"..", 'i'},      {".---", 'j'},
      {"-.-", 'k'},    {".-..", 'l'},   {"--", 'm'},     {"-.", 'n'},      {"---", 'o'},
      {".--.", 'p'},   {"--.-", 'q'},   {".-.", 'r'},    {"...", 's'},     {"-", 't'},
      {"..-", 'u'},    {"...-", 'v'},   {".--", 'w'},    {"-..-", 'x'},    {"-.--", 'y'},
      {"--..", 'z'},   {"-----", '0'},  {".----", '1'},  {"..---", '2'},   {"...--", '3'},
      {"....-", '4'},  {".....", '5'},  {"-....", '6'},  {"--...", '7'},   {"---..", '8'},
      {"----.", '9'},  {".-.-.-", '.'}, {"--..--", ','}, {"..--..", '?'},  {".----.", '\''},
      {"-.-.--", '!'}, {"-..-.", '/'},  {"-.--.", '('},  {"-.--.-", ')'},  {".-...", '&'},
      {"---...", ':'}, {"-.-.-.", ';'}, {"-...-", '='},  {".-.-.", '+'},   {"-....-", '-'},
      {"..--.-", '_'}, {".-..-.", '"'}, {".--.-.", '@'}, {"...-..-", '$'},
  }};
  const auto letter_of = [](std::string_view code) -> char {
    for (const auto& [c, l] : kCodes)
      if (c == code) return l;
    return 0;
  };
  const auto morse_char = [](char c) { return c == '.' || c == '-' || c == ' ' || c == '/'; };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '.' && text[i] != '-') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && morse_char(text[end])) ++end;
    std::string decoded;
    std::size_t letters = 0, last = i;
    bool valid = true;
    for (std::size_t k = i; k < end && valid;) {
      if (text[k] == ' ' || text[k] == '/') {
        std::size_t gap = k;
        bool slash = false;
        while (gap < end && (text[gap] == ' ' || text[gap] == '/')) slash |= text[gap++] == '/';
        if ((slash || gap - k >= 2) && !decoded.empty() && decoded.back() != ' ') decoded += ' ';
        k = gap;
        continue;
      }
      std::size_t j = k;
      while (j < end && (text[j] == '.' || text[j] == '-')) ++j;
      const char l = letter_of(text.substr(k, j - k));
      valid = l != 0;
      decoded += l;
      letters += (l >= 'a' && l <= 'z');
      last = j;
      k = j;
    }
    if (valid && letters >= 8) add_if_text(out, "morse", decoded, i, last);
    i = end;
  }
}

// Regional indicator symbols (U+1F1E6-1F1FF) are letters A-Z drawn as boxed capitals,
// two of them a flag. Words spelt in them: "🇭🇴🇼 🇹🇴" (letters together, words apart by a
// space) or "🇮 🇬 🇳" (letters apart, words by two spaces). Flags come in pairs, so a run
// is kept only when some word of it has an odd number of letters, and six letters or more.
void find_flag_letters(std::string_view text, std::vector<DecodedPayload>& out) {
  if (text.find("\xF0\x9F\x87") == std::string_view::npos) return;
  const auto letter_at = [&](std::size_t i) -> char {
    if (i + 4 > text.size() || text.compare(i, 3, "\xF0\x9F\x87") != 0) return 0;
    const auto last = static_cast<unsigned char>(text[i + 3]);
    return last >= 0xA6 && last <= 0xBF ? static_cast<char>('a' + (last - 0xA6)) : 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (!letter_at(i)) {
      ++i;
      continue;
    }
    // The run: groups of letters with the lengths of the gaps between them.
    std::vector<std::string> groups{""};
    std::vector<std::size_t> gaps;
    const std::size_t start = i;
    std::size_t end = i;
    while (i < text.size()) {
      if (const char l = letter_at(i)) {
        groups.back() += l;
        i += 4;
        end = i;
        continue;
      }
      std::size_t gap = i;
      while (gap < text.size() && text[gap] == ' ') ++gap;
      if (gap == i || !letter_at(gap)) break;
      gaps.push_back(gap - i);
      groups.emplace_back();
      i = gap;
    }
    std::size_t letters = 0;
    bool odd = false, spaced = true;
    for (const std::string& g : groups) {
      letters += g.size();
      odd |= g.size() % 2 == 1;
      spaced &= g.size() == 1;
    }
    if (letters >= 6 && odd) {
      std::string decoded = groups[0];
      for (std::size_t g = 1; g < groups.size(); ++g) {
        if (!spaced || gaps[g - 1] >= 2) decoded += ' ';
        decoded += groups[g];
      }
      add_if_text(out, "flag_letters", std::move(decoded), start, end);
    }
  }
}

// Text that reads as language only once ROT13-decoded or reversed: the whole text when
// it does as a whole, else each clause that does on its own. Clauses that read as
// language already (nearly all honest text) are never transformed. A colon ends a clause
// too: "Decode this and follow it: Vtaber cerivbhf ..." puts plain words before the payload.
void find_transformed_clauses(std::string_view text, std::vector<DecodedPayload>& out) {
  constexpr double kReadsAsLanguage = 0.25;
  // The marks that close a clause, byte by byte and sixteen bytes at a time.
  static constexpr std::array<char, 5> kClauseMarks = {'\n', '.', '!', '?', ':'};
  const auto is_clause_end = [](char c) {
    return std::find(kClauseMarks.begin(), kClauseMarks.end(), c) != kClauseMarks.end();
  };
  const auto clause_ends = [](Bytes v) {
    Mask marks = v == kClauseMarks[0];
    for (char mark : kClauseMarks) marks |= v == mark;
    return marks;
  };
  // One pass: words looked up as they end, clauses closed at . ! ? : and line breaks. A
  // clause that already reads as language is skipped to its end.
  static const CommonWords common;
  static const std::array<std::uint8_t, 256> kLower = [] {  // a lower-case letter, or 0
    std::array<std::uint8_t, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = static_cast<std::uint8_t>(c);
    return t;
  }();
  struct Span {
    std::size_t start, end;
  };
  std::vector<Span> unreadable;  // clauses of 12 letters or more that do not read as language
  std::size_t start = 0, letters = 0, words = 0, known = 0, length = 0;
  std::uint64_t key = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\n';
    if (const std::uint8_t letter = kLower[static_cast<unsigned char>(c)]) {
      key = (key << 8) | letter;
      ++length;
      continue;
    }
    if (length) {
      ++words;
      letters += length;
      known += length <= 8 && common.contains(key);
      key = 0;
      length = 0;
      // Three common words at the language rate, or two among the first few words.
      if ((known >= 3 &&
           static_cast<double>(known) >= kReadsAsLanguage * static_cast<double>(words)) ||
          (known >= 2 && known * 2 >= words)) {
        while (i + 16 <= text.size()) {
          const Bytes v = load16(text, i);
          if (any(clause_ends(v))) break;
          i += 16;
        }
        while (i < text.size() && !is_clause_end(text[i])) ++i;
        start = i + 1;
        letters = words = known = 0;
        continue;
      }
    }
    if (!is_clause_end(c)) continue;
    if (letters >= 12 && static_cast<double>(known) < kReadsAsLanguage * static_cast<double>(words))
      unreadable.push_back({start, i});
    start = i + 1;
    letters = words = known = 0;
  }
  auto try_span = [&](std::size_t from, std::size_t to) {
    const std::string_view span = text.substr(from, to - from);
    const Likeness reads = language_likeness(span);
    const auto better = [&](double score) { return score >= 0.2 && score > reads.plain + 0.15; };
    bool found = false;
    if (better(reads.rot13)) {
      out.push_back({"rot13", rot13(span), from, to});
      found = true;
    }
    if (better(reads.reversed)) {
      out.push_back({"reversed", reverse_text(span), from, to});
      found = true;
    }
    return found;
  };
  // The whole text, when most of it does not read: a text all ROT13 or reversed, whose
  // clauses may each be too short to read on their own.
  std::size_t unreadable_bytes = 0;
  for (const Span& clause : unreadable) unreadable_bytes += clause.end - clause.start;
  if (unreadable.size() > 1 && unreadable_bytes * 2 >= text.size() && try_span(0, text.size()))
    return;
  for (const Span& clause : unreadable) try_span(clause.start, clause.end);
}

// A line that starts with the mark that ends a sentence and ends in a letter reads
// backwards, whatever its script (".чюлк йынтеркес ...", "。示提统系...").
void find_reversed_lines(std::string_view text, std::vector<DecodedPayload>& out) {
  static constexpr std::string_view kEnds[] = {".", "!", "?", "\u3002", "\uFF01", "\uFF1F"};
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    const bool starts_with_end =
        std::any_of(std::begin(kEnds), std::end(kEnds), [&](std::string_view e) {
          return line.starts_with(e) && line.size() > e.size() &&
                 line.substr(e.size()).front() != '.';
        });
    if (starts_with_end && line.size() >= 12) {
      std::size_t last = line.size() - 1;
      while (last > 0 && (static_cast<unsigned char>(line[last]) & 0xC0) == 0x80) --last;
      std::size_t i = last;
      const char32_t c = next_code_point(line, i);
      if (u_isalpha(static_cast<UChar32>(c))) {
        const std::size_t from = static_cast<std::size_t>(line.data() - text.data());
        add_if_text(out, "reversed", reverse_text(line), from, from + line.size());
      }
    }
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

namespace {

enum : std::uint8_t { kBase64 = 1, kHex = 2, kHexOrSpace = 4 };

const std::array<std::uint8_t, 256>& character_classes() {
  static const std::array<std::uint8_t, 256> table = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum || c == '+' || c == '/' || c == '-' || c == '_') t[c] |= kBase64;
      if (hex_value(static_cast<char>(c)) >= 0) t[c] |= kHex | kHexOrSpace;
      if (c == ' ') t[c] |= kHexOrSpace;
    }
    return t;
  }();
  return table;
}

// Runs of the base64 alphabet long enough to hold a payload, and runs of space-separated
// hex pairs, in text[from, to).
void scan_candidates(std::string_view text, std::size_t from, std::size_t to,
                     std::vector<DecodedPayload>& out) {
  const auto& kClass = character_classes();
  std::size_t run_start = 0, run = 0, pairs = 0, pairs_start = 0, pairs_end = 0;
  std::uint8_t run_class = 0xFF;
  for (std::size_t i = from; i <= to; ++i) {
    const char c = i < to ? text[i] : ' ';
    const std::uint8_t cls = kClass[static_cast<unsigned char>(c)];
    if (cls & kBase64) {
      if (run++ == 0) run_start = i, run_class = 0xFF;
      run_class &= cls;
      continue;
    }
    if (run == 0) continue;
    std::size_t end = i;
    while (end < text.size() && text[end] == '=' && end - i < 6) ++end;
    if (run >= kMinEncodedLength) decode_alphabet_run(text, run_start, end, out);
    // Space-separated hex pairs: "69 67 6e 6f ..."
    const bool pair = run == 2 && (run_class & kHex);
    if (pair) {
      if (pairs++ == 0) pairs_start = run_start;
      pairs_end = i;
    }
    if (!pair || c != ' ') {
      if (pairs >= 8)
        decode_spelled_hex(text.substr(pairs_start, pairs_end - pairs_start), pairs_start, out);
      pairs = 0;
    }
    run = 0;
  }
}

}  // namespace

std::vector<DecodedPayload> find_encoded_payloads(std::string_view text) {
  // A base64 run of 16 characters or more, or eight spaced hex pairs, covers at least one
  // whole aligned block of 8 bytes. So blocks are classified first, 8 table lookups each
  // and no branches, and the exact scan runs only around blocks that could be inside one:
  // in ordinary prose, only around long words.
  const auto& kClass = character_classes();
  std::vector<DecodedPayload> out;
  const auto extendable = [&](std::size_t i) {
    return (kClass[static_cast<unsigned char>(text[i])] & (kBase64 | kHexOrSpace)) != 0 ||
           text[i] == '=';
  };
  // A block of lower-case letters only is part of a long word, unless a digit, capital or
  // symbol of the base64 alphabet touches it: a payload's one whole block is all lower
  // case about once in 1,500 runs, and then its neighbours almost never are.
  const auto strong = [&](std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    return (kClass[c] & kBase64) && !(c >= 'a' && c <= 'z');
  };
  const auto block_may_hold_payload = [&](std::size_t block) {
    std::uint8_t all = 0xFF;
    bool lower = true;
    for (std::size_t k = 0; k < 8; ++k) {
      const unsigned char c = static_cast<unsigned char>(text[block + k]);
      all &= kClass[c];
      lower &= c >= 'a' && c <= 'z';
    }
    if (all & kHexOrSpace) return true;
    if (!(all & kBase64)) return false;
    return !lower || (block > 0 && strong(block - 1)) ||
           (block + 8 < text.size() && strong(block + 8));
  };
  std::size_t scanned_to = 0;
  for (std::size_t block = 0; block + 8 <= text.size(); block += 8) {
    if (block % 16 == 0 && block + 16 <= text.size()) {
      // Sixteen bytes at once: skip both blocks unless one is all base64 or hex-or-space.
      const Bytes v = load16(text, block);
      const Mask base64 = ((v >= 'a') & (v <= 'z')) | ((v >= 'A') & (v <= 'Z')) |
                          ((v >= '0') & (v <= '9')) | (v == '+') | (v == '/') | (v == '-') |
                          (v == '_');
      const Mask hex_or_space = ((v >= 'a') & (v <= 'f')) | ((v >= 'A') & (v <= 'F')) |
                                ((v >= '0') & (v <= '9')) | (v == ' ');
      if (!any_half_full(base64) && !any_half_full(hex_or_space)) {
        block += 8;
        continue;
      }
    }
    if (!block_may_hold_payload(block) || block + 8 <= scanned_to) continue;
    std::size_t from = std::max(block, scanned_to);
    while (from > scanned_to && extendable(from - 1)) --from;
    std::size_t to = block + 8;
    while (to < text.size() && extendable(to)) ++to;
    scan_candidates(text, from, to, out);
    scanned_to = to;
  }
  const bool percent = text.find('%') != std::string_view::npos;
  const bool entity = text.find('&') != std::string_view::npos;
  const bool unicode_escape = text.find('\\') != std::string_view::npos;
  if (unicode_escape) find_escaped_hex(text, out);
  if (percent) find_escape_runs(text, "%", "url", PercentDecoding{}, out);
  if (entity) find_escape_runs(text, "&", "html", HtmlEntityDecoding{}, out);
  if (unicode_escape) find_escape_runs(text, "\\", "unicode_escape", UnicodeEscapeDecoding{}, out);
  const bool ascii = is_ascii(text);
  if (!ascii) {
    find_tag_text(text, out);
    find_variation_selector_bytes(text, out);
    find_flag_letters(text, out);
  }
  find_morse(text, out);
  find_transformed_clauses(text, out);
  if (!ascii) find_reversed_lines(text, out);
  return out;
}

}  // namespace llmsec
