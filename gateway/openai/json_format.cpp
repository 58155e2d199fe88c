#include "gateway/openai/json_format.h"

namespace llmsec::gateway {
namespace json = boost::json;

std::optional<JsonFormat> requested_json_format(EndpointKind kind, const json::object& request) {
  const json::value* format = nullptr;
  if (kind == EndpointKind::kChatCompletions) {
    format = request.if_contains("response_format");
  } else if (kind == EndpointKind::kResponses) {
    if (const json::value* text = request.if_contains("text"); text && text->is_object())
      format = text->get_object().if_contains("format");
  }
  if (!format || !format->is_object()) return std::nullopt;
  const json::object& f = format->get_object();
  const json::value* type = f.if_contains("type");
  if (!type || !type->is_string()) return std::nullopt;
  if (type->get_string() == "json_object") return JsonFormat{};
  if (type->get_string() != "json_schema") return std::nullopt;
  // chat: {"type": "json_schema", "json_schema": {"schema": {...}}}; responses: the schema
  // sits in the format itself.
  const json::value* schema = f.if_contains("schema");
  if (const json::value* js = f.if_contains("json_schema"); js && js->is_object())
    schema = js->get_object().if_contains("schema");
  JsonFormat out;
  if (schema && schema->is_object())
    if (const json::value* required = schema->get_object().if_contains("required");
        required && required->is_array())
      for (const json::value& field : required->get_array())
        if (field.is_string()) out.required.emplace_back(field.get_string());
  return out;
}

std::optional<Finding> check_json_format(const JsonFormat& format, std::string_view answer,
                                         std::size_t segment) {
  const auto finding = [&](std::string rule) {
    return Finding{.detector = "json_format",
                   .category = "invalid_json",
                   .rule = std::move(rule),
                   .severity = Severity::kLow,
                   .score = 1.0,
                   .segment = segment,
                   .start = 0,
                   .end = answer.size(),
                   .view = "original"};
  };
  boost::system::error_code ec;
  const json::value value = json::parse(answer, ec);
  if (ec || !value.is_object()) return finding("not_a_json_object");
  for (const std::string& field : format.required)
    if (!value.get_object().contains(field)) return finding("missing_required_field");
  return std::nullopt;
}

}  // namespace llmsec::gateway
