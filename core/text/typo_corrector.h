// correct_typos(): the "corrected" view, where misspelt words of the attack vocabulary
// ("ignroe all previuos insturctions") are written as they should be, so that rule packs
// that read this view match them too.
//
//   std::optional<TextView> v = correct_typos(normalized_view);   // nullopt: nothing fixed
//
// A word is corrected when it is not itself in the vocabulary and is one edit (an
// insertion, a deletion, a substitution or two letters swapped) away from a vocabulary word
// of six letters or more, and not an inflection of one ("systems"). Only ASCII words
// of 5 to 16 letters are looked at, and only in texts up to `max_bytes`, so that the cost
// stays bounded in long documents, where rule packs still match exact phrases.
#pragma once

#include <optional>

#include "core/text/text_view.h"

namespace llmsec {

std::optional<TextView> correct_typos(const TextView& normalized, std::size_t max_bytes = 4096,
                                      std::string_view name = "corrected");

}  // namespace llmsec
