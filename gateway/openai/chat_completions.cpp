#include "gateway/openai/chat_completions.h"

#include <string>

namespace llmsec::gateway {
namespace json = boost::json;

Result<std::vector<Segment>> extract_chat_segments(const json::object& body) {
  const json::value* messages = body.if_contains("messages");
  if (!messages || !messages->is_array()) return Error{"'messages' must be an array"};
  std::vector<Segment> segments;
  const json::array& list = messages->get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/messages/" + std::to_string(i);
    const json::object* message = list[i].if_object();
    if (!message) return Error{"messages[" + std::to_string(i) + "] must be an object"};
    Role role = Role::kUnknown;
    if (const json::value* r = message->if_contains("role"); r && r->is_string())
      role = parse_role(r->get_string()).value_or(Role::kUnknown);
    if (const json::value* content = message->if_contains("content")) {
      if (content->is_string()) {
        segments.push_back({role, std::string(content->get_string()), at + "/content"});
      } else if (content->is_array()) {
        const json::array& parts = content->get_array();
        for (std::size_t p = 0; p < parts.size(); ++p) {
          const json::object* part = parts[p].if_object();
          const json::value* text = part ? part->if_contains("text") : nullptr;
          if (text && text->is_string())
            segments.push_back({role, std::string(text->get_string()),
                                at + "/content/" + std::to_string(p) + "/text"});
        }
      } else if (!content->is_null()) {
        return Error{"messages[" + std::to_string(i) + "].content must be a string or an array"};
      }
    }
    if (const json::value* calls = message->if_contains("tool_calls"); calls && calls->is_array()) {
      const json::array& list_of_calls = calls->get_array();
      for (std::size_t c = 0; c < list_of_calls.size(); ++c) {
        const json::value* args = nullptr;
        if (const json::object* call = list_of_calls[c].if_object())
          if (const json::value* fn = call->if_contains("function"); fn && fn->is_object())
            args = fn->get_object().if_contains("arguments");
        if (args && args->is_string())
          segments.push_back({role, std::string(args->get_string()),
                              at + "/tool_calls/" + std::to_string(c) + "/function/arguments"});
      }
    }
  }
  return segments;
}

void apply_chat_redactions(json::object& body, const std::vector<Segment>& segments,
                           const std::vector<Redaction>& redactions, Pseudonyms* pseudonyms) {
  std::vector<std::vector<Redaction>> per_segment(segments.size());
  for (const Redaction& r : redactions)
    if (r.segment < segments.size()) per_segment[r.segment].push_back(r);
  json::value root(std::move(body));
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (per_segment[i].empty()) continue;
    boost::system::error_code ec;
    json::value* target = root.find_pointer(segments[i].source, ec);
    if (target && target->is_string())
      *target = apply_redactions(segments[i].text, per_segment[i], pseudonyms);
  }
  body = std::move(root.get_object());
}

}  // namespace llmsec::gateway
