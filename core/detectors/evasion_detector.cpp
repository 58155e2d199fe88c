#include "core/detectors/evasion_detector.h"

#include <map>
#include <optional>

#include "core/text/byte_vectors.h"
#include "core/text/unicode.h"
#include "core/text/utf8.h"

namespace llmsec {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t start, end;
};

CodePoint code_point_at(std::string_view text, std::size_t i) {
  const std::size_t start = i;
  const char32_t c = next_code_point(text, i);
  return {c, start, i};
}

// The code point that ends where `end` begins, if any: it starts at the last lead byte
// before `end`. Where invalid bytes leave no such code point, U+FFFD stands for the byte.
std::optional<CodePoint> code_point_before(std::string_view text, std::size_t end) {
  if (end == 0) return std::nullopt;
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  const CodePoint cp = code_point_at(text, start);
  if (cp.end == end) return cp;
  return CodePoint{kReplacementCharacter, end - 1, end};
}

std::optional<CodePoint> code_point_after(std::string_view text, const CodePoint& cp) {
  if (cp.end >= text.size()) return std::nullopt;
  return code_point_at(text, cp.end);
}

// The run of characters of one kind (`same`) that `first` begins: its last character and
// how many there are.
struct Run {
  CodePoint last;
  std::size_t count;
};

Run run_from(std::string_view text, const CodePoint& first, bool (*same)(char32_t)) {
  Run run{first, 1};
  for (auto next = code_point_after(text, first); next && same(next->value);
       next = code_point_after(text, *next))
    run.last = *next, ++run.count;
  return run;
}

bool latin_like(const std::optional<CodePoint>& cp) {
  return cp && is_look_alike_letter(cp->value);
}

// A character of a Latin, Cyrillic or Greek word or of an identifier: where an invisible
// character has no business.
bool in_word(const std::optional<CodePoint>& cp) {
  return cp && (cp->value == '_' || (cp->value >= '0' && cp->value <= '9') || latin_like(cp));
}

// Collects findings, at most a few per rule so that a hostile text cannot flood the report.
class Reporter {
 public:
  Reporter(const ScanInput& input, std::vector<Finding>& out) : input_(input), out_(out) {}
  void add(const char* rule, Severity severity, double score, std::size_t start, std::size_t end) {
    if (++counts_[rule] > 8) return;
    out_.push_back(Finding{.detector = "evasion",
                           .category = "evasion",
                           .rule = rule,
                           .severity = severity,
                           .score = score,
                           .segment = input_.segment_index,
                           .start = start,
                           .end = end,
                           .view = "original"});
  }

 private:
  const ScanInput& input_;
  std::vector<Finding>& out_;
  std::map<std::string, int> counts_;
};

void check_invalid_utf8(std::string_view text, Reporter& report) {
  if (is_valid_utf8(text)) return;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    const bool genuine =
        c == kReplacementCharacter && i - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD";
    if (c == kReplacementCharacter && !genuine)
      report.add("invalid_utf8", Severity::kLow, 0.3, start, i);
  }
}

// Whether most letters of the text are Latin (against Cyrillic, Greek and the rest).
// Sixteen ASCII bytes at a time, and what is beyond ASCII one code point at a time.
bool mostly_latin(std::string_view text) {
  std::size_t latin_letters = 0, letters = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i + 16 <= text.size()) {
      const Bytes v = load16(text, i);
      if (!any(v >= 0x80)) {
        const auto ascii_letters =
            static_cast<std::size_t>(count(static_cast<Bytes>((v | 0x20) - 'a') < 26));
        letters += ascii_letters;
        latin_letters += ascii_letters;
        i += 16;
        continue;
      }
    }
    const CodePoint cp = code_point_at(text, i);
    i = cp.end;
    const LookAlikeScript s = look_alike_script(cp.value);
    if (s == LookAlikeScript::kNone) continue;
    ++letters;
    latin_letters += s == LookAlikeScript::kLatin;
  }
  return letters > 0 && latin_letters * 10 >= letters * 6;
}

bool word_part(char32_t c) {
  return is_letter(c) || is_invisible(c) || is_joiner(c);
}

