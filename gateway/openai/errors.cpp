#include "gateway/openai/errors.h"

#include <boost/json.hpp>

namespace llmsec::gateway {

std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code) {
  boost::json::object error{
      {"message", message}, {"type", type}, {"param", nullptr}, {"code", code}};
  return boost::json::serialize(boost::json::object{{"error", std::move(error)}});
}

}  // namespace llmsec::gateway
