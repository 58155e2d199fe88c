// A refusal written as the model's own answer, for chat UIs that show an answer better than
// an error: what a blocked request gets when its policy says `block_response: completion`.
//
//   auto body = refusal_answer(EndpointKind::kChatCompletions, "gpt-4o", text, /*stream=*/true);
//   // body->content_type "text/event-stream", body->body the events ending in [DONE]
//
// Chat completions (whole or streamed), completions and responses (whole); nullopt for
// the rest, which get the error.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gateway/openai/request_segments.h"

namespace llmsec::gateway {

struct RefusalAnswer {
  std::string content_type;
  std::string body;
};

std::optional<RefusalAnswer> refusal_answer(EndpointKind kind, std::string_view model,
                                            std::string_view text, bool stream);

}  // namespace llmsec::gateway
