#include "core/text/typo_corrector.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <iterator>
#include <vector>

namespace llmsec {
namespace {

// Words that the override, extraction and jailbreak rules are made of; six letters or more,
// since shorter words have too many honest neighbours one edit away.
constexpr std::string_view kVocabulary[] = {
    "ignore",     "ignoring",     "disregard",    "forget",       "previous",      "preceding",
    "earlier",    "former",       "foregoing",    "original",     "initial",       "hidden",
    "internal",   "instruct",     "instructed",   "instruction",  "instructions",  "guidelines",
    "directive",  "directives",   "restrictions", "restricted",   "constraints",   "limitations",
    "limits",     "boundaries",   "confines",     "guardrails",   "filters",       "filtered",
    "censorship", "uncensored",   "unfiltered",   "unrestricted", "unlimited",     "override",
    "overwrite",  "bypass",       "bypassed",     "abandon",      "discard",       "system",
    "prompt",     "prompts",      "reveal",       "disclose",     "repeat",        "output",
    "password",   "passphrase",   "secret",       "confidential", "pretend",       "roleplay",
    "persona",    "character",    "fictional",    "hypothetical", "imaginary",     "simulation",
    "sandbox",    "jailbreak",    "jailbroken",   "developer",    "administrator", "supervisor",
    "activate",   "activated",    "deactivate",   "disable",      "disabled",      "enabled",
    "policies",   "programming",  "alignment",    "openai",       "chatgpt",       "anthropic",
    "assistant",  "conversation", "henceforth",   "irrelevant",   "obsolete",      "permission",
    "permitted",  "explicit",     "refuse",       "refusing",     "decline",       "apologize",
    "comply",     "violate",      "illegal",      "unethical",    "immoral",       "ethical",
    "ethics",     "morals",       "consequences", "warnings",     "disclaimers",   "whatsoever",
    "everything", "anything",
};

// English words one edit from a vocabulary word ("person", "developed", "forge", "morale"):
// spelt right, so never corrected. They are the words of Debian's wamerican list for which
// correction() would otherwise return a vocabulary word.
constexpr std::string_view kRealWords[] = {
    "activates",   "bidden",      "bypasses", "bypast",   "chidden",  "comely",     "confides",
    "confined",    "constrains",  "corals",   "defuse",   "defusing", "developed",  "disables",
    "discord",     "dormer",      "earnings", "enables",  "ethnics",  "factional",  "faltered",
    "falters",     "farmer",      "fillers",  "firmer",   "fitters",  "forge",      "forged",
    "forger",      "forges",      "forgoing", "forgot",   "formed",   "imitations", "immortal",
    "infernal",    "interval",    "modals",   "morale",   "morales",  "morass",     "morays",
    "mortals",     "murals",      "orals",    "overripe", "overrode", "pearlier",   "person",
    "personae",    "personal",    "persons",  "polices",  "polities", "precious",   "reactivate",
    "receding",    "recline",     "refuge",   "refute",   "refuting", "reheat",     "repeal",
    "repent",      "reuse",       "reusing",  "revel",    "ridden",   "secrete",    "stimulation",
    "supervisory", "thenceforth",
};

constexpr std::size_t kMinWord = 6, kMaxWord = 16;

std::uint32_t letters_of(std::string_view word) {
  std::uint32_t mask = 0;
  for (char c : word) mask |= 1u << (c - 'a');
  return mask;
}

// Whether a and b (lengths equal or one apart) are one insertion, deletion, substitution
// or swap of two neighbouring letters apart.
bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  std::size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.size() != b.size()) return a.substr(i + 1) == b.substr(i);  // one letter more in a
  if (i == a.size()) return false;                                  // equal
  if (a.substr(i + 1) == b.substr(i + 1)) return true;              // one letter differs
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);  // two neighbours swapped
}

struct Entry {
  std::string_view word;
  std::uint32_t letters;
};

// What one edit leaves of a word of five letters or more, with its length: its first three
// letters, or its last three, or (a swap in the middle of a six-letter word) its first two
// and last two. Keys of a vocabulary word are made for each length a typo of it may have.
enum class Keep : std::uint32_t { kFirst3, kLast3, kEnds };

std::uint32_t key(Keep keep, std::size_t length, std::string_view w) {
  const std::size_t n = w.size();
  std::uint32_t k = static_cast<std::uint32_t>(keep) * 32 + static_cast<std::uint32_t>(length);
  const auto add = [&](char c) { k = k * 26 + static_cast<std::uint32_t>(c - 'a'); };
  switch (keep) {
    case Keep::kFirst3:
      add(w[0]), add(w[1]), add(w[2]);
      break;
    case Keep::kLast3:
      add(w[n - 3]), add(w[n - 2]), add(w[n - 1]);
      break;
    case Keep::kEnds:
      add(w[0]), add(w[1]), add(w[n - 2]), add(w[n - 1]);
      break;
  }
  return k;
}

