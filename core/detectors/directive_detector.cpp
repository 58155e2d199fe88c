#include "core/detectors/directive_detector.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace llmsec {
namespace {

// Verbs that open a command about what to write, add, change or run.
constexpr std::array<std::string_view, 119> kCommandVerbs = {
    "add",       "adopt",      "alter",      "append",      "apply",     "arrange",  "assimilate",
    "avoid",     "begin",      "blend",      "change",      "combine",   "compose",  "consider",
    "convert",   "copy",       "create",     "delete",      "deploy",    "describe", "draft",
    "drop",      "embed",      "employ",     "emphasise",   "emphasize", "encode",   "encourage",
    "end",       "ensure",     "enhance",    "enrich",      "execute",   "explain",  "express",
    "feature",   "finish",     "format",     "fuse",        "give",      "group",    "highlight",
    "hide",      "ignore",     "include",    "incorporate", "infuse",    "inject",   "insert",
    "integrate", "interweave", "introduce",  "jumble",      "keep",      "let",      "leverage",
    "list",      "make",       "meld",       "mention",     "merge",     "misspell", "modify",
    "offer",     "omit",       "paste",      "place",       "praise",    "prepend",  "promote",
    "provide",   "put",        "rearrange",  "recommend",   "refer",     "remember", "remind",
    "remove",    "rename",     "rephrase",   "replace",     "respond",   "restate",  "reverse",
    "rewrite",   "run",        "say",        "scramble",    "separate",  "share",    "shuffle",
    "sign",      "sort",       "spell",      "start",       "state",     "stress",   "substitute",
    "suggest",   "summarise",  "summarize",  "swap",        "tease",     "tell",     "translate",
    "transform", "turn",       "type",       "urge",        "use",       "weave",    "wrap",
    "write",     "capitalize", "capitalise", "attach",      "advertise", "direct",   "link"};

// Words that may stand before the verb of a command: "Also, add ...", "Please include ...".
constexpr std::array<std::string_view, 16> kLeadIns = {
    "also", "additionally", "then",         "now",       "finally", "please", "kindly", "and",
    "so",   "seamlessly",   "harmoniously", "carefully", "always",  "just",   "simply", "subtly"};

// What the reader of the document writes: the target of a reply-shaping command.
constexpr std::array<std::string_view, 12> kOutputNouns = {
    "answer", "answers", "reply",       "replies",     "response",  "responses",
    "output", "summary", "explanation", "elucidation", "summaries", "outputs"};

// The reader's own code: where a code-insertion command wants the snippet.
constexpr std::array<std::string_view, 10> kCodeNouns = {
    "code",    "implementation", "solution", "codebase", "algorithm",
    "program", "project",        "script",   "app",      "application"};

// What a document offers to be put into the reader's code.
constexpr std::array<std::string_view, 8> kSnippetNouns = {
    "code", "snippet", "excerpt", "block", "helper", "function", "lines", "section"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

struct Word {
  std::size_t start, end;  // in the view
  std::string lower;
  bool capitalised;
  bool opens_clause;  // first word after a sentence or clause mark
  std::size_t sentence;
};

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

// Words with their sentence and clause positions. Sentences end at . ! ? followed by space,
// at line breaks and at '|' (the field separator of mail and table dumps); clauses also at
// , ; : ( ) and quotes.
std::vector<Word> words_of(std::string_view text, std::vector<char>& sentence_end) {
  std::vector<Word> words;
  bool new_sentence = true, new_clause = true;
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (is_letter(c)) {
      std::size_t j = i;
      std::string lower;
      while (j < text.size() && is_letter(text[j])) {
        lower +=
            static_cast<char>(text[j] >= 'A' && text[j] <= 'Z' ? text[j] - 'A' + 'a' : text[j]);
        ++j;
      }
      words.push_back(
          Word{i, j, std::move(lower), c >= 'A' && c <= 'Z', new_clause || new_sentence, sentence});
      new_sentence = new_clause = false;
      i = j;
      continue;
    }
    const bool stop = (c == '.' || c == '!' || c == '?') &&
                      (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                       text[i + 1] == '\t' || text[i + 1] == '\r');
    if (stop || c == '\n' || c == '|') {
      if (!new_sentence) {
        sentence_end.push_back(c);
        ++sentence;
      }
      new_sentence = true;
    } else if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '`') {
      new_clause = true;
    }
    ++i;
  }
  sentence_end.push_back('.');
  return words;
}

