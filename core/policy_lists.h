// PolicyLists: a policy's own allow and deny lists of phrases, patterns and domains.
//
//   ListSpec deny{.phrases = {"project nightingale"}, .domains = {"evil.example"}};
//   ListSpec allow{.phrases = {"developer mode toggle"}};
//   auto lists = PolicyLists::create("default", allow, deny);   // Result<PolicyLists>
//   ScanReport report = pipeline.scan(segments, Direction::kInput, &*lists);
//
// Deny entries become a rule pack of category "denylist" matched on every view of the
// text, so spelling a denied phrase in look-alike letters or base64 does not hide it.
// Allow entries are exceptions: a finding that lies wholly inside an allowed match of the
// original text is dropped. An allow match never hides a finding elsewhere in the text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/detector.h"
#include "core/result.h"

namespace llmsec {

struct ListSpec {
  std::vector<std::string> phrases;   // case-insensitive, any whitespace between words
  std::vector<std::string> patterns;  // RE2 syntax
  std::vector<std::string> domains;   // the domain and its subdomains

  bool empty() const { return phrases.empty() && patterns.empty() && domains.empty(); }
};

class PolicyLists {
 public:
  static Result<PolicyLists> create(const std::string& policy, const ListSpec& allow,
                                    const ListSpec& deny);

  // nullptr when the deny list is empty.
  const Detector* deny() const { return deny_.get(); }
  // Whether an allow entry matches around [start, end) of `text`.
  bool allows(std::string_view text, std::size_t start, std::size_t end) const;

 private:
  std::shared_ptr<const Detector> deny_;
  std::vector<std::shared_ptr<const RE2>> allow_;
};

// The RE2 pattern each kind of entry becomes.
std::string phrase_pattern(std::string_view phrase);
std::string domain_pattern(std::string_view domain);

}  // namespace llmsec
