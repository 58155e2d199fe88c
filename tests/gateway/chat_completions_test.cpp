#include <catch2/catch.hpp>

#include "gateway/openai/chat_completions.h"

using namespace llmsec;
using namespace llmsec::gateway;
namespace json = boost::json;

TEST_CASE("chat segments cover string content, text parts and tool-call arguments",
          "[gateway][openai]") {
  json::object body = json::parse(R"({"model": "m", "messages": [
      {"role": "system", "content": "Be brief."},
      {"role": "user", "content": [{"type": "text", "text": "part one"},
                                   {"type": "image_url", "image_url": {"url": "http://x"}},
                                   {"type": "text", "text": "part two"}]},
      {"role": "assistant", "content": null, "tool_calls": [
          {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\"q\":1}"}}]},
      {"role": "tool", "tool_call_id": "c1", "content": "result text"}]})")
                          .as_object();
  auto segments = extract_chat_segments(body);
  REQUIRE(segments);
  REQUIRE(segments->size() == 5);
  CHECK((*segments)[0].role == Role::kSystem);
  CHECK((*segments)[1].source == "/messages/1/content/0/text");
  CHECK((*segments)[2].source == "/messages/1/content/2/text");
  CHECK((*segments)[3].source == "/messages/2/tool_calls/0/function/arguments");
  CHECK((*segments)[3].text == "{\"q\":1}");
  CHECK((*segments)[4].role == Role::kTool);
}

TEST_CASE("redactions are written back in place and keep the JSON valid", "[gateway][openai]") {
  json::object body = json::parse(R"({"messages": [
      {"role": "user", "content": "a \"quoted\" key=SECRET1 and ü"},
      {"role": "user", "content": [{"type": "text", "text": "other SECRET2"}]}]})")
                          .as_object();
  auto segments = extract_chat_segments(body);
  REQUIRE(segments);
  std::vector<Redaction> redactions{{0, 15, 22, "[SECRET]"}, {1, 6, 13, "[SECRET]"}};
  apply_chat_redactions(body, *segments, redactions);
  const std::string serialized = json::serialize(body);
  json::value reparsed = json::parse(serialized);
  CHECK(reparsed.at("messages").at(0).at("content") == "a \"quoted\" key=[SECRET] and ü");
  CHECK(reparsed.at("messages").at(1).at("content").at(0).at("text") == "other [SECRET]");
}

TEST_CASE("malformed chat bodies are rejected", "[gateway][openai]") {
  CHECK_FALSE(extract_chat_segments(json::parse(R"({"model": "m"})").as_object()));
  CHECK_FALSE(extract_chat_segments(json::parse(R"({"messages": [1]})").as_object()));
  CHECK_FALSE(extract_chat_segments(
      json::parse(R"({"messages": [{"role": "user", "content": 5}]})").as_object()));
}
