#include "core/text/deobfuscator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/text/byte_vectors.h"
#include "core/text/unicode.h"

namespace llmsec {
namespace {

// Bytes of words: ASCII letters, digits and leet symbols, and every byte of a non-ASCII
// character (so "p r é c é d e n t e s" joins too).
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

char leet_letter(char c) {
  switch (c) {
    case '1':
      return 'i';
    case '0':
      return 'o';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    default:
      return c;
  }
}

bool is_separator(char c) {
  switch (c) {
    case ' ':
    case '.':
    case '-':
    case '_':
    case '*':
    case '|':
    case ',':
    case '+':
    case '~':
    case '/':
    case ':':
    case ';':
    case '?':
    case '!':
    case '\'':
    case '"':
    case '\n':
      return true;
    default:
      return false;
  }
}

// Whether the word's bytes from `i` on begin with a letter of a cased alphabet (Latin,
// Cyrillic, Greek): what a leet digit stands in for. A dash, a bullet or a CJK character
// after a digit ("1853–1950", "••4605", "25日") is no such letter.
bool alphabet_letter_at(std::string_view word, std::size_t i) {
  if (i >= word.size()) return false;
  if (static_cast<unsigned char>(word[i]) < 0x80) return word[i] >= 'a' && word[i] <= 'z';
  return is_look_alike_letter(next_code_point(word, i));
}

// An ordinal or a time: digits and then "st", "nd", "rd", "th", "am" or "pm" ("21st", "3am").
bool number_with_suffix(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  const std::string_view suffix = word.substr(digits);
  return digits > 0 && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" ||
                        suffix == "am" || suffix == "pm");
}

// A word written in leetspeak: two letters or more, and a leet character followed by a
// letter ("pr3v10u5", "4ll"), or three letters and two or three leet characters, no fewer
// than half the letters ("rul35", not the name "topseller101"). A trailing number ("mp3",
// "covid19"), a word with a digit that stands for no letter ("euro1080", "2x4s"), an
// ordinal ("3rd") and letters of no alphabet ("••4605") are not.
bool looks_leet(std::string_view word) {
  if (std::all_of(word.begin(), word.end(), [](char c) { return leet_letter(c) == c; }) ||
      number_with_suffix(word))
    return false;
  std::size_t letters = 0, leet = 0;
  bool leet_inside = false, plain_digit = false;
  for (std::size_t i = 0; i < word.size();) {
    if (alphabet_letter_at(word, i)) {
      ++letters;
      next_code_point(word, i);
      continue;
    }
    const char c = word[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      next_code_point(word, i);
      continue;
    }
    ++i;
    if (leet_letter(c) != c) {
      ++leet;
      leet_inside |= alphabet_letter_at(word, i);
    } else {
      plain_digit |= c >= '0' && c <= '9';
    }
  }
  return letters >= 2 && !plain_digit &&
         (leet_inside || (leet >= 2 && leet <= 3 && letters >= 3 && letters <= 2 * leet));
}

// An e-mail address ("jamie@gmail.com": the word goes on with a dot and a letter) or a
// handle ("@nikkigreen"), whose "@" is no leet "a".
bool address_or_handle(std::string_view text, std::size_t start, std::size_t end) {
  const std::string_view word = text.substr(start, end - start);
  if (word.front() == '@') return true;
  return word.find('@') != std::string_view::npos && end + 1 < text.size() && text[end] == '.' &&
         text[end + 1] >= 'a' && text[end + 1] <= 'z';
}

// Whether the word text[start, end) is read as leetspeak: it looks it and is no address.
bool reads_leet(std::string_view text, std::size_t start, std::size_t end) {
  return looks_leet(text.substr(start, end - start)) && !address_or_handle(text, start, end);
}

// Letters and leet characters only, at least one of them leet ("7h3", "15", "745k5"):
// read as leetspeak when a neighbouring word is.
bool could_be_leet(std::string_view word) {
  bool leet = false;
  for (char c : word) {
    if (is_letter(c)) continue;
    if (leet_letter(c) == c) return false;
    leet = true;
  }
  return leet;
}

// A "1" stands for "l" after a vowel and before a vowel or the word's end ("ru1es", "a11",
// "r3v3a1"), and for "i" elsewhere ("th1s", "pr3v10u5", "qu1t").
void map_leet(std::string& word) {
  const auto vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  };
  for (std::size_t i = 0; i < word.size(); ++i) {
    const bool reads_l =
        word[i] == '1' && i > 0 && (vowel(word[i - 1]) || word[i - 1] == 'l') &&
        (i + 1 == word.size() || word[i + 1] == '1' || vowel(leet_letter(word[i + 1])));
    word[i] = reads_l ? 'l' : leet_letter(word[i]);
  }
}

