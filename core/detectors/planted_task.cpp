#include "core/detectors/planted_task.h"

#include <algorithm>
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <vector>

namespace llmsec {
namespace {

// Verbs that set an assistant a task. Not the verbs mail uses on its reader (book, click,
// reply, install, add, send...): those are the document's own business.
constexpr std::array<std::string_view, 40> kTaskVerbs = {
    "analyse",   "analyze",   "calculate", "classify",   "compare",  "compose",   "compute",
    "convert",   "count",     "create",    "define",     "describe", "discuss",   "draft",
    "enumerate", "evaluate",  "explain",   "generate",   "give",     "identify",  "jumble",
    "list",      "name",      "outline",   "paraphrase", "predict",  "recite",    "recommend",
    "rewrite",   "scramble",  "solve",     "spell",      "suggest",  "summarise", "summarize",
    "tell",      "translate", "write",     "reverse",    "rank"};

constexpr std::array<std::string_view, 8> kQuestionWords = {"what", "how",  "who",   "which",
                                                            "why",  "when", "where", "whom"};
constexpr std::array<std::string_view, 15> kAuxiliaries = {
    "is",    "are",   "was",    "were", "do",   "does", "did", "can",
    "could", "would", "should", "will", "many", "much", "to"};

// Words that speak to someone in the document or point into it.
constexpr std::array<std::string_view, 21> kAnchors = {
    "you",   "you're", "yours", "yourself", "we",       "we're",    "our",
    "ours",  "us",     "my",    "mine",     "this",     "that",     "these",
    "those", "here",   "above", "below",    "attached", "enclosed", "following"};

// Words that point forward, at a quotation the task itself brings ("Translate the following
// sentence: '...'"), when one follows the task's colon.
constexpr std::array<std::string_view, 2> kForwardAnchors = {"following", "below"};

// "It" points into the document when it is the task's object ("Translate it"); after the
// task has named its own object it points back at that ("Write a poem and put it first").
constexpr std::array<std::string_view, 3> kPronouns = {"it", "it's", "its"};

// "your" is allowed before what the assistant writes: "... in your message".
constexpr std::array<std::string_view, 7> kAfterYour = {"answer",  "answers", "reply", "response",
                                                        "message", "output",  "text"};

// Four-letter-plus words that carry no subject.
constexpr std::array<std::string_view, 40> kFunctionWords = {
    "about", "after", "again", "also", "been", "being", "both",  "does",  "each", "every",
    "from",  "have",  "into",  "just", "like", "many",  "more",  "most",  "much", "only",
    "other", "over",  "same",  "some", "such", "than",  "their", "them",  "then", "there",
    "they",  "very",  "were",  "what", "when", "where", "which", "while", "will", "with"};

// A word's first eight bytes, ASCII letters in lower case, packed into an integer.
std::uint64_t pack(std::string_view w) {
  std::uint64_t key = 0;
  for (char c : w.substr(0, 8)) {
    const auto u = static_cast<unsigned char>(c);
    key = (key << 8) | (static_cast<unsigned>(u - 'A') < 26 ? u | 0x20 : u);
  }
  return key;
}

// A word as lists compare it: its first eight letters and its length. Word lists are
// looked up by binary search in these, never by comparing strings.
struct Key {
  std::uint64_t prefix;
  std::size_t size;
  auto operator<=>(const Key&) const = default;
};

Key key_of(std::string_view w) {
  return {pack(w), w.size()};
}

template <std::size_t N>
class WordSet {
 public:
  explicit WordSet(const std::array<std::string_view, N>& words) {
    for (std::size_t i = 0; i < N; ++i) keys_[i] = key_of(words[i]);
    std::sort(keys_.begin(), keys_.end());
  }
  bool contains(const Key& k) const { return std::binary_search(keys_.begin(), keys_.end(), k); }

 private:
  std::array<Key, N> keys_;
};

// A word of the text (not word_shingles.h's Word: this one knows its sentence).
struct Token {
  std::uint32_t start, end;
  std::uint32_t sentence;
  bool capitalised;
  bool opens_sentence;  // first word of a sentence, or of a clause after ':'
  bool glued;           // capitalised right after a lower-case word, only spaces between
};

// Words are keyed when looked at (most never are): the sentence openers, and all of them
// once a sentence reads as a task.
Key key_of(std::string_view text, const Token& w) {
  return key_of(text.substr(w.start, w.end - w.start));
}

// The first five letters: "rivers" and "river's" meet "river".
std::uint64_t stem_of(const Key& k) {
  return k.prefix >> (8 * (std::min<std::size_t>(k.size, 8) - std::min<std::size_t>(k.size, 5)));
}

struct Sentence {
  std::size_t last;  // the index of its last word
  char mark;         // '.', '!', '?', '\n', '|' or 0 at the end of the text
};

bool letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0x80;
}

void split(std::string_view text, std::vector<Token>& words, std::vector<Sentence>& sentences) {
  words.reserve(text.size() / 5);
  bool sentence_open = false, clause_start = true, only_spaces = false;
  const auto close = [&](char mark) {
    if (sentence_open) sentences.push_back({words.size() - 1, mark});
    sentence_open = false;
    clause_start = true;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (letter(c) && c != '\'') {
      std::size_t j = pos + 1;
      while (j < text.size() && letter(static_cast<unsigned char>(text[j]))) ++j;
      const bool capital = c >= 'A' && c <= 'Z';
      const bool glued =
          capital && sentence_open && only_spaces && !words.empty() && !words.back().capitalised;
      words.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(j),
                       static_cast<std::uint32_t>(sentences.size()), capital, clause_start, glued});
      sentence_open = true;
      clause_start = false;
      only_spaces = true;
      pos = j;
      continue;
    }
    ++pos;
    if (c != ' ') only_spaces = false;
    const bool stop = (c == '.' || c == '!' || c == '?') &&
                      (pos == text.size() || text[pos] == ' ' || text[pos] == '\n' ||
                       text[pos] == '\r' || text[pos] == '\t');
    if (stop || c == '\n' || c == '|')
      close(static_cast<char>(c));
    else if (c == ':')
      clause_start = true;
  }
  close(0);
}

