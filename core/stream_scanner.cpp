#include "core/stream_scanner.h"

#include <algorithm>
#include <cctype>

namespace llmsec {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The first byte of a character at or after `i`.
std::size_t char_start(std::string_view text, std::size_t i) {
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// Whether the policy would redact or block a certain finding of `category` in an answer.
bool acts_on(const Policy& policy, const std::string& category) {
  ScanReport report;
  report.findings.push_back(Finding{.detector = "pii",
                                    .category = category,
                                    .rule = category,
                                    .severity = Severity::kHigh,
                                    .score = 1.0});
  report.roles = {Role::kAssistant};
  rescore(report);
  return decide(report, policy, Direction::kOutput).verdict >= Action::kRedact;
}

}  // namespace

StreamScanner::StreamScanner(const Pipeline& pipeline, const Policy& policy,
                             StreamScanOptions options)
    : pipeline_(pipeline),
      policy_(policy),
      options_(options),
      starts_(pipeline.match_starts(Direction::kOutput)) {
  if (options_.exchange_detector) exchange_starts_ = options_.exchange_detector->match_starts();
  // An e-mail address and a written date begin with plain words ("jane.doe@", "March 3").
  const auto& categories = pipeline.categories();
  for (const char* category : {"email", "date_of_birth"})
    if (std::find(categories.begin(), categories.end(), category) != categories.end() &&
        acts_on(policy, category))
      hold_plain_words_ = true;
}

void StreamScanner::append(std::string_view piece) {
  if (!blocked_) pending_.append(piece);
}

bool StreamScanner::plain_word(std::string_view token, std::size_t token_start,
                               bool unfinished) const {
  constexpr std::string_view kClosing = ".,;:!?)]}\"'";
  while (!token.empty() && kClosing.find(token.back()) != std::string_view::npos)
    token.remove_suffix(1);
  while (!token.empty() && (token.front() == '(' || token.front() == '"' || token.front() == '\''))
    token.remove_prefix(1);
  if (token.empty()) return true;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(token[i]);
    if (c < 0x80 && !std::isalpha(c)) return false;
    if (i > 0 && std::isupper(c)) return false;  // "AKIA", "eyJ", "AIza"
  }
  // A value being assigned ("password: hunter", "key=abc") may be a secret of any shape.
  std::string_view before = std::string_view(pending_).substr(0, token_start);
  if (before.empty()) before = context_;
  while (!before.empty() && (before.back() == ' ' || before.back() == '"' || before.back() == '\''))
    before.remove_suffix(1);
  if (!before.empty() && (before.back() == ':' || before.back() == '=')) return false;
  // What may still grow into a rule's match: the unfinished last word, when it is the
  // start of a word ("A" may begin "AKIA...", "sk" "sk-proj-...").
  const bool continues = token_start == 0 && !context_.empty() && !is_space(context_.back());
  if (!unfinished || continues) return true;
  const auto may_begin = [&](const MatchStart& start) { return start.may_begin(token); };
  return std::none_of(starts_.begin(), starts_.end(), may_begin) &&
         std::none_of(exchange_starts_.begin(), exchange_starts_.end(), may_begin);
}

std::size_t StreamScanner::hold_start() const {
  const std::string_view text = pending_;
  std::size_t hold = text.size();
  for (std::size_t i = text.size(); i > 0;) {
    std::size_t end = i;
    while (end > 0 && is_space(text[end - 1])) --end;
    std::size_t start = end;
    while (start > 0 && !is_space(text[start - 1])) --start;
    if (start == end) break;
    const bool unfinished = end == text.size();
    if (plain_word(text.substr(start, end - start), start, unfinished)) {
      if (unfinished && hold_plain_words_) hold = start;
      break;
    }
    hold = start;  // digits or symbols: a card's next group, the rest of a key, ...
    i = start;
  }
  return std::max(hold, bound());
}

std::size_t StreamScanner::bound() const {
  const std::size_t n = pending_.size();
  return n > options_.max_hold_back ? char_start(pending_, n - options_.max_hold_back) : 0;
}

StreamRelease StreamScanner::release_up_to(bool final) {
  if (blocked_) return {.blocked = true};
  const std::size_t n = pending_.size();
  std::size_t hold = final ? n : hold_start();
  if (hold == 0) return {};

  const std::size_t ctx = context_.size();
  const Segment segment{.role = Role::kAssistant, .text = context_ + pending_};
  const Detector* extra[] = {options_.exchange_detector};
  ScanReport scanned = pipeline_.scan({&segment, 1}, Direction::kOutput, policy_.lists.get(),
                                      std::span(extra, extra[0] ? 1 : 0));
  // A match that runs on into held text waits for it whole, as far as the bound allows.
  if (!final)
    for (const Finding& f : scanned.findings)
      if (f.start >= ctx && f.start < ctx + hold && f.end > ctx + hold)
        hold = std::max(bound(), f.start - ctx);
  if (hold == 0) return {};
  const std::size_t region_end = ctx + hold;

  ScanReport report;
  report.roles = {Role::kAssistant};
  report.failed_detectors = std::move(scanned.failed_detectors);
  for (Finding& f : scanned.findings)
    if (f.end > ctx && f.start < region_end) report.findings.push_back(std::move(f));
  rescore(report);
  StreamRelease out{.decision = decide(report, policy_, Direction::kOutput)};
  const Decision& decision = out.decision;
  // Window offsets become offsets into the whole text; the context is the tail of what was
  // released, so released_ >= ctx.
  for (Finding f : report.findings) {
    f.start = released_ + f.start - ctx;
    f.end = released_ + f.end - ctx;
    out.findings.push_back(std::move(f));
  }
  merge(decision_, decision);
  if (decision.action == Action::kBlock) {
    blocked_ = true;
    pending_.clear();
    out.blocked = true;
    return out;
  }

  const std::string_view original = std::string_view(segment.text).substr(ctx, hold);
  if (decision.action == Action::kRedact) {
    std::vector<Redaction> redactions;
    for (Redaction r : decision.redactions) {
      if (r.end <= ctx || r.start >= region_end) continue;
      r.start = std::max(r.start, ctx) - ctx;
      r.end = std::min(r.end, region_end) - ctx;
      redactions.push_back(std::move(r));
    }
    out.text = apply_redactions(original, std::move(redactions));
  } else {
    out.text = std::string(original);
  }
  context_.append(original);
  if (context_.size() > options_.context)
    context_.erase(0, char_start(context_, context_.size() - options_.context));
  pending_.erase(0, hold);
  released_ += hold;
  return out;
}

}  // namespace llmsec