struct Token {
  std::size_t start, end;  // a word in the normalised text
};

// Whether the word around byte `i` reads as leetspeak, as deobfuscate() will judge it: a
// leet character beside a letter ("mp3", "2nd", "jo@x.io") is often no leetspeak, and a
// long text nearly always has one. Each word is judged once: bytes before `judged_to` are
// in a word judged already ("a2a1a2a1..." a megabyte long stays linear).
bool leet_word_at(std::string_view text, std::size_t i, std::size_t& judged_to) {
  if (i < judged_to) return false;
  std::size_t start = i, end = i;
  while (start > 0 && is_word_char(text[start - 1])) --start;
  while (end < text.size() && is_word_char(text[end])) ++end;
  judged_to = end;
  return end > start && reads_leet(text, start, end);
}

// Whether a leet character in a lane of `lanes` (bytes [at, at + 16)) is in a leetspeak
// word. Rare, and kept out of line so that the vector loop stays tight.
[[gnu::noinline]] bool leet_word_in_lanes(std::string_view text, std::size_t at, Mask lanes,
                                          std::size_t& judged_to) {
  bool found = false;
  for_each_set_lane(lanes, [&](int k) { found = found || leet_word_at(text, at + k, judged_to); });
  return found;
}

// The same look, byte by byte, at bytes [from, to): a table lookup a byte.
bool worth_deobfuscating_bytes(std::string_view text, std::size_t from, std::size_t to) {
  enum : std::uint8_t { kLetter = 1, kLeet = 2, kWord = 4, kSeparator = 8, kContinuation = 16 };
  static const std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      const char ch = static_cast<char>(c);
      if (is_letter(ch)) t[c] |= kLetter;
      if (is_word_char(ch)) t[c] |= kWord;
      if (is_word_char(ch) && !is_letter(ch) && leet_letter(ch) != ch) t[c] |= kLeet;
      if (is_separator(ch)) t[c] |= kSeparator;
      if (is_continuation(ch)) t[c] |= kContinuation;
    }
    return t;
  }();
  int lone = 0;  // single-character words in a row
  std::size_t word_length = 0;
  bool word_after_separator = true;
  std::uint8_t previous = kSeparator;
  std::size_t judged_to = 0;
  for (std::size_t i = from; i < to; ++i) {
    const std::uint8_t current = kClass[static_cast<unsigned char>(text[i])];
    // A leet character next to a letter, either way round (kLetter is bit 0, kLeet bit 1).
    if ((((previous << 1) & current) | ((current << 1) & previous)) & kLeet &&
        leet_word_at(text, i, judged_to))
      return true;
    if (current & kWord) {
      if (current & kContinuation) continue;  // one character, however many bytes
      if (word_length++ == 0) word_after_separator = previous & kSeparator;
    } else if (word_length) {
      if (word_length == 1 && word_after_separator && (current & kSeparator)) {
        if (++lone >= 3) return true;
      } else {
        lone = 0;
      }
      word_length = 0;
    }
    previous = current;
  }
  if (word_length == 1 && word_after_separator && lone >= 2) return true;
  return false;
}

bool is_separator_byte(std::string_view text, std::size_t i) {
  return i >= text.size() || is_separator(text[i]);
}

// Whether the single character at `p` (an ASCII word character between separators) is the
// first of three in a row: "i g n", "i.g.n".
bool lone_run_at(std::string_view text, std::size_t p) {
  for (int seen = 1; seen < 3; ++seen) {
    std::size_t q = p + 1, gap = 0;
    while (q < text.size() && is_separator(text[q]) && gap < 3) ++q, ++gap;
    if (gap == 0 || q >= text.size() || !is_word_char(text[q])) return false;
    if (static_cast<unsigned char>(text[q]) >= 0x80) return true;  // let the byte scan decide
    if (!is_separator_byte(text, q + 1)) return false;
    p = q;
  }
  return true;
}

