// The texts of a /v1/chat/completions request that the model will read, with their JSON
// locations, and the way back: redactions written into the same places.
//
//   auto segments = extract_chat_segments(body);          // body: boost::json::object
//   apply_chat_redactions(body, segments, decision.redactions);
//
// Covered: message content as a string or as an array of text parts, every role, the
// arguments of assistant tool calls.
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "core/redaction.h"
#include "core/result.h"
#include "core/segment.h"

namespace llmsec::gateway {

Result<std::vector<Segment>> extract_chat_segments(const boost::json::object& body);

// Rewrites each redacted segment at its JSON pointer (Segment::source); pseudonyms, when
// given, record the placeholders so that the answer can be restored.
void apply_chat_redactions(boost::json::object& body, const std::vector<Segment>& segments,
                           const std::vector<Redaction>& redactions,
                           Pseudonyms* pseudonyms = nullptr);

}  // namespace llmsec::gateway
