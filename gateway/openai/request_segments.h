// The texts of an OpenAI request that the model will read, with their JSON locations, and
// the way back: redactions written into the same places.
//
//   auto segments = extract_segments(EndpointKind::kResponses, body);   // Result<vector<Segment>>
//   apply_segment_redactions(body, *segments, decision.redactions, &pseudonyms);
//
// Covered:
//   chat completions  messages[].content (a string or text parts), every role, and the
//                     arguments of assistant tool calls;
//   responses         instructions (as a system segment) and input: a string, or items
//                     (messages with string or input_text content, function call outputs
//                     as tool segments, function call arguments);
//   completions       prompt (a string or a list of strings) and suffix;
//   embeddings        input (a string or a list of strings), as documents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/redaction.h"
#include "core/result.h"
#include "core/segment.h"

namespace llmsec::gateway {

enum class EndpointKind { kChatCompletions, kResponses, kCompletions, kEmbeddings };

// Message content at JSON pointer `at`: a string, or text parts ({"type": ..., "text"}).
void add_content_segments(const boost::json::value& content, Role role, const std::string& at,
                          std::vector<Segment>& segments);

Result<std::vector<Segment>> extract_segments(EndpointKind kind, const boost::json::object& body);
Result<std::vector<Segment>> extract_chat_segments(const boost::json::object& body);

// Adds `text` to what the model is told before the conversation: a system message in
// front of a chat's messages, or the end of a response's instructions. Completions and
// embeddings have no such place and are left alone.
void add_instruction(EndpointKind kind, boost::json::object& body, std::string_view text);

// Rewrites each redacted segment at its JSON pointer (Segment::source); pseudonyms, when
// given, record the placeholders so that the answer can be restored.
void apply_segment_redactions(boost::json::object& body, const std::vector<Segment>& segments,
                              const std::vector<Redaction>& redactions,
                              Pseudonyms* pseudonyms = nullptr);

}  // namespace llmsec::gateway