// Whether a quotation opens between a colon and the word after it, or with that word:
// straight quotes and backticks stand between, while curly and angle quotes, being
// non-ASCII, are read as the word's first letters.
bool opens_quotation(std::string_view gap, std::string_view word) {
  if (gap.find_first_of("'\"`") != std::string_view::npos) return true;
  for (std::string_view quote : {"\u201C", "\u2018", "\u00AB", "\u201E"})
    if (word.starts_with(quote)) return true;
  return false;
}

// Four letters or more and not a function word (all of which have five letters or fewer).
bool content_word(const Key& k) {
  static const WordSet function_words(kFunctionWords);
  return k.size >= 4 && (k.size > 5 || !function_words.contains(k));
}

// The stems of a document's content words, sorted: how often each occurs, in O(log n).
class StemCounts {
 public:
  StemCounts(std::string_view text, const std::vector<Token>& words) {
    for (const Token& w : words)
      if (const Key k = key_of(text, w); content_word(k)) stems_.push_back(stem_of(k));
    std::sort(stems_.begin(), stems_.end());
  }
  std::size_t count(std::uint64_t stem) const {
    const auto [first, last] = std::equal_range(stems_.begin(), stems_.end(), stem);
    return static_cast<std::size_t>(last - first);
  }

 private:
  std::vector<std::uint64_t> stems_;
};

// Whether words[from..last] (a task's words) read as a task: no anchors, two or more content
// words, none of them found among the document's other words. `counts` is made on first use.
bool foreign_task(std::string_view text, const std::vector<Token>& words, std::size_t from,
                  std::size_t last, std::optional<StemCounts>& counts) {
  static const WordSet anchors(kAnchors);
  static const WordSet pronouns(kPronouns);
  static const WordSet after_your(kAfterYour);
  static const Key your = key_of("your");
  static const WordSet forward_anchors(kForwardAnchors);
  // "Translate the following sentence to French: 'Hello, how are you?'": a quotation after
  // the colon is the task's material, and "following" points at it, not into the document.
  // Within a sentence only a colon opens a clause.
  std::size_t quotation = last + 1;  // the quotation's first word, if there is one
  for (std::size_t i = from + 1; i <= last; ++i)
    if (words[i].opens_sentence) {
      const std::size_t colon = text.find_last_of(':', words[i].start);
      if (opens_quotation(text.substr(colon + 1, words[i].start - colon - 1),
                          text.substr(words[i].start, words[i].end - words[i].start)))
        quotation = i;
      break;
    }
  std::vector<std::uint64_t> content;
  for (std::size_t i = from; i < quotation; ++i) {
    const Key k = key_of(text, words[i]);
    if (quotation <= last && forward_anchors.contains(k)) continue;
    if (k == your) {
      if (i == last || !after_your.contains(key_of(text, words[i + 1]))) return false;
      continue;
    }
    if (anchors.contains(k) || (pronouns.contains(k) && content.empty())) return false;
    if (i > from && content_word(k)) content.push_back(stem_of(k));
  }
  constexpr std::size_t kMinOtherWords = 12;
  if (content.size() < 2 || words.size() - (last - from + 1) < kMinOtherWords) return false;
  if (!counts) counts.emplace(text, words);
  // A stem is the task's own when all its occurrences are in the task; the opener is
  // counted in the document, so it is counted in the task too.
  const Key opener = key_of(text, words[from]);
  const std::optional<std::uint64_t> opener_stem =
      content_word(opener) ? std::optional(stem_of(opener)) : std::nullopt;
  std::sort(content.begin(), content.end());
  for (auto it = content.begin(); it != content.end();) {
    const auto next = std::upper_bound(it, content.end(), *it);
    std::size_t in_task = static_cast<std::size_t>(next - it);
    if (opener_stem == *it) ++in_task;
    if (counts->count(*it) > in_task) return false;
    it = next;
  }
  return true;
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> find_planted_task(std::string_view text) {
  static const WordSet task_verbs(kTaskVerbs);
  static const WordSet question_words(kQuestionWords);
  static const WordSet auxiliaries(kAuxiliaries);
  std::vector<Token> words;
  std::vector<Sentence> sentences;
  split(text, words, sentences);
  std::optional<StemCounts> counts;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const Token& w = words[i];
    // A word, then a space: `"name": net.name` in code is no command.
    if ((!w.opens_sentence && !w.glued) || text[w.end] != ' ') continue;
    const Sentence& s = sentences[w.sentence];
    const Key k = key_of(text, w);
    const bool question = s.mark == '?' && question_words.contains(k) &&
                          auxiliaries.contains(key_of(text, words[i + 1]));
    const bool command = s.mark != '?' && task_verbs.contains(k) && !words[i + 1].capitalised &&
                         words[i + 1].sentence == w.sentence;
    if ((question || command) && foreign_task(text, words, i, s.last, counts))
      return std::pair<std::size_t, std::size_t>{w.start,
                                                 words[s.last].end + (s.mark == '?' ? 1 : 0)};
  }
  return std::nullopt;
}

}  // namespace llmsec
