#include "core/detectors/pattern_set.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>

#include <hs/hs.h>

#include "core/text/utf8.h"

namespace llmsec {
namespace {

// One scratch space per thread, grown to fit every database the thread scans with. Growing
// it (hs_alloc_scratch) costs more than a scan of a few KB, so each thread remembers which
// sets its scratch already fits, by a number no two sets share.
hs_scratch_t* thread_scratch(const hs_database_t* database, std::uint64_t set_id) {
  thread_local struct Scratch {
    hs_scratch_t* space = nullptr;
    std::vector<std::uint64_t> fits;
    ~Scratch() { hs_free_scratch(space); }
  } scratch;
  if (std::find(scratch.fits.begin(), scratch.fits.end(), set_id) != scratch.fits.end())
    return scratch.space;
  if (hs_alloc_scratch(database, &scratch.space) != HS_SUCCESS) return nullptr;
  scratch.fits.push_back(set_id);
  return scratch.space;
}

std::atomic<std::uint64_t> next_set_id{1};

int on_match(unsigned int id, unsigned long long, unsigned long long, unsigned int, void* context) {
  static_cast<std::vector<int>*>(context)->push_back(static_cast<int>(id));
  return 0;  // go on: SINGLEMATCH reports each pattern once
}

}  // namespace

std::string loosen_repetitions(std::string_view p) {
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {  // "[]" and "[^]" start a class whose first member is ']'
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == '{') {
      std::size_t j = i + 1, low = 0, high = 0, low_digits = 0, high_digits = 0;
      for (; j < p.size() && std::isdigit(static_cast<unsigned char>(p[j])); ++j, ++low_digits)
        low = low * 10 + static_cast<std::size_t>(p[j] - '0');
      if (low_digits && j < p.size() && p[j] == ',') {
        for (++j; j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]));
             ++j, ++high_digits)
          high = high * 10 + static_cast<std::size_t>(p[j] - '0');
        if (high_digits && j < p.size() && p[j] == '}' && high > low + 8) {
          out += '{' + std::to_string(low) + ",}";
          i = j;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

Result<std::unique_ptr<PatternSet>> PatternSet::create(const std::vector<std::string>& patterns,
                                                       bool case_sensitive, MatchEngine engine) {
  std::unique_ptr<PatternSet> set(new PatternSet());
  RE2::Options options;
  options.set_case_sensitive(case_sensitive);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);  // large packs compile into one big DFA
  set->re2_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    std::string error;
    if (set->re2_->Add(patterns[i], &error) < 0)
      return Error{"pattern " + std::to_string(i) + ": " + error};
  }
  if (!set->re2_->Compile()) return Error{"the patterns are too large to compile together"};
  if (engine == MatchEngine::kRe2 || patterns.empty()) return set;
  auto compiled = compile_cached(patterns, case_sensitive);
  if (!compiled) return compiled.error();
  set->hyperscan_ = std::move(*compiled);
  return set;
}

PatternSet::~PatternSet() = default;

PatternSet::Compiled::~Compiled() {
  hs_free_database(database);
}

Result<std::shared_ptr<const PatternSet::Compiled>> PatternSet::compile_cached(
    const std::vector<std::string>& patterns, bool case_sensitive) {
  // A reload rebuilds every detector, and a pack's patterns rarely change: while a snapshot
  // holds a database, the same patterns reuse it instead of compiling for a few tenths of
  // a second again.
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const Compiled>> cache;
  std::string key(1, case_sensitive ? 'S' : 'i');
  for (const std::string& p : patterns) key += std::to_string(p.size()) + ':' + p;
  const std::lock_guard lock(mutex);
  std::erase_if(cache, [](const auto& entry) { return entry.second.expired(); });
  if (auto found = cache.find(key); found != cache.end())
    if (auto compiled = found->second.lock()) return compiled;

  std::vector<std::string> loosened;
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags, ids;
  for (std::size_t i = 0; i < patterns.size(); ++i)
    loosened.push_back(loosen_repetitions(patterns[i]));
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(loosened[i].c_str());
    // UTF-8 without UCP: \b, \w, \d and \s stay ASCII, as in RE2.
    flags.push_back(HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_UTF8 | HS_FLAG_ALLOWEMPTY |
                    (case_sensitive ? 0u : HS_FLAG_CASELESS));
    ids.push_back(static_cast<unsigned int>(i));
  }
  auto compiled = std::make_shared<Compiled>();
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &compiled->database, &error) != HS_SUCCESS) {
    std::string message = "hyperscan: ";
    message += error->expression >= 0 ? "pattern " + std::to_string(error->expression) + ": " : "";
    message += error->message;
    hs_free_compile_error(error);
    return Error{message};
  }
  compiled->id = next_set_id++;
  cache[key] = compiled;
  return std::shared_ptr<const Compiled>(std::move(compiled));
}

bool PatternSet::match(std::string_view text, std::vector<int>& matched) const {
  matched.clear();
  if (hyperscan_ && text.size() <= UINT32_MAX && is_valid_utf8(text)) {
    hs_scratch_t* scratch = thread_scratch(hyperscan_->database, hyperscan_->id);
    if (scratch &&
        hs_scan(hyperscan_->database, text.data(), static_cast<unsigned int>(text.size()), 0,
                scratch, on_match, &matched) == HS_SUCCESS)
      return !matched.empty();
    matched.clear();
  }
  return re2_->Match(text, &matched);
}

}  // namespace llmsec
