#include "core/text/deobfuscator.h"

#include <string>
#include <vector>

namespace llmsec {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '$';
}
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

char leet_letter(char c) {
  switch (c) {
    case '1': return 'i';
    case '0': return 'o';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case '$': return 's';
    default: return c;
  }
}

bool is_separator(char c) {
  switch (c) {
    case ' ': case '.': case '-': case '_': case '*': case '|': case ',': case '+':
    case '~': case '/': case ':': case '\'': case '"': case '\n':
      return true;
    default:
      return false;
  }
}

// Maps leet characters of a word to letters when the word reads as one: two letters or
// more, and a leet character followed by a letter ("pr3v10u5", "4ll"), or three letters
// and two leet characters ("rul35"). A trailing number alone ("mp3", "covid19", "ipv4")
// is left alone.
bool read_leet(std::string& word) {
  std::size_t letters = 0, leet = 0;
  bool leet_inside = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    letters += is_letter(word[i]);
    if (is_letter(word[i]) || leet_letter(word[i]) == word[i]) continue;
    ++leet;
    leet_inside |= i + 1 < word.size() && is_letter(word[i + 1]);
  }
  if (letters < 2 || !(leet_inside || (leet >= 2 && letters >= 3))) return false;
  for (char& c : word) c = leet_letter(c);
  return true;
}

struct Token {
  std::size_t start, end;  // a word in the normalised text
};

}  // namespace

std::optional<TextView> deobfuscate(const TextView& normalized) {
  const std::string_view text = normalized.text();
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_word_char(text[j])) ++j;
    tokens.push_back({i, j});
    i = j;
  }

  TextViewBuilder b("deobfuscated");
  bool changed = false;
  std::size_t cursor = 0;  // next byte of `text` not yet written
  std::string word;
  for (std::size_t t = 0; t < tokens.size();) {
    // A run of single-character tokens joined by short separators.
    std::size_t run_end = t;
    while (run_end < tokens.size() && tokens[run_end].end - tokens[run_end].start == 1) {
      if (run_end > t) {
        const std::size_t gap_start = tokens[run_end - 1].end, gap_end = tokens[run_end].start;
        bool separators = gap_end - gap_start <= 3;
        for (std::size_t k = gap_start; separators && k < gap_end; ++k) separators = is_separator(text[k]);
        if (!separators) break;
      }
      ++run_end;
    }
    std::size_t letters = 0;
    for (std::size_t k = t; k < run_end; ++k) letters += is_letter(text[tokens[k].start]);
    if (run_end - t >= 4 && letters >= 3) {
      b.append_from(normalized, cursor, tokens[t].start);
      // A word ends at a gap wider in the original than the narrowest one ("i g n o r e   t h e"),
      // or at a lone separator unlike both of its neighbours ("i.g.n.o.r.e t-h-e").
      std::vector<std::string_view> separators;
      std::vector<std::size_t> widths;
      std::size_t narrowest = SIZE_MAX;
      for (std::size_t k = t + 1; k < run_end; ++k) {
        separators.push_back(text.substr(tokens[k - 1].end, tokens[k].start - tokens[k - 1].end));
        const auto [os, oe] = normalized.to_original(tokens[k - 1].end, tokens[k].start);
        widths.push_back(oe - os);
        narrowest = std::min(narrowest, oe - os);
      }
      word.clear();
      std::size_t word_start = tokens[t].start;
      for (std::size_t k = t; k < run_end; ++k) {
        word += text[tokens[k].start];
        const std::size_t g = k - t;  // the gap after this token
        const bool last = k + 1 == run_end;
        const bool word_ends =
            last || widths[g] > narrowest ||
            ((g == 0 || separators[g] != separators[g - 1]) &&
             (g + 1 == separators.size() || separators[g] != separators[g + 1]));
        if (word_ends) {
          read_leet(word);
          const auto [os, oe] = normalized.to_original(word_start, tokens[k].end);
          b.append_replacement(word, os, oe);
          if (!last) {
            const auto [gs, ge] = normalized.to_original(tokens[k].end, tokens[k + 1].start);
            b.append_replacement(" ", gs, ge);
            word_start = tokens[k + 1].start;
          }
          word.clear();
        }
      }
      cursor = tokens[run_end - 1].end;
      changed = true;
      t = run_end;
      continue;
    }
    // A single word: read leetspeak in it.
    const Token& token = tokens[t];
    word.assign(text.substr(token.start, token.end - token.start));
    if (read_leet(word)) {
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
