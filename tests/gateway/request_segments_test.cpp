#include <catch2/catch.hpp>

#include "gateway/openai/request_segments.h"

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
  apply_segment_redactions(body, *segments, redactions);
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

TEST_CASE("responses, completions and embeddings requests give their texts and places",
          "[gateway][openai]") {
  const json::object responses = json::parse(R"({
    "model": "gpt-4o-mini",
    "instructions": "You are terse.",
    "input": [
      {"role": "user", "content": "Summarise the page."},
      {"role": "user", "content": [{"type": "input_text", "text": "Part two."}]},
      {"type": "function_call", "call_id": "c1", "name": "fetch", "arguments": "{\"url\":\"x\"}"},
      {"type": "function_call_output", "call_id": "c1", "output": "Page text."}
    ]})")
                                     .as_object();
  auto segments = extract_segments(EndpointKind::kResponses, responses);
  REQUIRE(segments);
  REQUIRE(segments->size() == 5);
  CHECK((*segments)[0].role == Role::kSystem);
  CHECK((*segments)[0].source == "/instructions");
  CHECK((*segments)[2].source == "/input/1/content/0/text");
  CHECK((*segments)[3].role == Role::kAssistant);
  CHECK((*segments)[4].role == Role::kTool);
  CHECK((*segments)[4].text == "Page text.");
  auto plain =
      extract_segments(EndpointKind::kResponses, json::parse(R"({"input": "Hello"})").as_object());
  REQUIRE(plain);
  CHECK((*plain)[0].source == "/input");

  auto completions =
      extract_segments(EndpointKind::kCompletions,
                       json::parse(R"({"prompt": ["a", "b"], "suffix": "c"})").as_object());
  REQUIRE(completions);
  REQUIRE(completions->size() == 3);
  CHECK((*completions)[1].source == "/prompt/1");
  CHECK((*completions)[2].source == "/suffix");
  auto embeddings = extract_segments(EndpointKind::kEmbeddings,
                                     json::parse(R"({"input": "my key AKIA..."})").as_object());
  REQUIRE(embeddings);
  CHECK((*embeddings)[0].role == Role::kDocument);
  CHECK_FALSE(
      extract_segments(EndpointKind::kEmbeddings, json::parse(R"({"model": "m"})").as_object()));
  CHECK_FALSE(
      extract_segments(EndpointKind::kResponses, json::parse(R"({"input": 5})").as_object()));

  // Redactions land at the same places.
  json::object body =
      json::parse(R"({"input": [{"role": "user", "content": "abc secret"}]})").as_object();
  auto s = extract_segments(EndpointKind::kResponses, body);
  REQUIRE(s);
  apply_segment_redactions(body, *s,
                           {{.segment = 0, .start = 4, .end = 10, .replacement = "[SECRET]"}});
  CHECK(body.at("input").at(0).at("content") == "abc [SECRET]");
}
