// PatternSet: which of many RE2 patterns match a text, in one pass over it. The caller then
// runs the RE2 of each pattern that matched, to find where.
//
//   auto set = PatternSet::create({"AKIA[A-Z2-7]{16}", "ghp_[A-Za-z0-9]{36}"},
//                                 /*case_sensitive=*/true, MatchEngine::kHyperscan);
//   std::vector<int> matched;
//   if ((*set)->match(text, matched)) ...   // indices into the patterns
//
// kRe2 is RE2::Set. kHyperscan asks Vectorscan (Hyperscan) in prefilter mode, which may
// name a pattern that does not match but never misses one that does; the caller's RE2
// decides. For patterns anchored on rare literals (key prefixes, "password") it is several
// times faster than RE2::Set, whose DFA steps through every byte; for caseless word-heavy
// packs and Unicode classes it is slower, so each pack chooses (bench_sensitive_data).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

#include "core/result.h"

struct hs_database;

namespace llmsec {

enum class MatchEngine { kRe2, kHyperscan };

class PatternSet {
 public:
  static Result<std::unique_ptr<PatternSet>> create(const std::vector<std::string>& patterns,
                                                    bool case_sensitive, MatchEngine engine);
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Fills `matched` with the indices of the patterns that match (kHyperscan: at least
  // those); false when there are none.
  bool match(std::string_view text, std::vector<int>& matched) const;

 private:
  PatternSet() = default;

  // Always built: the engine for kRe2, and for kHyperscan the fallback on text that is not
  // valid UTF-8, which Hyperscan's UTF-8 mode does not define.
  std::unique_ptr<RE2::Set> re2_;

  // A Hyperscan database, and the number that tells per-thread scratch spaces which
  // databases they already fit.
  struct Compiled {
    hs_database* database = nullptr;
    std::uint64_t id = 0;
    ~Compiled();
  };
  static Result<std::shared_ptr<const Compiled>> compile_cached(
      const std::vector<std::string>& patterns, bool case_sensitive);
  std::shared_ptr<const Compiled> hyperscan_;
};

// The pattern with every bounded repetition {m,n} (n - m > 8) opened to {m,}: the same
// matches and more, which Hyperscan compiles in a fraction of the time. Exposed for tests.
std::string loosen_repetitions(std::string_view pattern);

}  // namespace llmsec
