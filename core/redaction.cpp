#include "core/redaction.h"

#include <algorithm>

namespace llmsec {
namespace {

// Moves a byte offset back to the start of the UTF-8 character it falls in, so that a
// rewrite never leaves half a character behind.
std::size_t char_start(std::string_view text, std::size_t offset) {
  while (offset > 0 && offset < text.size() &&
         (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
    --offset;
  return offset;
}

std::size_t char_end(std::string_view text, std::size_t offset) {
  while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
    ++offset;
  return offset;
}

// '*' for each character of `span` but the last `keep`, which stay as they are.
void append_mask(std::string& out, std::string_view span, unsigned keep) {
  std::size_t chars = 0;
  for (char c : span) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const std::size_t masked = chars > keep ? chars - keep : 0;
  std::size_t i = 0;
  for (std::size_t n = 0; n < masked; ++n) {
    out += '*';
    i = char_end(span, i + 1);
  }
  out.append(span.substr(i));
}

}  // namespace

std::string_view to_string(RedactOperator op) {
  switch (op) {
    case RedactOperator::kTag:
      return "tag";
    case RedactOperator::kMask:
      return "mask";
    case RedactOperator::kDrop:
      return "drop";
    case RedactOperator::kPseudonym:
      return "pseudonym";
    case RedactOperator::kHash:
      return "hash";
  }
  return "tag";
}

std::optional<RedactOperator> parse_redact_operator(std::string_view text) {
  for (RedactOperator op : {RedactOperator::kTag, RedactOperator::kMask, RedactOperator::kDrop,
                            RedactOperator::kPseudonym, RedactOperator::kHash})
    if (to_string(op) == text) return op;
  return std::nullopt;
}

std::string apply_redactions(std::string_view text, std::vector<Redaction> redactions,
                             Pseudonyms* pseudonyms) {
  for (Redaction& r : redactions) {
    r.end = char_end(text, std::min(r.end, text.size()));
    r.start = char_start(text, std::min(r.start, r.end));
  }
  std::erase_if(redactions, [](const Redaction& r) { return r.start == r.end; });
  std::stable_sort(redactions.begin(), redactions.end(),
                   [](const Redaction& a, const Redaction& b) { return a.start < b.start; });
  std::string out;
  out.reserve(text.size());
  std::size_t cursor = 0;
  for (std::size_t i = 0; i < redactions.size();) {
    const Redaction& first = redactions[i];
    std::size_t end = first.end;
    std::size_t j = i + 1;
    while (j < redactions.size() && redactions[j].start <= end)
      end = std::max(end, redactions[j++].end);
    out.append(text.substr(cursor, first.start - cursor));
    const std::string_view span = text.substr(first.start, end - first.start);
    if (first.op == RedactOperator::kMask)
      append_mask(out, span, first.keep);
    else if (first.op == RedactOperator::kPseudonym && pseudonyms)
      out.append(pseudonyms->placeholder(first.replacement, span));
    else if (first.op == RedactOperator::kPseudonym)
      out.append("[" + first.replacement + "]");
    else if (first.op == RedactOperator::kHash)
      out.append("[" + first.replacement + ":" + keyed_hash_hex(first.hash_key, span) + "]");
    else if (first.op == RedactOperator::kTag)
      out.append(first.replacement);
    cursor = end;
    i = j;
  }
  out.append(text.substr(cursor));
  return out;
}

std::vector<std::optional<std::string>> redact_segments(std::span<const Segment> segments,
                                                        const std::vector<Redaction>& redactions,
                                                        Pseudonyms* pseudonyms) {
  std::vector<std::vector<Redaction>> per_segment(segments.size());
  for (const Redaction& r : redactions)
    if (r.segment < segments.size()) per_segment[r.segment].push_back(r);
  std::vector<std::optional<std::string>> out(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (!per_segment[i].empty())
      out[i] = apply_redactions(segments[i].text, std::move(per_segment[i]), pseudonyms);
  return out;
}

}  // namespace llmsec
