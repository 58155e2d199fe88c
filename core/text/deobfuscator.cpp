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

// Maps leet characters of a word to letters when the word also holds a letter.
bool read_leet(std::string& word) {
  bool letter = false, leet = false;
  for (char c : word) {
    letter |= is_letter(c);
    leet |= !is_letter(c) && leet_letter(c) != c;
  }
  if (!letter || !leet) return false;
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
      // The usual separator is the narrowest gap in the original text; a wider one, or a
      // different one, ends a word.
      std::size_t narrowest = SIZE_MAX;
      std::string usual;
      for (std::size_t k = t + 1; k < run_end; ++k) {
        const auto [os, oe] = normalized.to_original(tokens[k - 1].end, tokens[k].start);
        if (oe - os < narrowest) {
          narrowest = oe - os;
          usual = std::string(text.substr(tokens[k - 1].end, tokens[k].start - tokens[k - 1].end));
        }
      }
      word.clear();
      std::size_t word_start = tokens[t].start;
      for (std::size_t k = t; k < run_end; ++k) {
        word += text[tokens[k].start];
        const bool last = k + 1 == run_end;
        bool word_ends = last;
        if (!last) {
          const auto [os, oe] = normalized.to_original(tokens[k].end, tokens[k + 1].start);
          const std::string_view gap = text.substr(tokens[k].end, tokens[k + 1].start - tokens[k].end);
          word_ends = oe - os > narrowest || gap != usual;
        }
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