struct Dictionary {
  std::vector<Entry> by_length[kMaxWord + 2];
  // The keys above, hashed into a bit table: a word none of whose keys is set is no typo of
  // a vocabulary word, and most words are ruled out by three bit tests (a false hit only
  // costs the exact check below).
  static constexpr std::size_t kKeyBits = 1 << 15;
  std::bitset<kKeyBits> keys;

  static std::size_t slot(std::uint32_t k) { return (k * 2654435761u) >> 17; }

  Dictionary() {
    for (std::string_view w : kVocabulary) {
      by_length[w.size()].push_back({w, letters_of(w)});
      for (std::size_t length = w.size() - 1; length <= w.size() + 1; ++length)
        for (Keep keep : {Keep::kFirst3, Keep::kLast3, Keep::kEnds})
          keys.set(slot(key(keep, length, w)));
    }
  }

  bool may_be_typo(std::string_view word) const {
    return keys.test(slot(key(Keep::kFirst3, word.size(), word))) ||
           keys.test(slot(key(Keep::kLast3, word.size(), word))) ||
           keys.test(slot(key(Keep::kEnds, word.size(), word)));
  }

  // The vocabulary word one edit from `word`, if there is one. Most words are ruled out
  // by length and by their set of letters (one edit changes it by two letters at most)
  // before any letter is compared.
  std::optional<std::string_view> correction(std::string_view word) const {
    if (!may_be_typo(word)) return std::nullopt;
    const std::uint32_t letters = letters_of(word);
    std::optional<std::string_view> found;
    for (std::size_t length = word.size() - 1; length <= word.size() + 1; ++length) {
      if (length >= std::size(by_length)) break;
      for (const Entry& e : by_length[length]) {
        std::uint32_t differ = letters ^ e.letters;
        differ &= differ - 1;  // clear two set bits: what is left means three or more
        if (differ & (differ - 1)) continue;
        if (e.word == word) return std::nullopt;  // spelt right
        // An inflection ("systems", "prompted") is a word of its own, not a typo.
        const std::string_view longer = word.size() > e.word.size() ? word : e.word;
        const std::string_view shorter = word.size() > e.word.size() ? e.word : word;
        if (longer.size() != shorter.size() && longer.starts_with(shorter) &&
            (longer.back() == 's' || longer.back() == 'd'))
          return std::nullopt;
        if (!found && one_edit_apart(word, e.word)) found = e.word;
      }
    }
    if (found &&
        std::find(std::begin(kRealWords), std::end(kRealWords), word) != std::end(kRealWords))
      return std::nullopt;
    return found;
  }
};

bool ascii_lower_letters(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::optional<TextView> correct_typos(const TextView& normalized, std::size_t max_bytes,
                                      std::string_view name) {
  static const Dictionary dictionary;
  const std::string_view text = normalized.text();
  if (text.size() > max_bytes) return std::nullopt;
  std::optional<TextViewBuilder> builder;  // made at the first correction
  std::size_t copied = 0;                  // view bytes up to here are in the builder
  // Words found right before in this text, by hash: prose repeats its words, and a word
  // near a vocabulary word costs a scan of its neighbours each time.
  std::array<std::uint64_t, 256> spelt_right{};
  for (const Word& w : normalized.words()) {
    const std::size_t length = w.end - w.start;
    if (length < kMinWord - 1 || length > kMaxWord) continue;
    std::uint64_t& slot = spelt_right[w.hash & 255];
    if (slot == (w.hash | 1)) continue;
    // Words with digits or other letters in them ("résumé", "abc123") are left alone.
    const std::string_view word = text.substr(w.start, length);
    if (!ascii_lower_letters(word)) continue;
    const auto fixed = dictionary.correction(word);
    if (!fixed) {
      slot = w.hash | 1;
      continue;
    }
    if (!builder) builder.emplace(name);
    builder->append_from(normalized, copied, w.start);
    // The corrected word stands for the whole misspelt word of the original.
    const auto [original_start, original_end] = normalized.to_original(w.start, w.end);
    builder->append_replacement(*fixed, original_start, original_end);
    copied = w.end;
  }
  if (!builder) return std::nullopt;
  builder->append_from(normalized, copied, text.size());
  return std::move(*builder).build();
}

}  // namespace llmsec
