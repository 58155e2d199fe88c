// canonicalize(): the views of a text that every detector scans, computed once per segment.
//
//   std::vector<TextView> views = canonicalize(segment.text);
//   // "original", "normalized", then as the text calls for them: "skeleton",
//   // "deobfuscated", "deobfuscated.skeleton", "decoded.base64", "decoded.base64.rot13", ...
//
// Every view maps back to the original bytes (TextView::to_original), so a match in any
// view reports and redacts the right span; a decoded layer maps to its whole encoded span.
// Views that would equal another are not made: plain ASCII English gets two views.
#pragma once

#include <string_view>
#include <vector>

#include "core/text/text_view.h"

namespace llmsec {

// A decoded layer holds each payload in several forms (normalised, skeleton,
// de-obfuscated), and may hold several payloads; this line separates the parts, so that
// a detector that reads whole texts (a classifier) can score each part on its own.
inline constexpr std::string_view kPartSeparator = "\n\x1f\n";

struct CanonicalizeLimits {
  int max_decode_depth = 3;       // base64 inside rot13 inside hex ...
  std::size_t max_payloads = 64;  // decoded payloads per segment, all depths
  bool correct_typos = true;      // make the "corrected" view (typo_corrector.h)
};

std::vector<TextView> canonicalize(std::string_view text, const CanonicalizeLimits& limits = {});

// True when a detector that asked for `wanted` should scan `view`: the same name, or a
// layer under it ("decoded" covers "decoded.base64").
bool view_selected(std::string_view view, std::string_view wanted);

}  // namespace llmsec
