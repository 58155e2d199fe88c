#include "core/detectors/directive_detector.h"

#include "core/detectors/planted_task.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// What the reader does to its own code: "the code you develop".
constexpr std::array<std::string_view, 7> kAuthoringVerbs = {
    "develop", "write", "build", "create", "produce", "generate", "implement"};

// What a document offers to be put into the reader's code.
constexpr std::array<std::string_view, 8> kSnippetNouns = {
    "code", "snippet", "excerpt", "block", "helper", "function", "lines", "section"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// An output noun, or its possessive: "your answer's words" name the answer.
bool output_noun(std::string_view w) {
  if (w.size() > 3 && w.ends_with("'s")) w.remove_suffix(2);
  return one_of(kOutputNouns, w);
}

bool command_verb(std::string_view w) {
  static const std::array<std::string_view, kCommandVerbs.size()> sorted = [] {
    auto verbs = kCommandVerbs;
    std::sort(verbs.begin(), verbs.end());
    return verbs;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), w);
}

struct Word {
  std::size_t start, end;  // in the view
  std::string_view lower;  // in the view's lower-cased copy
  bool capitalised;
  bool opens_clause;  // first word after a sentence or clause mark
};

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

// Reads the sentence of `text` that starts at `pos` into `words`, their text taken from
// `lowered` (the text with ASCII letters in lower case), and moves `pos` past it. Returns
// the mark that ended it, or 0 when no words remain. Sentences end at . ! ? followed by
// space, at line breaks and at '|' (the field separator of mail and table dumps), and after
// kMaxSentenceWords words; clauses also at , ; : ( ) and quotes.
char next_sentence(std::string_view text, std::string_view lowered, std::size_t& pos,
                   std::vector<Word>& words) {
  constexpr std::size_t kMaxSentenceWords = 512;
  words.clear();
  bool new_clause = true;
  while (pos < text.size()) {
    const char c = text[pos];
    if (is_letter(c)) {
      std::size_t j = pos + 1;
      while (j < text.size() && is_letter(text[j])) ++j;
      words.push_back(Word{pos, j, lowered.substr(pos, j - pos), c >= 'A' && c <= 'Z', new_clause});
      new_clause = false;
      pos = j;
      if (words.size() == kMaxSentenceWords) return '.';
      continue;
    }
    ++pos;
    const bool stop = (c == '.' || c == '!' || c == '?') &&
                      (pos == text.size() || text[pos] == ' ' || text[pos] == '\n' ||
                       text[pos] == '\t' || text[pos] == '\r');
    if ((stop || c == '\n' || c == '|') && !words.empty()) return c;
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '`')
      new_clause = true;
  }
  return words.empty() ? 0 : '.';
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
  while (k + 1 < words.size() && one_of(kLeadIns, words[k].lower)) ++k;
  if (command_verb(words[k].lower)) return true;
  if (words[k].lower == "you" && k + 1 < words.size()) {
    const std::string_view modal = words[k + 1].lower;
    return modal == "must" || modal == "should" || modal == "need" || modal == "may" ||
           modal == "will" || modal == "shall";
  }
  return false;
}

Finding directive_finding(std::string rule, double score, std::size_t segment, std::size_t start,
                          std::size_t end, std::string view) {
  return Finding{
      .detector = "directives",
      .category = "indirect_injection",
      .rule = std::move(rule),
      .severity = Severity::kMedium,
      .score = score,
      .segment = segment,
      .start = start,
      .end = end,
      .view = std::move(view),
  };
}

// What one segment's views have reported so far: each kind once per segment.
struct Reported {
  bool reply = false, code = false;
  std::optional<std::pair<std::size_t, std::size_t>> mention;  // original offsets
  std::string mention_view;
};

