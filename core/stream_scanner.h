// StreamScanner: the output policy applied to text that arrives in pieces (one choice of a
// streamed answer), releasing each piece as soon as no unfinished match could still need it.
//
//   StreamScanner scanner(pipeline, policy, {.max_hold_back = 256});
//   scanner.append("Your key is sk-pro");     // nothing scanned yet
//   StreamRelease r = scanner.release();       // "Your key is " goes out; "sk-pro" waits
//   scanner.append("j-0123...");  r = scanner.release();
//   r = scanner.finish();                      // the rest, "[SECRET]" in place of the key
//   if (r.blocked) ...                         // stop the stream: nothing more goes out
//
// Each release scans only the unreleased text plus a short tail of released text for left
// context, so the total work is linear in the answer's length. What is held back is the
// trailing run of tokens that might still grow into a match: the unfinished last word
// unless it is a plain word (lower-case or capitalised letters that cannot begin a rule's
// match, as "sk" may begin "sk-proj-..."), together with the word-like tokens before it that are
// not plain (digits, symbols: card and phone groups, key material), never more than max_hold_back
// bytes. Plain words are held too when the policy would redact or block an e-mail address or a date
// in an answer, since those start with plain words. Redactions of a match that lies inside what was
// held are byte for byte those of the whole answer scanned at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/policy.h"

namespace llmsec {

struct StreamScanOptions {
  std::size_t max_hold_back = 256;              // bytes of unreleased text, at most
  std::size_t context = 128;                    // bytes of released text rescanned for left context
  const Detector* exchange_detector = nullptr;  // run with the pipeline's (LeakageDetector)
};

struct StreamRelease {
  std::string text;  // what may be sent now, redacted
  bool blocked = false;
  // What this release's scan found and decided (nothing when it scanned nothing); the
  // findings' offsets are into the whole text.
  Decision decision;
  std::vector<Finding> findings;
};

class StreamScanner {
 public:
  StreamScanner(const Pipeline& pipeline, const Policy& policy, StreamScanOptions options = {});

  void append(std::string_view piece);
  // Scans what was appended and returns what may go out now.
  StreamRelease release() { return release_up_to(false); }
  // The end of the text: everything left, scanned.
  StreamRelease finish() { return release_up_to(true); }

  std::size_t held_back() const { return pending_.size(); }
  bool blocked() const { return blocked_; }
  // All releases' decisions merged: what the stream was flagged, redacted or blocked for.
  const Decision& decision() const { return decision_; }

 private:
  StreamRelease release_up_to(bool final);
  std::size_t hold_start() const;  // offset into pending_ of the bytes to keep back
  std::size_t bound() const;       // the least hold_start() may be
  bool plain_word(std::string_view token, std::size_t token_start, bool unfinished) const;

  const Pipeline& pipeline_;
  const Policy& policy_;
  StreamScanOptions options_;
  const std::vector<MatchStart>& starts_;    // of the rules that scan answers
  std::vector<MatchStart> exchange_starts_;  // of the exchange's detector (its canary)
  bool hold_plain_words_ = false;
  std::string context_;  // the last released bytes, unredacted
  std::string pending_;  // appended, not released
  bool blocked_ = false;
  Decision decision_;
  std::size_t released_ = 0;  // bytes of original text released so far
};

}  // namespace llmsec
