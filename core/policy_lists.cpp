#include "core/policy_lists.h"

#include <cctype>

#include "core/detectors/rule_pack_detector.h"

namespace llmsec {
namespace {

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::vector<std::string> all_patterns(const ListSpec& list) {
  std::vector<std::string> out;
  for (const std::string& p : list.phrases) out.push_back(phrase_pattern(p));
  for (const std::string& p : list.patterns) out.push_back(p);
  for (const std::string& d : list.domains) out.push_back(domain_pattern(d));
  return out;
}

}  // namespace

std::string phrase_pattern(std::string_view phrase) {
  std::string out;
  bool pending_space = false;
  for (char c : phrase) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += R"(\s+)";
    pending_space = false;
    out += RE2::QuoteMeta(std::string_view(&c, 1));
  }
  // Whole words only where the phrase begins or ends with one.
  const auto first = phrase.find_first_not_of(" \t\r\n");
  const auto last = phrase.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) return out;
  if (is_word(phrase[first])) out = R"(\b)" + out;
  if (is_word(phrase[last])) out += R"(\b)";
  return out;
}

std::string domain_pattern(std::string_view domain) {
  // Subdomains too; not a longer label ("notevil.example") nor a longer name
  // ("evil.example.org").
  return "(?:^|[^a-z0-9.-])(?:[a-z0-9-]+\\.)*" + RE2::QuoteMeta(domain) +
         "(?:$|[^a-z0-9.-]|\\.(?:$|[^a-z0-9-]))";
}

Result<PolicyLists> PolicyLists::create(const std::string& policy, const ListSpec& allow,
                                        const ListSpec& deny) {
  PolicyLists lists;
  if (!deny.empty()) {
    RulePackSpec spec{.name = "denylist." + policy,
                      .category = "denylist",
                      .input = true,
                      .output = true,
                      .views = {"original", "normalized", "skeleton", "deobfuscated", "decoded"}};
    const std::vector<std::string> patterns = all_patterns(deny);
    for (std::size_t i = 0; i < patterns.size(); ++i)
      spec.rules.push_back({.id = "deny[" + std::to_string(i) + "]",
                            .pattern = patterns[i],
                            .weight = 1.0,
                            .severity = Severity::kHigh});
    auto detector = RulePackDetector::create(spec);
    if (!detector)
      return Error{"deny list of policy '" + policy + "': " + detector.error().message};
    lists.deny_ = std::move(*detector);
  }
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  for (const std::string& pattern : all_patterns(allow)) {
    auto re = std::make_shared<const RE2>(pattern, options);
    if (!re->ok()) return Error{"allow list of policy '" + policy + "': " + re->error()};
    lists.allow_.push_back(std::move(re));
  }
  return lists;
}

bool PolicyLists::allows(std::string_view text, std::size_t start, std::size_t end) const {
  for (const auto& re : allow_) {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece match;
    std::size_t from = 0;
    while (from <= text.size() && re->Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
      const std::size_t match_start = static_cast<std::size_t>(match.data() - text.data());
      const std::size_t match_end = match_start + match.size();
      if (match_start <= start && end <= match_end) return true;
      if (match_start >= end) break;
      from = match_end > match_start ? match_end : match_start + 1;
    }
  }
  return false;
}

}  // namespace llmsec