// A quick look for anything to undo: a digit or leet symbol touching a letter, or three
// single characters in a row between separators. Most text has neither. ASCII text is
// looked at sixteen bytes at a time; only single characters get a closer look.
bool worth_deobfuscating(std::string_view text) {
  if (text.size() < 34 || !is_ascii(text)) return worth_deobfuscating_bytes(text, 0, text.size());
  const auto letter = [](Bytes v) { return (v >= 'a') & (v <= 'z'); };
  const auto word = [&](Bytes v) {
    return letter(v) | ((v >= '0') & (v <= '9')) | (v == '@') | (v == '$');
  };
  const auto leet = [](Bytes v) {
    return (v == '0') | (v == '1') | (v == '3') | (v == '4') | (v == '5') | (v == '7') |
           (v == '@') | (v == '$');
  };
  std::size_t judged_to = 0;  // see leet_word_at
  // Inlined: called for every sixteen bytes, its vector constants stay in registers.
  const auto check = [&](std::size_t at) __attribute__((always_inline)) {  // [at, at + 16), at >= 1
    const Bytes before = load16(text, at - 1), here = load16(text, at),
                after = load16(text, at + 1);
    const Mask leet_beside_letter = leet(here) & (letter(before) | letter(after));
    if (any(leet_beside_letter) && leet_word_in_lanes(text, at, leet_beside_letter, judged_to))
      return true;
    const Mask lone = word(here) & ~word(before) & ~word(after);
    bool found = false;
    for_each_set_lane(lone, [&](int k) {
      found = found || (is_separator(text[at + k - 1]) && lone_run_at(text, at + k));
    });
    return found;
  };
  // The first byte and the last 16 bytes overlap with the vector steps where needed.
  if (worth_deobfuscating_bytes(text, 0, 18)) return true;
  std::size_t at = 1;
  for (; at + 17 <= text.size(); at += 16)
    if (check(at)) return true;
  return check(text.size() - 17) || worth_deobfuscating_bytes(text, text.size() - 18, text.size());
}

// What stands between two joined words: a space, or the punctuation the gap holds when the
// run does not use it between letters ("e .   N" -> ". ", "s - w" -> " - "), so that
// sentences and clauses stay what they were.
std::string_view word_gap(std::string_view gap, std::string_view usual) {
  static constexpr std::pair<char, std::string_view> kMarks[] = {
      {'.', ". "}, {'!', "! "}, {'?', "? "}, {':', ": "},
      {';', "; "}, {',', ", "}, {'|', "| "}, {'-', " - "}};
  for (const auto& [punctuation, mark] : kMarks)
    if (gap.find(punctuation) != std::string_view::npos &&
        usual.find(punctuation) == std::string_view::npos)
      return mark;
  return " ";
}

}  // namespace

