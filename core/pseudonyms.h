// Pseudonyms: reversible redaction for one exchange. Values in the request become stable
// placeholders ("[EMAIL_1]") before the model sees them, and the answer gets the real
// values back, whether it arrives whole or in pieces.
//
//   Pseudonyms names;                                   // one per exchange, never shared
//   std::string sent = apply_redactions(text, redactions, &names);   // kPseudonym spans
//   std::string shown = names.restore(answer);
//
//   StreamRestorer stream(names);                       // for an answer in pieces
//   out += stream.push("Write to [EMA");                // "Write to "
//   out += stream.push("IL_1] today");                  // "jane@example.org today"
//   out += stream.finish();
//
// The same value gets the same placeholder throughout the exchange, so the model can
// refer to it consistently. A placeholder the model did not copy exactly stays as it is.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace llmsec {

class Pseudonyms {
 public:
  // The placeholder for `value`: "[<KIND>_<n>]", `kind` upper-case ("EMAIL").
  std::string placeholder(std::string_view kind, std::string_view value);
  // `text` with every known placeholder replaced by its value, passed through `escape`
  // (for example JSON string escaping when `text` is inside a JSON string).
  std::string restore(std::string_view text,
                      const std::function<std::string(std::string_view)>& escape = {}) const;

  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  // The longest placeholder handed out: how much a stream restorer may have to hold back.
  std::size_t longest() const { return longest_; }
  // Whether `text` could be the beginning of a placeholder.
  bool could_start_placeholder(std::string_view text) const;

 private:
  std::map<std::string, std::string, std::less<>> placeholders_;  // kind + '\0' + value -> it
  std::map<std::string, std::string, std::less<>> values_;        // placeholder -> value
  std::map<std::string, int, std::less<>> counters_;              // per kind
  std::size_t longest_ = 0;
};

// Restores placeholders in text that arrives in pieces, holding back only a trailing piece
// that may be the start of a placeholder (never more than Pseudonyms::longest() bytes).
// The concatenated output equals Pseudonyms::restore of the concatenated input.
class StreamRestorer {
 public:
  explicit StreamRestorer(const Pseudonyms& names,
                          std::function<std::string(std::string_view)> escape = {})
      : names_(names), escape_(std::move(escape)) {}

  std::string push(std::string_view piece);
  std::string finish();
  std::size_t held_back() const { return pending_.size(); }

 private:
  const Pseudonyms& names_;
  std::function<std::string(std::string_view)> escape_;
  std::string pending_;
};

}  // namespace llmsec
