// OpenAI's error shape, so that the official SDKs raise their normal API errors.
//
//   std::string body = openai_error_body("Request blocked by policy", "invalid_request_error",
//                                        "prompt_injection_detected");
//   -> {"error":{"message":"...","type":"invalid_request_error","param":null,"code":"..."}}
#pragma once

#include <string>
#include <string_view>

namespace llmsec::gateway {

std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code);

}  // namespace llmsec::gateway
