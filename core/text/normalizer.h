// The normalised and skeleton views of a text.
//
//   NormalizedViews v = normalize_views(text);
//   v.normalized.text()   // NFKC case-folded, invisible characters dropped, whitespace collapsed
//   v.skeleton            // the same with look-alikes folded to Latin, when any were found
//
// normalized: ICU NFKC_Casefold of each normalisation chunk. Every default-ignorable and
// invisible character goes (zero-width space, joiners, soft hyphen, bidi controls,
// variation selectors, tag characters): this view is only for matching, and inside a
// keyword an attacker's joiner and an emoji's joiner break a pattern alike; which of them
// were suspicious is the evasion detector's call. A whitespace run becomes one space, or
// one newline when it held a line break (so line-anchored patterns still work).
// skeleton: the UTS #39 confusable skeleton (ICU USpoofChecker) of each non-ASCII chunk,
// used where it folds to ASCII, so "іgnоrе" with Cyrillic і, о, е reads "ignore". ASCII
// itself is left as it is (the full skeleton would turn "m" into "rn"), so detector
// patterns are written once, in plain lower-case Latin.
// Pure ASCII text takes a fast path with no ICU calls at all.
#pragma once

#include <optional>
#include <string_view>

#include "core/text/text_view.h"

namespace llmsec {

struct NormalizedViews {
  TextView normalized;
  std::optional<TextView> skeleton;  // only when it differs from normalized
};

NormalizedViews normalize_views(std::string_view text);

}  // namespace llmsec
