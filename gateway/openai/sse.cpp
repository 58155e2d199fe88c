#include "gateway/openai/sse.h"

#include "gateway/json_text.h"

namespace llmsec::gateway {

std::string sse_event(const boost::json::value& data, std::string_view name) {
  std::string out;
  if (!name.empty()) {
    out += "event: ";
    out += name;
    out += '\n';
  }
  out += "data: ";
  out += json_text(data);
  out += "\n\n";
  return out;
}

}  // namespace llmsec::gateway
