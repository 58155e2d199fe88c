#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "gateway/openai/pseudonym_restorer.h"

using namespace llmsec;
using namespace llmsec::gateway;
namespace json = boost::json;

namespace {

std::string chunk_event(const std::string& content, bool last = false) {
  json::object delta;
  if (!content.empty()) delta["content"] = content;
  return "data: " +
         json::serialize(json::object{
             {"id", "chatcmpl-1"},
             {"object", "chat.completion.chunk"},
             {"choices", json::array{json::object{
                             {"index", 0},
                             {"delta", delta},
                             {"finish_reason", last ? json::value("stop") : json::value()}}}}}) +
         "\n\n";
}

// The text a client reassembles from the content deltas of an event stream.
std::string reassemble(const std::string& stream) {
  std::string text;
  std::size_t at = 0;
  for (std::size_t nl; (nl = stream.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string line = stream.substr(at, nl - at);
    if (!line.starts_with("data: {")) continue;
    const json::value event = json::parse(line.substr(6));
    const json::object& delta = event.at("choices").at(0).at("delta").as_object();
    if (const json::value* c = delta.if_contains("content")) text += c->as_string().c_str();
  }
  return text;
}

}  // namespace

TEST_CASE("placeholders split across events and reads come back whole", "[gateway][pseudonyms]") {
  Pseudonyms names;
  names.placeholder("EMAIL", "jane@example.org");
  names.placeholder("PHONE", "+1 415 555 0132");
  // The model's answer, three characters a delta, as fake-llm and real APIs chunk it.
  const std::string answer = "Reach [EMAIL_1] or [PHONE_1]; ask [EMAIL_1] \"now\".";
  std::string wire;
  for (std::size_t i = 0; i < answer.size(); i += 3) wire += chunk_event(answer.substr(i, 3));
  wire += chunk_event("", true) + "data: [DONE]\n\n";
  // Every way the bytes may be cut into network reads.
  for (std::size_t cut = 1; cut < wire.size(); cut += 13) {
    auto restorer = make_pseudonym_restorer(names, true);
    std::string out;
    for (std::size_t i = 0; i < wire.size(); i += cut) out += restorer->push(wire.substr(i, cut));
    out += restorer->finish();
    REQUIRE(reassemble(out) == names.restore(answer));
    CHECK(out.ends_with("data: [DONE]\n\n"));
  }
}

TEST_CASE("a whole JSON answer is restored inside its strings", "[gateway][pseudonyms]") {
  Pseudonyms names;
  names.placeholder("EMAIL", "jane \"J\" <jane@example.org>");
  const std::string body = R"({"choices":[{"index":0,"message":{"role":"assistant",)"
                           R"("content":"Write to [EMAIL_1]."},"finish_reason":"stop"}]})";
  auto restorer = make_pseudonym_restorer(names, false);
  std::string out = restorer->push(body.substr(0, 20));
  out += restorer->push(body.substr(20));
  out += restorer->finish();
  const json::value restored = json::parse(out);  // still valid JSON: quotes are escaped
  CHECK(restored.at("choices").at(0).at("message").at("content") ==
        "Write to jane \"J\" <jane@example.org>.");
}
