#include <boost/json.hpp>

#include "gateway/json_text.h"
#include "gateway/openai/answer_guard.h"
#include "gateway/openai/answer_segments.h"

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

// Beyond this an answer is no chat completion; it is relayed as it comes, unscanned.
constexpr std::size_t kMaxBufferedBody = 64 * 1024 * 1024;

// Every string in `value`, restored.
void restore_strings(json::value& value, const Pseudonyms& names) {
  if (value.is_string()) {
    const json::string& s = value.get_string();
    if (s.find('[') != json::string::npos) value = names.restore(std::string_view(s));
  } else if (value.is_array()) {
    for (json::value& v : value.get_array()) restore_strings(v, names);
  } else if (value.is_object()) {
    for (auto& entry : value.get_object()) restore_strings(entry.value(), names);
  }
}

std::string json_escaped(std::string_view value) {
  const std::string quoted = json::serialize(json::string(value));
  return quoted.substr(1, quoted.size() - 2);
}

class JsonAnswerGuard final : public AnswerGuard {
 public:
  explicit JsonAnswerGuard(const AnswerGuardOptions& options) : options_(options) {}

  std::string push(std::string_view bytes) override {
    if (!overflowed_ && body_.size() + bytes.size() <= kMaxBufferedBody) {
      body_.append(bytes);
      return {};
    }
    std::string out = restore_raw(body_) + restore_raw(bytes);
    body_.clear();
    overflowed_ = true;
    return out;
  }

  std::string finish() override {
    boost::system::error_code ec;
    json::value value = json::parse(body_, ec);
    if (ec || !value.is_object()) return restore_raw(guard_text(body_));  // cut short, or not JSON
    if (options_.pipeline) guard(value.get_object());
    if (options_.names && !options_.names->empty()) restore_strings(value, *options_.names);
    return json_text(value);
  }

  const Decision& decision() const override { return decision_; }
  const std::vector<Finding>& findings() const override { return findings_; }
  double scan_seconds() const override { return scan_seconds_; }

 private:
  std::string restore_raw(std::string_view text) const {
    if (!options_.names || options_.names->empty()) return std::string(text);
    return options_.names->restore(text, json_escaped);
  }

  // An answer that is not OpenAI's JSON is scanned as one text; a block leaves nothing.
  std::string guard_text(const std::string& text) {
    if (!options_.pipeline) return text;
    const Segment segment{.role = Role::kAssistant, .text = text};
    record(evaluate(*options_.pipeline, {&segment, 1}, *options_.policy, Direction::kOutput,
                    exchange_detectors()));
    if (decision_.action == Action::kBlock) return {};
    if (decision_.action == Action::kRedact) return apply_redactions(text, decision_.redactions);
    return text;
  }

  void guard(json::object& answer) {
    const std::vector<Segment> segments = extract_answer_segments(options_.endpoint, answer);
    Outcome outcome = evaluate(*options_.pipeline, segments, *options_.policy, Direction::kOutput,
                               exchange_detectors());
    if (check_format(segments, outcome.report)) {
      rescore(outcome.report);
      outcome.decision = decide(outcome.report, *options_.policy, Direction::kOutput);
    }
    record(std::move(outcome));
    if (decision_.action == Action::kBlock)
      empty_for_content_filter(options_.endpoint, answer);
    else if (decision_.action == Action::kRedact)
      apply_segment_redactions(answer, segments, decision_.redactions);
  }

  // The answer's own text (not tool-call arguments) against the requested JSON format;
  // whether a finding was added.
  bool check_format(const std::vector<Segment>& segments, ScanReport& report) const {
    if (!options_.json_format) return false;
    bool found = false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string& at = segments[i].source;
      if (!at.ends_with("/message/content") &&
          !(at.ends_with("/text") && at.find("/content/") != std::string::npos) &&
          !(at.starts_with("/choices/") && at.ends_with("/text")))
        continue;
      if (auto f = check_json_format(*options_.json_format, segments[i].text, i)) {
        report.findings.push_back(std::move(*f));
        found = true;
      }
    }
    return found;
  }

  std::span<const Detector* const> exchange_detectors() {
    extra_[0] = options_.exchange_detector.get();
    return std::span(extra_, extra_[0] ? 1 : 0);
  }

  void record(Outcome outcome) {
    scan_seconds_ = outcome.report.canonicalize_seconds;
    for (const auto& [detector, seconds] : outcome.report.detector_seconds)
      scan_seconds_ += seconds;
    decision_ = std::move(outcome.decision);
    findings_ = std::move(outcome.report.findings);
  }

  AnswerGuardOptions options_;
  const Detector* extra_[1] = {nullptr};
  std::string body_;
  bool overflowed_ = false;
  Decision decision_;
  std::vector<Finding> findings_;
  double scan_seconds_ = 0.0;
};

}  // namespace

std::unique_ptr<AnswerGuard> make_json_answer_guard(const AnswerGuardOptions& options) {
  return std::make_unique<JsonAnswerGuard>(options);
}

}  // namespace llmsec::gateway
