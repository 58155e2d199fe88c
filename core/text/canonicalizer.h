// canonicalize(): the views of a text that every detector scans, computed once per segment.
//
//   std::vector<TextView> views = canonicalize(segment.text);
//   views[0].name() == "original"
//
// Today the original text is the only view; the normalised, skeleton, de-obfuscated and
// decoded views of the canonicalisation work join it here, each with its offset map.
#pragma once

#include <string_view>
#include <vector>

#include "core/text/text_view.h"

namespace llmsec {

std::vector<TextView> canonicalize(std::string_view text);

}  // namespace llmsec
