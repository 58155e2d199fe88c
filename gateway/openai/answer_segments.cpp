#include "gateway/openai/answer_segments.h"

#include <string>

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

void add_string(const json::object& object, const char* field, const std::string& at,
                std::vector<Segment>& segments) {
  if (const json::value* v = object.if_contains(field); v && v->is_string())
    segments.push_back(
        {Role::kAssistant, std::string(v->get_string()), at + "/" + std::string(field)});
}

void add_choice(const json::object& choice, const std::string& at, std::vector<Segment>& segments) {
  add_string(choice, "text", at, segments);  // completions
  const json::value* m = choice.if_contains("message");
  const json::object* message = m ? m->if_object() : nullptr;
  if (!message) return;
  if (const json::value* content = message->if_contains("content"))
    add_content_segments(*content, Role::kAssistant, at + "/message/content", segments);
  add_string(*message, "refusal", at + "/message", segments);
  const json::value* calls = message->if_contains("tool_calls");
  if (!calls || !calls->is_array()) return;
  for (std::size_t c = 0; c < calls->get_array().size(); ++c) {
    const json::object* call = calls->get_array()[c].if_object();
    const json::value* fn = call ? call->if_contains("function") : nullptr;
    if (fn && fn->is_object())
      add_string(fn->get_object(), "arguments",
                 at + "/message/tool_calls/" + std::to_string(c) + "/function", segments);
  }
}

void add_output_item(const json::object& item, const std::string& at,
                     std::vector<Segment>& segments) {
  add_string(item, "arguments", at, segments);  // function_call
  const json::value* content = item.if_contains("content");
  if (!content || !content->is_array()) return;
  for (std::size_t p = 0; p < content->get_array().size(); ++p)
    if (const json::object* part = content->get_array()[p].if_object()) {
      const std::string part_at = at + "/content/" + std::to_string(p);
      add_string(*part, "text", part_at, segments);
      add_string(*part, "refusal", part_at, segments);
    }
}

}  // namespace

std::vector<Segment> extract_answer_segments(EndpointKind kind, const json::object& answer) {
  std::vector<Segment> segments;
  const bool responses = kind == EndpointKind::kResponses;
  const char* list_field = responses ? "output" : "choices";
  const json::value* list = answer.if_contains(list_field);
  if (kind == EndpointKind::kEmbeddings || !list || !list->is_array()) return segments;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const json::object* entry = list->get_array()[i].if_object();
    if (!entry) continue;
    const std::string at = "/" + std::string(list_field) + "/" + std::to_string(i);
    if (responses)
      add_output_item(*entry, at, segments);
    else
      add_choice(*entry, at, segments);
  }
  return segments;
}

void empty_for_content_filter(EndpointKind kind, json::object& answer) {
  if (kind == EndpointKind::kResponses) {
    answer["status"] = "incomplete";
    answer["incomplete_details"] = {{"reason", "content_filter"}};
    answer["output"] = json::array();
    answer.erase("output_text");
    return;
  }
  json::value* choices = answer.if_contains("choices");
  if (!choices || !choices->is_array()) return;
  for (json::value& c : choices->get_array()) {
    json::object* choice = c.if_object();
    if (!choice) continue;
    choice->insert_or_assign("finish_reason", "content_filter");
    if (choice->contains("text")) (*choice)["text"] = "";
    if (json::value* m = choice->if_contains("message"); m && m->is_object()) {
      json::object& message = m->get_object();
      message["content"] = nullptr;
      message.erase("tool_calls");
      message.erase("function_call");
    }
  }
}

}  // namespace llmsec::gateway
