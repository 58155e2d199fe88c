#include "gateway/json_text.h"

#include <charconv>
#include <cmath>

#include <boost/json/serialize.hpp>

namespace llmsec::gateway {
namespace {

namespace json = boost::json;

void write(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::double_: {
      const double d = value.get_double();
      if (!std::isfinite(d)) {  // JSON has no infinities; Boost.JSON would write 1E999
        out += "null";
        return;
      }
      char buffer[32];
      // The shortest text that reads back as the same double, fixed or exponent form.
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
      const std::string_view number(buffer, static_cast<std::size_t>(result.ptr - buffer));
      out += number;
      // A whole number keeps a decimal point, so that it reads back as a double ("0.0").
      if (number.find_first_of(".e") == std::string_view::npos) out += ".0";
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string_view(key));
        out += ':';
        write(member, out);
      }
      out += '}';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        write(element, out);
      }
      out += ']';
      return;
    }
    default:
      out += json::serialize(value);
  }
}

}  // namespace

std::string json_text(const json::value& value) {
  std::string out;
  write(value, out);
  return out;
}

}  // namespace llmsec::gateway
