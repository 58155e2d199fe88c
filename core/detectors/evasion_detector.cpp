#include "core/detectors/evasion_detector.h"

#include <map>

#include "core/text/unicode.h"
#include "core/text/utf8.h"

namespace llmsec {
namespace {

struct CodePoint {
  char32_t value;
  std::size_t start, end;
};

bool latin_like(const CodePoint* cp) {
  if (!cp) return false;
  const LookAlikeScript s = look_alike_script(cp->value);
  return s == LookAlikeScript::kLatin || s == LookAlikeScript::kCyrillic ||
         s == LookAlikeScript::kGreek;
}

// A character of a Latin, Cyrillic or Greek word or of an identifier: where an invisible
// character has no business.
bool in_word(const CodePoint* cp) {
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

// Words: runs of letters, marks and the invisible characters that hide inside them.
void check_words(const std::vector<CodePoint>& cps, Reporter& report) {
  std::size_t latin_letters = 0, letters = 0;
  for (const CodePoint& cp : cps) {
    const LookAlikeScript s = look_alike_script(cp.value);
    if (s == LookAlikeScript::kNone) continue;
    ++letters;
    latin_letters += s == LookAlikeScript::kLatin;
  }
  const bool latin_text = letters > 0 && latin_letters * 10 >= letters * 6;
  for (std::size_t i = 0; i < cps.size();) {
    if (!is_letter(cps[i].value)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t latin = 0, foreign = 0, foreign_look_alike = 0;
    while (j < cps.size() &&
           (is_letter(cps[j].value) || is_invisible(cps[j].value) || is_joiner(cps[j].value))) {
      switch (look_alike_script(cps[j].value)) {
        case LookAlikeScript::kLatin:
          ++latin;
          break;
        case LookAlikeScript::kCyrillic:
        case LookAlikeScript::kGreek:
          ++foreign;
          foreign_look_alike += looks_like_ascii(cps[j].value);
          break;
        default:
          break;
      }
      ++j;
    }
    const std::size_t start = cps[i].start, end = cps[j - 1].end;
    if (latin >= 1 && foreign_look_alike >= 1 && latin + foreign >= 3)
      report.add("mixed_script_word", Severity::kHigh, 0.7, start, end);
    else if (latin_text && latin == 0 && foreign >= 3 && foreign_look_alike == foreign)
      report.add("look_alike_word", Severity::kMedium, 0.6, start, end);
    i = j;
  }
}

void check_code_points(const std::vector<CodePoint>& cps, Reporter& report) {
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i].value;
    if (c < 0x80) continue;  // every character checked here is outside ASCII
    const CodePoint* before = i > 0 ? &cps[i - 1] : nullptr;
    const CodePoint* after = i + 1 < cps.size() ? &cps[i + 1] : nullptr;
    if (is_bidi_control(c)) {
      if (is_bidi_override_or_isolate(c))
        report.add("bidi_override", Severity::kHigh, 0.9, cps[i].start, cps[i].end);
      else
        report.add("bidi_embedding", Severity::kMedium, 0.6, cps[i].start, cps[i].end);
    } else if (is_tag(c)) {
      // An emoji subdivision flag: U+1F3F4, tag letters, U+E007F cancel tag.
      std::size_t j = i;
      while (j < cps.size() && is_tag(cps[j].value)) ++j;
      const bool flag =
          before && before->value == 0x1F3F4 && cps[j - 1].value == 0xE007F && j - i <= 7;
      if (!flag) report.add("tag_characters", Severity::kHigh, 0.9, cps[i].start, cps[j - 1].end);
      i = j - 1;
    } else if (is_invisible(c)) {
      // A soft hyphen is how hyphenation points are marked in honest text; the
      // normalised view drops it anyway, so it can hide nothing from the detectors.
      if (c != 0x00AD && in_word(before) && in_word(after))
        report.add("invisible_in_word", Severity::kMedium, 0.6, cps[i].start, cps[i].end);
    } else if (is_joiner(c)) {
      if (in_word(before) && in_word(after))
        report.add("joiner_in_word", Severity::kMedium, 0.6, cps[i].start, cps[i].end);
    } else if (is_variation_selector(c)) {
      std::size_t j = i;
      while (j < cps.size() && is_variation_selector(cps[j].value)) ++j;
      if (j - i >= 3)
        report.add("variation_selector_run", Severity::kHigh, 0.8, cps[i].start, cps[j - 1].end);
      else if (latin_like(before))
        report.add("variation_selector_on_letter", Severity::kMedium, 0.5, cps[i].start,
                   cps[j - 1].end);
      i = j - 1;
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
  std::vector<CodePoint> cps;
  cps.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const auto byte = static_cast<unsigned char>(text[i]);
    const char32_t c = byte < 0x80 ? (++i, char32_t{byte}) : next_code_point(text, i);
    cps.push_back({c, start, i});
  }
  check_code_points(cps, report);
  check_words(cps, report);
}

}  // namespace llmsec