// Whether words[i] opens a command: a command verb at the start of a sentence or clause, or
// capitalised mid-sentence (where an inserted sentence begins without a full stop before
// it), after any lead-ins; or "you must/should/need to/may ...".
bool opens_command(const std::vector<Word>& words, std::size_t i) {
  std::size_t k = i;
  const auto at_start = [&](std::size_t at) {
    return words[at].opens_clause || words[at].capitalised;
  };
  if (!at_start(k)) return false;
  while (k + 1 < words.size() && one_of(kLeadIns, words[k].lower) &&
         words[k + 1].sentence == words[k].sentence)
    ++k;
  if (one_of(kCommandVerbs, words[k].lower)) return true;
  if (words[k].lower == "you" && k + 1 < words.size()) {
    const std::string& modal = words[k + 1].lower;
    return modal == "must" || modal == "should" || modal == "need" || modal == "may" ||
           modal == "will" || modal == "shall";
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<DirectiveDetector>> DirectiveDetector::create(const DirectiveSpec& spec) {
  for (double score :
       {spec.reply_shaping_score, spec.reply_mention_score, spec.code_insertion_score})
    if (!(score > 0 && score <= 1)) return Error{"directive scores must be in (0, 1]"};
  return std::unique_ptr<DirectiveDetector>(new DirectiveDetector(spec));
}

void DirectiveDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  if (input.segment.role != Role::kTool && input.segment.role != Role::kDocument) return;
  // Every view: the original keeps the capitals that mark where an inserted sentence
  // begins; the others undo obfuscation, with case folded, so there only sentence and
  // clause starts open a command.
  Reported reported;
  for (const TextView& view : input.views) scan_view(view, input.segment_index, reported, out);
  if (reported.mention && !reported.reply)
    out.push_back(Finding{
        .detector = "directives",
        .category = "indirect_injection",
        .rule = "directive.reply_mention",
        .severity = Severity::kMedium,
        .score = spec_.reply_mention_score,
        .segment = input.segment_index,
        .start = reported.mention->first,
        .end = reported.mention->second,
        .view = reported.mention_view,
    });
}

void DirectiveDetector::scan_view(const TextView& text_view, std::size_t segment,
                                  Reported& reported, std::vector<Finding>& out) const {
  std::vector<char> sentence_end;
  const std::vector<Word> words = words_of(text_view.text(), sentence_end);
  constexpr std::size_t kReach = 12;  // words from the verb to what it is about
  // "... in your reply" outside a command: weaker, and reported only when no command is.
  for (std::size_t i = 2; i < words.size() && !reported.mention; ++i) {
    const std::string& before = words[i - 2].lower;
    if (words[i - 1].lower == "your" && one_of(kOutputNouns, words[i].lower) &&
        (before == "in" || before == "into" || before == "to" || before == "throughout") &&
        sentence_end[words[i].sentence] != '?') {
      reported.mention = text_view.to_original(words[i - 2].start, words[i].end);
      reported.mention_view = std::string(text_view.name());
    }
  }
  for (std::size_t i = 0; i < words.size() && !(reported.reply && reported.code); ++i) {
    // "In your response, suggest ...": the output named before the command.
    const bool output_first = words[i].lower == "in" && i + 3 < words.size() &&
                              words[i + 1].lower == "your" &&
                              one_of(kOutputNouns, words[i + 2].lower) &&
                              words[i + 3].opens_clause && opens_command(words, i + 3);
    if (!output_first && !opens_command(words, i)) continue;
    if (sentence_end[words[i].sentence] == '?') continue;  // a question, not a command
    bool reply = output_first, following_code = false, your_code = false;
    std::size_t last = output_first ? i + 2 : i;
    for (std::size_t j = i + 1;
         j < words.size() && j <= i + kReach + 4 && words[j].sentence == words[i].sentence; ++j) {
      // "your answer", and with one word between: "your entire answer"
      const bool your = words[j - 1].lower == "your" ||
                        (j >= i + 2 && words[j - 2].lower == "your" && words[j - 1].lower != "own");
      if (your && one_of(kOutputNouns, words[j].lower) && j <= i + kReach) {
        reply = true;
        last = std::max(last, j);
      }
      if (your && one_of(kCodeNouns, words[j].lower)) {
        your_code = true;
        last = std::max(last, j);
      }
      // "the following code block", "the subsequent snippet", "the helper below"
      const std::string& previous = words[j - 1].lower;
      const bool next_is_below = j + 1 < words.size() && words[j + 1].lower == "below";
      if (one_of(kSnippetNouns, words[j].lower) &&
          (previous == "following" || previous == "subsequent" || previous == "below" ||
           next_is_below)) {
        following_code = true;
        last = std::max(last, next_is_below ? j + 1 : j);
      }
    }
    const bool code = following_code && your_code;
    if (!(reply && !reported.reply) && !(code && !reported.code)) continue;
    const auto [start, end] = text_view.to_original(words[i].start, words[last].end);
    const bool as_code = code && !reported.code;
    (as_code ? reported.code : reported.reply) = true;
    out.push_back(Finding{
        .detector = "directives",
        .category = "indirect_injection",
        .rule = as_code ? "directive.code_insertion" : "directive.reply_shaping",
        .severity = Severity::kMedium,
        .score = as_code ? spec_.code_insertion_score : spec_.reply_shaping_score,
        .segment = segment,
        .start = start,
        .end = end,
        .view = std::string(text_view.name()),
    });
  }
}

}  // namespace llmsec
