// The de-obfuscated view: a normalised view with spaced-out letters joined and leetspeak
// read as letters. An extra view for detectors, never a replacement of the text.
//
//   std::optional<TextView> v = deobfuscate(normalized);   // nullopt: nothing to undo
//   "i g n o r e  a l l" -> "ignore all"     "i.g.n.o.r.e" -> "ignore"
//   "1gn0r3 pr3v10u5"    -> "ignore previous"
//
// A run of four or more single characters with separators between them is joined; where
// the separator differs from the run's usual one (a wider gap, other punctuation), a word
// ends. Leet digits and symbols (1 i, 0 o, 3 e, 4 a, 5 s, 7 t, @ a, $ s) are mapped only
// inside words that also hold letters, so plain numbers stay numbers.
#pragma once

#include <optional>

#include "core/text/text_view.h"

namespace llmsec {

std::optional<TextView> deobfuscate(const TextView& normalized,
                                    std::string_view name = "deobfuscated");

}  // namespace llmsec
