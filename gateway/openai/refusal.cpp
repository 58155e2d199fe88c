#include "gateway/openai/refusal.h"

#include <chrono>

#include <boost/json.hpp>

#include "gateway/openai/sse.h"

namespace llmsec::gateway {
namespace json = boost::json;

std::optional<RefusalAnswer> refusal_answer(EndpointKind kind, std::string_view model,
                                            std::string_view text, bool stream) {
  const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const json::object usage{{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}};
  if (kind == EndpointKind::kChatCompletions && !stream)
    return RefusalAnswer{
        "application/json",
        json::serialize(json::object{
            {"id", "chatcmpl-llmsec-refusal"},
            {"object", "chat.completion"},
            {"created", created},
            {"model", model},
            {"choices",
             json::array{json::object{
                 {"index", 0},
                 {"message", {{"role", "assistant"}, {"content", text}, {"refusal", nullptr}}},
                 {"logprobs", nullptr},
                 {"finish_reason", "stop"}}}},
            {"usage", usage}})};
  if (kind == EndpointKind::kChatCompletions) {
    std::string events;
    const auto chunk = [&](json::object delta, json::value finish) {
      events += sse_event(json::object{
          {"id", "chatcmpl-llmsec-refusal"},
          {"object", "chat.completion.chunk"},
          {"created", created},
          {"model", model},
          {"choices", json::array{json::object{{"index", 0},
                                               {"delta", std::move(delta)},
                                               {"logprobs", nullptr},
                                               {"finish_reason", std::move(finish)}}}}});
    };
    chunk({{"role", "assistant"}, {"content", ""}}, nullptr);
    chunk({{"content", text}}, nullptr);
    chunk({}, "stop");
    events += kSseDone;
    return RefusalAnswer{"text/event-stream", std::move(events)};
  }
  if (stream) return std::nullopt;
  if (kind == EndpointKind::kCompletions)
    return RefusalAnswer{
        "application/json",
        json::serialize(json::object{
            {"id", "cmpl-llmsec-refusal"},
            {"object", "text_completion"},
            {"created", created},
            {"model", model},
            {"choices",
             json::array{json::object{
                 {"index", 0}, {"text", text}, {"logprobs", nullptr}, {"finish_reason", "stop"}}}},
            {"usage", usage}})};
  if (kind == EndpointKind::kResponses)
    return RefusalAnswer{
        "application/json",
        json::serialize(json::object{
            {"id", "resp_llmsec_refusal"},
            {"object", "response"},
            {"created_at", created},
            {"status", "completed"},
            {"model", model},
            {"output",
             json::array{json::object{
                 {"type", "message"},
                 {"id", "msg_llmsec_refusal"},
                 {"status", "completed"},
                 {"role", "assistant"},
                 {"content",
                  json::array{json::object{
                      {"type", "output_text"}, {"text", text}, {"annotations", json::array{}}}}}}}},
            {"usage", {{"input_tokens", 0}, {"output_tokens", 0}, {"total_tokens", 0}}}})};
  return std::nullopt;
}

}  // namespace llmsec::gateway
