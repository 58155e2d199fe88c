#include "core/detectors/planted_task.h"

#include <algorithm>
#include <array>
#include <string>
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
constexpr std::array<std::string_view, 24> kAnchors = {
    "you",  "you're", "yours", "yourself", "we",    "we're",    "our",      "ours",
    "us",   "my",     "mine",  "this",     "that",  "these",    "those",    "it",
    "it's", "its",    "here",  "above",    "below", "attached", "enclosed", "following"};

// "your" is allowed before what the assistant writes: "... in your message".
constexpr std::array<std::string_view, 7> kOutputNouns = {"answer",  "answers", "reply", "response",
                                                          "message", "output",  "text"};

// Four-letter-plus words that carry no subject.
constexpr std::array<std::string_view, 40> kFunctionWords = {
    "about", "after", "again", "also", "been", "being", "both",  "does",  "each", "every",
    "from",  "have",  "into",  "just", "like", "many",  "more",  "most",  "much", "only",
    "other", "over",  "same",  "some", "such", "than",  "their", "them",  "then", "there",
    "they",  "very",  "were",  "what", "when", "where", "which", "while", "will", "with"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

struct Word {
  std::size_t start, end;
  std::string_view lower;
  bool capitalised;
  bool opens_sentence;  // first word of a sentence, or of a clause after ':'
  bool glued;           // capitalised right after a lower-case word, only spaces between
  std::size_t sentence;
};

struct Sentence {
  std::size_t first, last;  // word indices, inclusive
  char mark;                // '.', '!', '?', '\n', '|' or 0 at the end of the text
};

bool letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0x80;
}

void split(std::string_view text, std::string_view lowered, std::vector<Word>& words,
           std::vector<Sentence>& sentences) {
  bool sentence_open = false, clause_start = true, only_spaces = false;
  const auto close = [&](char mark) {
    if (sentence_open)
      sentences.push_back(
          {sentences.empty() ? 0 : sentences.back().last + 1, words.size() - 1, mark});
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
      words.push_back(
          {pos, j, lowered.substr(pos, j - pos), capital, clause_start, glued, sentences.size()});
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

// The first five letters: "rivers" and "river's" meet "river".
std::string_view stem(std::string_view w) {
  return w.substr(0, 5);
}

bool content_word(std::string_view w) {
  return w.size() >= 4 && !one_of(kFunctionWords, w);
}

// Whether words[from..last] (a task's words) read as a task: no anchors, two or more content
// words, none of them found among the document's other words.
bool foreign_task(const std::vector<Word>& words, std::size_t from, std::size_t last) {
  std::vector<std::string_view> content;
  for (std::size_t i = from; i <= last; ++i) {
    const std::string_view w = words[i].lower;
    if (w == "your") {
      if (i == last || !one_of(kOutputNouns, words[i + 1].lower)) return false;
      continue;
    }
    if (one_of(kAnchors, w)) return false;
    if (i > from && content_word(w)) content.push_back(stem(w));
  }
  constexpr std::size_t kMinOtherWords = 12;
  if (content.size() < 2 || words.size() - (last - from + 1) < kMinOtherWords) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == from) i = last + 1;
    if (i >= words.size()) break;
    if (content_word(words[i].lower) &&
        std::find(content.begin(), content.end(), stem(words[i].lower)) != content.end())
      return false;
  }
  return true;
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> find_planted_task(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::vector<Word> words;
  std::vector<Sentence> sentences;
  split(text, lowered, words, sentences);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const Word& w = words[i];
    // A word, then a space: `"name": net.name` in code is no command.
    if ((!w.opens_sentence && !w.glued) || text[w.end] != ' ') continue;
    const Sentence& s = sentences[w.sentence];
    const bool question = s.mark == '?' && one_of(kQuestionWords, w.lower) &&
                          one_of(kAuxiliaries, words[i + 1].lower);
    const bool command = s.mark != '?' && one_of(kTaskVerbs, w.lower) &&
                         !words[i + 1].capitalised && words[i + 1].sentence == w.sentence;
    if ((question || command) && foreign_task(words, i, s.last))
      return std::pair{w.start, words[s.last].end + (s.mark == '?' ? 1 : 0)};
  }
  return std::nullopt;
}

}  // namespace llmsec
