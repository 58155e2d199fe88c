#include "gateway/openai/request_segments.h"

#include <string>

namespace llmsec::gateway {
namespace json = boost::json;

// Message content at `at`: a string, or text parts ({"type": "text" | "input_text", "text"}).
void add_content_segments(const json::value& content, Role role, const std::string& at,
                          std::vector<Segment>& segments) {
  if (content.is_string()) {
    segments.push_back({role, std::string(content.get_string()), at});
    return;
  }
  if (!content.is_array()) return;
  const json::array& parts = content.get_array();
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const json::object* part = parts[p].if_object();
    const json::value* text = part ? part->if_contains("text") : nullptr;
    if (text && text->is_string())
      segments.push_back(
          {role, std::string(text->get_string()), at + "/" + std::to_string(p) + "/text"});
  }
}

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
      if (content->is_string() || content->is_array()) {
        add_content_segments(*content, role, at + "/content", segments);
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

namespace {

// A string, or a list of strings (token arrays are not text and are left alone).
Result<bool> add_strings(const json::object& body, const char* field, Role role,
                         std::vector<Segment>& segments) {
  const json::value* v = body.if_contains(field);
  if (!v || v->is_null()) return true;
  const std::string at = std::string("/") + field;
  if (v->is_string()) {
    segments.push_back({role, std::string(v->get_string()), at});
    return true;
  }
  if (!v->is_array()) return Error{std::string("'") + field + "' must be a string or an array"};
  const json::array& list = v->get_array();
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].is_string())
      segments.push_back({role, std::string(list[i].get_string()), at + "/" + std::to_string(i)});
  return true;
}

Role role_of(const json::object& item, Role fallback) {
  if (const json::value* r = item.if_contains("role"); r && r->is_string())
    return parse_role(r->get_string()).value_or(Role::kUnknown);
  return fallback;
}

Result<std::vector<Segment>> extract_responses_segments(const json::object& body) {
  std::vector<Segment> segments;
  if (const json::value* i = body.if_contains("instructions"); i && i->is_string())
    segments.push_back({Role::kSystem, std::string(i->get_string()), "/instructions"});
  const json::value* input = body.if_contains("input");
  if (!input || input->is_null()) return segments;
  if (input->is_string()) {
    segments.push_back({Role::kUser, std::string(input->get_string()), "/input"});
    return segments;
  }
  if (!input->is_array()) return Error{"'input' must be a string or an array"};
  const json::array& items = input->get_array();
  for (std::size_t n = 0; n < items.size(); ++n) {
    const json::object* item = items[n].if_object();
    if (!item) return Error{"input[" + std::to_string(n) + "] must be an object"};
    const std::string at = "/input/" + std::to_string(n);
    const json::value* type = item->if_contains("type");
    const std::string_view kind = type && type->is_string() ? std::string_view(type->get_string())
                                                            : std::string_view("message");
    if (kind == "function_call_output") {
      if (const json::value* out = item->if_contains("output"); out && out->is_string())
        segments.push_back({Role::kTool, std::string(out->get_string()), at + "/output"});
    } else if (kind == "function_call") {
      if (const json::value* args = item->if_contains("arguments"); args && args->is_string())
        segments.push_back({Role::kAssistant, std::string(args->get_string()), at + "/arguments"});
    } else if (kind == "message") {
      const Role role = role_of(*item, Role::kUser);
      if (const json::value* content = item->if_contains("content"))
        add_content_segments(*content, role, at + "/content", segments);
    }
  }
  return segments;
}

}  // namespace

Result<std::vector<Segment>> extract_segments(EndpointKind kind, const json::object& body) {
  switch (kind) {
    case EndpointKind::kChatCompletions:
      return extract_chat_segments(body);
    case EndpointKind::kResponses:
      return extract_responses_segments(body);
    case EndpointKind::kCompletions: {
      std::vector<Segment> segments;
      if (!body.contains("prompt")) return Error{"'prompt' is required"};
      for (const char* field : {"prompt", "suffix"})
        if (auto ok = add_strings(body, field, Role::kUser, segments); !ok) return ok.error();
      return segments;
    }
    case EndpointKind::kEmbeddings: {
      std::vector<Segment> segments;
      if (!body.contains("input")) return Error{"'input' is required"};
      if (auto ok = add_strings(body, "input", Role::kDocument, segments); !ok) return ok.error();
      return segments;
    }
  }
  return Error{"unknown endpoint"};
}

void add_instruction(EndpointKind kind, json::object& body, std::string_view text) {
  if (kind == EndpointKind::kChatCompletions) {
    json::value& messages = body["messages"];
    if (!messages.is_array()) return;
    auto& list = messages.get_array();
    list.insert(list.begin(), json::object{{"role", "system"}, {"content", text}});
  } else if (kind == EndpointKind::kResponses) {
    json::value& instructions = body["instructions"];
    if (instructions.is_string() && !instructions.get_string().empty()) {
      std::string joined(instructions.get_string());
      joined += "\n\n";
      joined += text;
      instructions = joined;
    } else {
      instructions = text;
    }
  }
}

void apply_segment_redactions(json::object& body, const std::vector<Segment>& segments,
                              const std::vector<Redaction>& redactions, Pseudonyms* pseudonyms) {
  const auto redacted = redact_segments(segments, redactions, pseudonyms);
  json::value root(std::move(body));
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!redacted[i]) continue;
    boost::system::error_code ec;
    json::value* target = root.find_pointer(segments[i].source, ec);
    if (target && target->is_string()) *target = *redacted[i];
  }
  body = std::move(root.get_object());
}

}  // namespace llmsec::gateway