std::optional<TextView> deobfuscate(const TextView& normalized, std::string_view name) {
  const std::string_view text = normalized.text();
  if (!worth_deobfuscating(text)) return std::nullopt;
  // The words, and which read as leetspeak: those that look it (only a word with a leet
  // character can), then the short all-leet words next to them ("7h3", "15"), twice over
  // so that runs of them are reached.
  std::vector<Token> tokens;
  std::vector<bool> leet;
  tokens.reserve(text.size() / 4);
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool leet_character = false;
    for (; j < text.size() && is_word_char(text[j]); ++j)
      leet_character |= leet_letter(text[j]) != text[j];
    tokens.push_back({i, j});
    leet.push_back(leet_character && reads_leet(text, i, j));
    i = j;
  }
  auto word_of = [&](std::size_t k) {
    return text.substr(tokens[k].start, tokens[k].end - tokens[k].start);
  };
  const bool any_leet = std::find(leet.begin(), leet.end(), true) != leet.end();
  if (any_leet)
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t k = 0; k < tokens.size(); ++k)
        if (!leet[k] && ((k > 0 && leet[k - 1]) || (k + 1 < tokens.size() && leet[k + 1])) &&
            could_be_leet(word_of(k)))  // the neighbours first: few words have a leet one
          leet[k] = true;

  // The end of the run of single-character tokens joined by short separators from token
  // t, and whether it is long enough and has the letters to be spelt-out words.
  const auto single_character = [&](const Token& token) {
    std::size_t k = token.start + 1;
    while (k < token.end && is_continuation(text[k])) ++k;
    return k == token.end;
  };
  const auto run_from = [&](std::size_t t) {
    std::size_t run_end = t;
    while (run_end < tokens.size() && single_character(tokens[run_end])) {
      if (run_end > t) {
        const std::size_t gap_start = tokens[run_end - 1].end, gap_end = tokens[run_end].start;
        bool separators = gap_end - gap_start <= 3;
        for (std::size_t k = gap_start; separators && k < gap_end; ++k)
          separators = is_separator(text[k]);
        if (!separators) break;
      }
      ++run_end;
    }
    std::size_t letters = 0;
    for (std::size_t k = t; k < run_end; ++k) letters += is_letter(text[tokens[k].start]);
    return std::pair{run_end, run_end - t >= 4 && letters >= 3};
  };
  // Most long texts that pass the quick look (a list of digits, "is 9 0.0 1") have no leet
  // word and no spelt-out run: nothing to rewrite. A run that does not qualify has no
  // suffix that does, so the look skips it whole.
  if (!any_leet) {
    bool spelt = false;
    for (std::size_t t = 0; t < tokens.size() && !spelt;) {
      const auto [run_end, qualifies] = run_from(t);
      spelt = qualifies;
      t = std::max(run_end, t + 1);
    }
    if (!spelt) return std::nullopt;
  }

  TextViewBuilder b(name);
  bool changed = false;
  std::size_t cursor = 0;  // next byte of `text` not yet written
  std::string word;
  for (std::size_t t = 0; t < tokens.size();) {
    const auto [run_end, spelt] = run_from(t);
    if (spelt) {
      b.append_from(normalized, cursor, tokens[t].start);
      // Letters are joined by the run's most common separator. A word ends at a gap wider
      // in the original than the narrowest ("i g n o r e   t h e", whose wide gaps
      // normalisation collapsed), or at another separator that is a space or stands alone
      // ("i.g.n.o.r.e t-h-e"), while a word may use its own ("t-h-e" inside dots).
      std::vector<std::string_view> separators;
      std::vector<std::size_t> widths;
      std::map<std::string_view, std::size_t> frequency;
      std::size_t narrowest = SIZE_MAX;
      for (std::size_t k = t + 1; k < run_end; ++k) {
        separators.push_back(text.substr(tokens[k - 1].end, tokens[k].start - tokens[k - 1].end));
        ++frequency[separators.back()];
        const auto [os, oe] = normalized.to_original(tokens[k - 1].end, tokens[k].start);
        widths.push_back(oe - os);
        narrowest = std::min(narrowest, oe - os);
      }
      const std::string_view usual =
          std::max_element(frequency.begin(), frequency.end(), [](const auto& x, const auto& y) {
            return x.second < y.second;
          })->first;
      auto word_break = [&](std::size_t g) {
        if (widths[g] > narrowest) return true;
        if (separators[g] == usual) return false;
        const bool lone = (g == 0 || separators[g - 1] != separators[g]) &&
                          (g + 1 == separators.size() || separators[g + 1] != separators[g]);
        return lone || separators[g].find_first_of(" \n") != std::string_view::npos;
      };
      // The words of the run with their spans in the normalised text; then leetspeak is
      // read in all of them when any one of them looks it.
      struct SpacedWord {
        std::string text;
        std::size_t start, end;
        bool leet;  // looks like leetspeak itself
      };
      std::vector<SpacedWord> words;
      std::size_t word_start = tokens[t].start;
      word.clear();
      for (std::size_t k = t; k < run_end; ++k) {
        word += text.substr(tokens[k].start, tokens[k].end - tokens[k].start);
        const std::size_t g = k - t;  // the gap after this token
        if (k + 1 == run_end || word_break(g)) {
          words.push_back({word, word_start, tokens[k].end, looks_leet(word)});
          word.clear();
          if (k + 1 < run_end) word_start = tokens[k + 1].start;
        }
      }
      const bool run_in_leet =
          std::any_of(words.begin(), words.end(), [](const SpacedWord& w) { return w.leet; });
      for (std::size_t w = 0; w < words.size(); ++w) {
        if (words[w].leet || (run_in_leet && could_be_leet(words[w].text))) map_leet(words[w].text);
        const auto [os, oe] = normalized.to_original(words[w].start, words[w].end);
        b.append_replacement(words[w].text, os, oe);
        if (w + 1 < words.size()) {
          const auto [gs, ge] = normalized.to_original(words[w].end, words[w + 1].start);
          b.append_replacement(
              word_gap(text.substr(words[w].end, words[w + 1].start - words[w].end), usual), gs,
              ge);
        }
      }
      cursor = tokens[run_end - 1].end;
      changed = true;
      t = run_end;
      continue;
    }
    // A single word: read leetspeak in it.
    const Token& token = tokens[t];
    if (leet[t]) {
      word.assign(word_of(t));
      map_leet(word);
      b.append_from(normalized, cursor, token.start);
      const auto [os, oe] = normalized.to_original(token.start, token.end);
      b.append_replacement(word, os, oe);
      cursor = token.end;
      changed = true;
    }
    ++t;
  }
  if (!changed) return std::nullopt;
  b.append_from(normalized, cursor, text.size());
  return std::move(b).build();
}

}  // namespace llmsec
