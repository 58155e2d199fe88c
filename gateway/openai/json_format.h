// Structured answers: when a request asks for JSON (chat response_format json_object or
// json_schema; responses text.format), an answer that is not a JSON object, or lacks the
// schema's required top-level fields, is a finding of category "invalid_json" (severity
// low: the shipped policies flag it; a rule can block it, which ends a stream with
// finish_reason "content_filter").
//
//   auto format = requested_json_format(EndpointKind::kChatCompletions, request_body);
//   if (format) if (auto f = check_json_format(*format, answer_text, 0)) findings.push_back(*f);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/finding.h"
#include "gateway/openai/request_segments.h"

namespace llmsec::gateway {

struct JsonFormat {
  std::vector<std::string> required;  // top-level fields the schema requires
};

std::optional<JsonFormat> requested_json_format(EndpointKind kind,
                                                const boost::json::object& request);

std::optional<Finding> check_json_format(const JsonFormat& format, std::string_view answer,
                                         std::size_t segment);

}  // namespace llmsec::gateway
