// Server-sent events as OpenAI streams them: one JSON object per event, with an optional
// event name (the responses API), and "data: [DONE]" at the end of chat and completion
// streams.
//
//   out += sse_event(chunk);                          // "data: {...}\n\n"
//   out += sse_event(done, "response.completed");     // "event: ...\ndata: {...}\n\n"
//   out += kSseDone;
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace llmsec::gateway {

inline constexpr std::string_view kSseDone = "data: [DONE]\n\n";

std::string sse_event(const boost::json::value& data, std::string_view name = {});

}  // namespace llmsec::gateway
