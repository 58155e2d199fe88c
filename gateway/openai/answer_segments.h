// The texts of a whole (non-streamed) OpenAI answer, with their JSON locations, as
// assistant segments: what the output policy scans and where redactions go back.
//
//   std::vector<Segment> segments = extract_answer_segments(EndpointKind::kChatCompletions, body);
//   apply_segment_redactions(body, segments, decision.redactions);
//
// Covered:
//   chat completions  choices[].message: content (a string or text parts), refusal, and
//                     the arguments of tool calls;
//   completions       choices[].text;
//   responses         output[]: message content parts (output_text and refusal) and
//                     function call arguments.
// Embeddings carry no text.
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "core/segment.h"
#include "gateway/openai/request_segments.h"

namespace llmsec::gateway {

std::vector<Segment> extract_answer_segments(EndpointKind kind, const boost::json::object& answer);

// A blocked answer, as OpenAI's own content filter leaves it: chat and completion
// choices emptied with finish_reason "content_filter", a response marked incomplete.
void empty_for_content_filter(EndpointKind kind, boost::json::object& answer);

}  // namespace llmsec::gateway