// Words: runs of letters, marks and the invisible characters that hide inside them, from
// their first letter on. Only a word with a character outside ASCII can mix scripts, so
// only the runs around such characters are looked at.
void check_words(std::string_view text, Reporter& report) {
  const bool latin_text = mostly_latin(text);
  for (std::size_t i = next_beyond_ascii(text, 0); i < text.size();
       i = next_beyond_ascii(text, i)) {
    std::size_t run_start = i;
    for (auto cp = code_point_before(text, i); cp && word_part(cp->value);
         cp = code_point_before(text, cp->start))
      run_start = cp->start;
    std::optional<std::size_t> word_start;
    std::size_t run_end = run_start, latin = 0, foreign = 0, foreign_look_alike = 0;
    while (run_end < text.size()) {
      const CodePoint cp = code_point_at(text, run_end);
      if (!word_part(cp.value)) break;
      run_end = cp.end;
      if (!is_letter(cp.value)) continue;
      if (!word_start) word_start = cp.start;
      switch (look_alike_script(cp.value)) {
        case LookAlikeScript::kLatin:
          ++latin;
          break;
        case LookAlikeScript::kCyrillic:
        case LookAlikeScript::kGreek:
          ++foreign;
          foreign_look_alike += looks_like_ascii(cp.value);
          break;
        default:
          break;
      }
    }
    if (run_end <= i) {  // the character at i is no part of a word
      i = code_point_at(text, i).end;
      continue;
    }
    i = run_end;
    if (!word_start) continue;
    if (latin >= 1 && foreign_look_alike >= 1 && latin + foreign >= 3)
      report.add("mixed_script_word", Severity::kHigh, 0.7, *word_start, run_end);
    else if (latin_text && latin == 0 && foreign >= 3 && foreign_look_alike == foreign)
      report.add("look_alike_word", Severity::kMedium, 0.6, *word_start, run_end);
  }
}

// Every character checked here is beyond ASCII.
void check_code_points(std::string_view text, Reporter& report) {
  for (std::size_t i = next_beyond_ascii(text, 0); i < text.size();
       i = next_beyond_ascii(text, i)) {
    const CodePoint cp = code_point_at(text, i);
    const char32_t c = cp.value;
    i = cp.end;
    const std::optional<CodePoint> before = code_point_before(text, cp.start);
    const std::optional<CodePoint> after = code_point_after(text, cp);
    if (is_bidi_control(c)) {
      if (is_bidi_override_or_isolate(c))
        report.add("bidi_override", Severity::kHigh, 0.9, cp.start, cp.end);
      else
        report.add("bidi_embedding", Severity::kMedium, 0.6, cp.start, cp.end);
    } else if (is_tag(c)) {
      // An emoji subdivision flag: U+1F3F4, tag letters, U+E007F cancel tag.
      const auto [last, count] = run_from(text, cp, is_tag);
      const bool flag = before && before->value == 0x1F3F4 && last.value == 0xE007F && count <= 7;
      if (!flag) report.add("tag_characters", Severity::kHigh, 0.9, cp.start, last.end);
      i = last.end;
    } else if (is_invisible(c)) {
      // A soft hyphen is how hyphenation points are marked in honest text; the
      // normalised view drops it anyway, so it can hide nothing from the detectors.
      if (c != 0x00AD && in_word(before) && in_word(after))
        report.add("invisible_in_word", Severity::kMedium, 0.6, cp.start, cp.end);
    } else if (is_joiner(c)) {
      if (in_word(before) && in_word(after))
        report.add("joiner_in_word", Severity::kMedium, 0.6, cp.start, cp.end);
    } else if (is_variation_selector(c)) {
      const auto [last, count] = run_from(text, cp, is_variation_selector);
      if (count >= 3)
        report.add("variation_selector_run", Severity::kHigh, 0.8, cp.start, last.end);
      else if (latin_like(before))
        report.add("variation_selector_on_letter", Severity::kMedium, 0.5, cp.start, last.end);
      i = last.end;
    }
  }
}

}  // namespace

Result<std::unique_ptr<EvasionDetector>> EvasionDetector::create(const EvasionSpec& spec) {
  return std::unique_ptr<EvasionDetector>(new EvasionDetector(spec));
}

void EvasionDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  const std::string_view text = input.segment.text;
  if (is_ascii(text)) return;  // every trick here needs a character outside ASCII
  Reporter report(input, out);
  check_invalid_utf8(text, report);
  check_code_points(text, report);
  check_words(text, report);
  // Words spelt in flag letters (decoders.h) hide a phrase from every word-based check,
  // whatever it says; no one writes a sentence in them to be read by a model.
  for (const TextView& view : input.views)
    if (view.name() == "decoded.flag_letters") {
      const auto [start, end] = view.to_original(0, view.text().size());
      report.add("flag_letters", Severity::kMedium, 0.55, start, end);
    }
}

}  // namespace llmsec
