// Span rewriting for redaction: replace byte spans of a text, overlaps merged.
//
//   std::string out = apply_redactions("key AKIA... here", {{.start = 4, .end = 24,
//                                                           .replacement = "[SECRET]"}});
//
// Spans are byte offsets into the UTF-8 text; spans that overlap or touch merge into one,
// which takes the replacement of the span that starts first. Spans are clamped to the
// text and widened to whole characters; spans that end up empty are ignored.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyed_hash.h"
#include "core/pseudonyms.h"
#include "core/segment.h"

namespace llmsec {

// kTag: the span becomes `replacement`; kMask: '*' per character but the last `keep`;
// kDrop: the span is removed; kPseudonym: a placeholder of kind `replacement` that the
// exchange's Pseudonyms can turn back into the value (a tag when there are none);
// kHash: "[KIND:<keyed hash of the value>]", equal for equal values under one key.
enum class RedactOperator { kTag, kMask, kDrop, kPseudonym, kHash };

std::string_view to_string(RedactOperator op);
std::optional<RedactOperator> parse_redact_operator(std::string_view text);

struct Redaction {
  std::size_t segment = 0;
  std::size_t start = 0;
  std::size_t end = 0;
  std::string replacement;
  RedactOperator op = RedactOperator::kTag;
  unsigned keep = 0;
  KeyedHashKey hash_key{};  // kHash
};

std::string apply_redactions(std::string_view text, std::vector<Redaction> redactions,
                             Pseudonyms* pseudonyms = nullptr);

// Each segment's text with its redactions (by Redaction::segment) applied, in segment
// order; nullopt for a segment none applies to.
std::vector<std::optional<std::string>> redact_segments(std::span<const Segment> segments,
                                                        const std::vector<Redaction>& redactions,
                                                        Pseudonyms* pseudonyms = nullptr);

}  // namespace llmsec