void scan_sentence(const DirectiveSpec& spec, const std::vector<Word>& words,
                   const TextView& text_view, std::size_t segment, Reported& reported,
                   std::vector<Finding>& out) {
  constexpr std::size_t kReach = 12;  // words from the verb to what it is about
  // "... in your reply" outside a command: weaker, and reported only when no command is.
  for (std::size_t i = 2; i < words.size() && !reported.mention; ++i) {
    const std::string_view before = words[i - 2].lower;
    if (words[i - 1].lower == "your" && one_of(kOutputNouns, words[i].lower) &&
        (before == "in" || before == "into" || before == "to" || before == "throughout")) {
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
    bool reply = output_first, following_code = false, your_code = false;
    std::size_t last = output_first ? i + 2 : i;
    for (std::size_t j = i + 1; j < words.size() && j <= i + kReach + 4; ++j) {
      // "your answer", and with one word between: "your entire answer"
      const bool your = words[j - 1].lower == "your" ||
                        (j >= i + 2 && words[j - 2].lower == "your" && words[j - 1].lower != "own");
      if (your && output_noun(words[j].lower) && j <= i + kReach) {
        reply = true;
        last = std::max(last, j);
      }
      // "your code", or "the code you write/develop"
      const bool yours_after = j + 2 < words.size() && words[j + 1].lower == "you" &&
                               one_of(kAuthoringVerbs, words[j + 2].lower);
      if ((your || yours_after) && one_of(kCodeNouns, words[j].lower)) {
        your_code = true;
        last = std::max(last, j);
      }
      // "the following code block", "the subsequent snippet", "the helper below"
      const std::string_view previous = words[j - 1].lower;
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
    out.push_back(
        directive_finding(as_code ? "directive.code_insertion" : "directive.reply_shaping",
                          as_code ? spec.code_insertion_score : spec.reply_shaping_score, segment,
                          start, end, std::string(text_view.name())));
  }
}

// Whether "you" (in "your", or "the code you write") appears in `text`, in any case.
bool mentions_you(std::string_view text) {
  for (std::size_t i = text.find_first_of("yY");
       i != std::string_view::npos && i + 3 <= text.size(); i = text.find_first_of("yY", i + 1))
    if ((text[i + 1] | 0x20) == 'o' && (text[i + 2] | 0x20) == 'u') return true;
  return false;
}

bool same_but_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] &&
        ((a[i] | 0x20) != (b[i] | 0x20) || (a[i] | 0x20) < 'a' || (a[i] | 0x20) > 'z'))
      return false;
  return true;
}

void scan_view(const DirectiveSpec& spec, const TextView& text_view, std::size_t segment,
               Reported& reported, std::vector<Finding>& out) {
  const std::string_view text = text_view.text();
  // Every finding names "your" or "you": most texts are done here, before any copy.
  if ((reported.reply && reported.code) || !mentions_you(text)) return;
  std::string lowered(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::vector<Word> words;  // of one sentence
  for (std::size_t pos = 0; !(reported.reply && reported.code);) {
    const char mark = next_sentence(text, lowered, pos, words);
    if (mark == 0) break;
    if (mark == '?') continue;  // a question, not a command
    scan_sentence(spec, words, text_view, segment, reported, out);
  }
}

}  // namespace

Result<std::unique_ptr<DirectiveDetector>> DirectiveDetector::create(const DirectiveSpec& spec) {
  for (double score : {spec.reply_shaping_score, spec.reply_mention_score,
                       spec.code_insertion_score, spec.planted_task_score})
    if (!(score > 0 && score <= 1)) return Error{"directive scores must be in (0, 1]"};
  return std::unique_ptr<DirectiveDetector>(new DirectiveDetector(spec));
}

void DirectiveDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  if (input.segment.role != Role::kTool && input.segment.role != Role::kDocument) return;
  // Every view: the original keeps the capitals that mark where an inserted sentence
  // begins; the others undo obfuscation, with case folded, so there only sentence and
  // clause starts open a command. A view that is the original in lower case (the
  // normalised view of plain text) can only find less, and is skipped.
  std::vector<const TextView*> views;
  for (const TextView& view : input.views)
    if (views.empty() || !same_but_case(view.text(), views.front()->text())) views.push_back(&view);
  Reported reported;
  for (const TextView* view : views) scan_view(spec_, *view, input.segment_index, reported, out);
  if (reported.mention && !reported.reply)
    out.push_back(directive_finding("directive.reply_mention", spec_.reply_mention_score,
                                    input.segment_index, reported.mention->first,
                                    reported.mention->second, reported.mention_view));
  // A planted task in the first view that has one, the original first: its capitals mark
  // where a task was glued in.
  for (const TextView* view : views)
    if (auto task = find_planted_task(view->text())) {
      const auto [start, end] = view->to_original(task->first, task->second);
      out.push_back(directive_finding("directive.planted_task", spec_.planted_task_score,
                                      input.segment_index, start, end, std::string(view->name())));
      break;
    }
}

}  // namespace llmsec
