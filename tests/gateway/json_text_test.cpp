#include <catch2/catch.hpp>

#include <limits>

#include <boost/json.hpp>

#include "gateway/json_text.h"

namespace json = boost::json;
using llmsec::gateway::json_text;

TEST_CASE("json_text writes doubles as people do and everything else as Boost.JSON",
          "[gateway][json]") {
  const json::value v = {{"risk", 0.98},
                         {"zero", 0.0},
                         {"tiny", 1e-7},
                         {"temperature", 0.7},
                         {"max_tokens", 4096},
                         {"big", std::numeric_limits<std::uint64_t>::max()},
                         {"text", "quote \" and \u00e9 and \n"},
                         {"list", json::array{1.5, nullptr, true}}};
  const std::string text = json_text(v);
  CHECK(text.find("\"risk\":0.98") != std::string::npos);
  CHECK(text.find("\"zero\":0.0,") != std::string::npos);
  CHECK(text.find("\"temperature\":0.7") != std::string::npos);
  CHECK(text.find("E-") == std::string::npos);
  // Whatever it writes reads back as the same value.
  CHECK(json::parse(text) == v);
  CHECK(json_text(json::value(std::numeric_limits<double>::infinity())) == "null");
}
