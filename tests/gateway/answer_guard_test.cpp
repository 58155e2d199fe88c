#include <catch2/catch.hpp>

#include <sstream>

#include <boost/json.hpp>

#include "config/shipped_snapshot.h"
#include "gateway/openai/answer_guard.h"

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

std::string tool_call_event(const std::string& arguments) {
  return "data: " +
         json::serialize(json::object{
             {"id", "chatcmpl-1"},
             {"object", "chat.completion.chunk"},
             {"choices",
              json::array{json::object{
                  {"index", 0},
                  {"delta",
                   {{"tool_calls",
                     json::array{{{"index", 0}, {"function", {{"arguments", arguments}}}}}}}},
                  {"finish_reason", nullptr}}}}}) +
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
    if (event.at("choices").as_array().empty()) continue;  // a usage chunk
    const json::object& delta = event.at("choices").at(0).at("delta").as_object();
    if (const json::value* c = delta.if_contains("content")) text += c->as_string().c_str();
    if (const json::value* calls = delta.if_contains("tool_calls"))
      for (const json::value& call : calls->as_array())
        text += call.at("function").at("arguments").as_string().c_str();
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
    auto restorer = make_event_stream_guard({.names = &names});
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
  auto restorer = make_json_answer_guard({.names = &names});
  std::string out = restorer->push(body.substr(0, 20));
  out += restorer->push(body.substr(20));
  out += restorer->finish();
  const json::value restored = json::parse(out);  // still valid JSON: quotes are escaped
  CHECK(restored.at("choices").at(0).at("message").at("content") ==
        "Write to jane \"J\" <jane@example.org>.");
}

namespace {

const Policy& shipped(const std::string& name) {
  const Policy* policy = shipped_snapshot().find_policy(name);
  REQUIRE(policy);
  return *policy;
}

AnswerGuardOptions scanning(const Policy& policy, EndpointKind endpoint,
                            std::size_t hold_back = 256) {
  return {.pipeline = &shipped_snapshot().pipeline,
          .policy = &policy,
          .endpoint = endpoint,
          .stream = {.max_hold_back = hold_back}};
}

// The event stream of `answer` in deltas of `n` bytes, fed to `guard` in reads of `read`.
std::string through(AnswerGuard& guard, const std::string& answer, std::size_t n,
                    std::size_t read) {
  std::string wire;
  for (std::size_t i = 0; i < answer.size(); i += n) wire += chunk_event(answer.substr(i, n));
  wire += chunk_event("", true) + "data: [DONE]\n\n";
  std::string out;
  for (std::size_t i = 0; i < wire.size() && !guard.stopped(); i += read)
    out += guard.push(wire.substr(i, read));
  if (!guard.stopped()) out += guard.finish();
  return out;
}

// The content of a whole chat completion through the JSON guard.
std::string whole_answer(const Policy& policy, const std::string& answer) {
  const json::object body{{"id", "chatcmpl-1"},
                          {"object", "chat.completion"},
                          {"choices", json::array{json::object{
                                          {"index", 0},
                                          {"message", {{"role", "assistant"}, {"content", answer}}},
                                          {"finish_reason", "stop"}}}}};
  auto guard = make_json_answer_guard(scanning(policy, EndpointKind::kChatCompletions));
  std::string out = guard->push(json::serialize(body));
  out += guard->finish();
  const json::value parsed = json::parse(out);
  const json::value& content = parsed.at("choices").at(0).at("message").at("content");
  return content.is_null() ? "" : std::string(content.as_string());
}

}  // namespace

TEST_CASE("A streamed answer is redacted byte for byte like the same answer whole",
          "[gateway][guard]") {
  const Policy& policy = shipped("strict");
  const std::string answer =
      "Done. The deploy key is AKIAQ3EGRV7WNBLKA6XZ and the token "
      "ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK; Dana is at dana.whitfield@example.org.";
  const std::string expected = whole_answer(policy, answer);
  REQUIRE(expected.find("AKIA") == std::string::npos);
  REQUIRE(expected.find("dana.whitfield") == std::string::npos);
  for (std::size_t n = 1; n <= 9; ++n)
    for (std::size_t read : {7, 64, 4096}) {
      auto guard = make_event_stream_guard(scanning(policy, EndpointKind::kChatCompletions));
      const std::string out = through(*guard, answer, n, read);
      INFO("deltas of " << n << ", reads of " << read);
      CHECK(reassemble(out) == expected);
      CHECK(out.ends_with("data: [DONE]\n\n"));
      CHECK(guard->decision().action == Action::kRedact);
      CHECK(guard->max_held_back() <= 256);
    }
}

TEST_CASE("A block mid-stream ends with content_filter and [DONE], the secret unsent",
          "[gateway][guard]") {
  Policy policy = shipped("default");
  policy.output.rules.insert(
      policy.output.rules.begin(),
      PolicyRule{.name = "test.block-secrets", .categories = {"secret"}, .action = Action::kBlock});
  const std::string answer =
      "Sure, here it is: ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK and some more text after it.";
  for (std::size_t n : {1, 4, 11}) {
    auto guard = make_event_stream_guard(scanning(policy, EndpointKind::kChatCompletions));
    const std::string out = through(*guard, answer, n, 100);
    INFO("deltas of " << n);
    CHECK(guard->stopped());
    CHECK(out.find("ghp_") == std::string::npos);
    CHECK(out.find("more text") == std::string::npos);
    CHECK_THAT(reassemble(out), Catch::StartsWith("Sure, here it is:"));
    CHECK(out.find(R"("finish_reason":"content_filter")") != std::string::npos);
    CHECK(out.ends_with("data: [DONE]\n\n"));
    CHECK(guard->decision().action == Action::kBlock);
  }
}

TEST_CASE("Tool-call arguments are scanned across chunks like content", "[gateway][guard]") {
  const Policy& policy = shipped("default");
  const std::string args = R"({"cmd":"deploy","token":"ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK"})";
  for (std::size_t n : {1, 3, 8}) {
    std::string wire;
    for (std::size_t i = 0; i < args.size(); i += n) wire += tool_call_event(args.substr(i, n));
    wire += chunk_event("", true) + "data: [DONE]\n\n";
    auto guard = make_event_stream_guard(scanning(policy, EndpointKind::kChatCompletions));
    std::string out = guard->push(wire);
    out += guard->finish();
    const std::string text = reassemble(out);
    CHECK(text.find("ghp_") == std::string::npos);
    const Segment whole{.role = Role::kAssistant, .text = args};
    const Outcome o =
        evaluate(shipped_snapshot().pipeline, {&whole, 1}, policy, Direction::kOutput);
    CHECK(text == apply_redactions(args, o.decision.redactions));
  }
}

TEST_CASE("Responses API streams: deltas redacted, done and completed events agree",
          "[gateway][guard]") {
  const Policy& policy = shipped("default");
  const std::string answer = "Use AKIAQ3EGRV7WNBLKA6XZ for the deploy.";
  std::string wire =
      "event: response.created\ndata: "
      R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}})"
      "\n\n";
  for (std::size_t i = 0; i < answer.size(); i += 4)
    wire += "event: response.output_text.delta\ndata: " +
            json::serialize(json::object{{"type", "response.output_text.delta"},
                                         {"item_id", "msg_1"},
                                         {"output_index", 0},
                                         {"content_index", 0},
                                         {"delta", answer.substr(i, 4)}}) +
            "\n\n";
  wire += "event: response.output_text.done\ndata: " +
          json::serialize(json::object{{"type", "response.output_text.done"},
                                       {"item_id", "msg_1"},
                                       {"output_index", 0},
                                       {"content_index", 0},
                                       {"text", answer}}) +
          "\n\n";
  const json::object message{{"type", "message"},
                             {"role", "assistant"},
                             {"content", json::array{{{"type", "output_text"}, {"text", answer}}}}};
  wire += "event: response.completed\ndata: " +
          json::serialize(json::object{
              {"type", "response.completed"},
              {"response", {{"id", "resp_1"}, {"status", "completed"}, {"output", {message}}}}}) +
          "\n\n";
  auto guard = make_event_stream_guard(scanning(policy, EndpointKind::kResponses));
  std::string out;
  for (std::size_t i = 0; i < wire.size(); i += 50) out += guard->push(wire.substr(i, 50));
  out += guard->finish();
  CHECK(out.find("AKIA") == std::string::npos);
  std::string deltas, done, completed;
  std::size_t at = 0;
  for (std::size_t nl; (nl = out.find('\n', at)) != std::string::npos; at = nl + 1) {
    const std::string line = out.substr(at, nl - at);
    if (!line.starts_with("data: ")) continue;
    const json::object event = json::parse(line.substr(6)).as_object();
    const std::string type(event.at("type").as_string());
    if (type == "response.output_text.delta") deltas += event.at("delta").as_string().c_str();
    if (type == "response.output_text.done") done = event.at("text").as_string().c_str();
    if (type == "response.completed")
      completed = event.at("response")
                      .at("output")
                      .at(0)
                      .at("content")
                      .at(0)
                      .at("text")
                      .as_string()
                      .c_str();
  }
  CHECK(deltas == "Use [SECRET] for the deploy.");
  CHECK(done == deltas);
  CHECK(completed == deltas);
}

TEST_CASE("Usage and other fields pass the guard untouched", "[gateway][guard]") {
  const Policy& policy = shipped("default");
  const std::string usage =
      R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}})"
      "\n\n";
  auto guard = make_event_stream_guard(scanning(policy, EndpointKind::kChatCompletions));
  std::string out =
      guard->push(chunk_event("Hello there.") + chunk_event("", true) + usage + "data: [DONE]\n\n");
  out += guard->finish();
  CHECK(out.find(R"("usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13})") !=
        std::string::npos);
  CHECK(reassemble(out) == "Hello there.");
}

TEST_CASE("A whole answer that the policy blocks keeps OpenAI's shape", "[gateway][guard]") {
  Policy policy = shipped("default");
  policy.output.rules.insert(
      policy.output.rules.begin(),
      PolicyRule{.name = "test.block-secrets", .categories = {"secret"}, .action = Action::kBlock});
  const std::string body =
      R"({"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"key: AKIAQ3EGRV7WNBLKA6XZ"},"finish_reason":"stop"}],"usage":{"total_tokens":5}})";
  auto guard = make_json_answer_guard(scanning(policy, EndpointKind::kChatCompletions));
  std::string out = guard->push(body);
  out += guard->finish();
  const json::value answer = json::parse(out);
  CHECK(answer.at("choices").at(0).at("finish_reason") == "content_filter");
  CHECK(answer.at("choices").at(0).at("message").at("content").is_null());
  CHECK(answer.at("usage").at("total_tokens") == 5);
  CHECK(out.find("AKIA") == std::string::npos);
}

TEST_CASE("An answer to a request for JSON is checked to be that JSON", "[gateway][guard]") {
  const json::object request{
      {"model", "m"},
      {"messages", json::array{}},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema",
         {{"name", "person"},
          {"schema", {{"type", "object"}, {"required", json::array{"name", "age"}}}}}}}}};
  const auto format = requested_json_format(EndpointKind::kChatCompletions, request);
  REQUIRE(format);
  CHECK(format->required == std::vector<std::string>{"name", "age"});
  CHECK_FALSE(check_json_format(*format, R"({"name": "Ada", "age": 36})", 0));
  CHECK(check_json_format(*format, R"({"name": "Ada"})", 0)->rule == "missing_required_field");
  CHECK(check_json_format(*format, "Sure! Here is the JSON: {}", 0)->rule == "not_a_json_object");
  CHECK_FALSE(requested_json_format(EndpointKind::kChatCompletions, {{"model", "m"}}));

  // Streamed: checked at the end of the choice; a rule that blocks ends the stream with
  // content_filter instead of stop.
  Policy policy = shipped("default");
  policy.output.rules.insert(policy.output.rules.begin(), PolicyRule{.name = "test.json-or-nothing",
                                                                     .categories = {"invalid_json"},
                                                                     .action = Action::kBlock});
  AnswerGuardOptions options = scanning(policy, EndpointKind::kChatCompletions);
  options.json_format = format;
  auto bad = make_event_stream_guard(options);
  const std::string out = through(*bad, "Sure! {\"name\": \"Ada\"}", 4, 4096);
  CHECK(bad->decision().action == Action::kBlock);
  CHECK(out.find(R"("finish_reason":"content_filter")") != std::string::npos);
  CHECK(out.find(R"("finish_reason":"stop")") == std::string::npos);
  auto good = make_event_stream_guard(options);
  const std::string fine = through(*good, R"({"name": "Ada", "age": 36})", 4, 4096);
  CHECK(good->decision().action == Action::kAllow);
  CHECK(reassemble(fine) == R"({"name": "Ada", "age": 36})");

  // Whole: flagged under the shipped default policy.
  options.policy = &shipped("default");
  auto whole = make_json_answer_guard(options);
  std::string body = whole->push(
      R"({"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"not json"},"finish_reason":"stop"}]})");
  body += whole->finish();
  CHECK(whole->decision().action == Action::kFlag);
  CHECK(whole->findings().at(0).category == "invalid_json");
}

TEST_CASE("A placeholder split across responses deltas comes back whole", "[gateway][pseudonyms]") {
  Pseudonyms names;
  names.placeholder("EMAIL", "jane@example.org");
  const std::string answer = "Write to [EMAIL_1] today.";
  std::string wire;
  for (std::size_t i = 0; i < answer.size(); i += 3)
    wire += "event: response.output_text.delta\ndata: " +
            json::serialize(json::object{{"type", "response.output_text.delta"},
                                         {"output_index", 0},
                                         {"content_index", 0},
                                         {"delta", answer.substr(i, 3)}}) +
            "\n\n";
  wire += "event: response.output_text.done\ndata: " +
          json::serialize(json::object{{"type", "response.output_text.done"},
                                       {"output_index", 0},
                                       {"content_index", 0},
                                       {"text", answer}}) +
          "\n\n";
  auto guard = make_event_stream_guard({.endpoint = EndpointKind::kResponses, .names = &names});
  std::string out = guard->push(wire);
  out += guard->finish();
  std::string deltas, done;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("data: ")) continue;
    const json::value event = json::parse(line.substr(6));
    if (event.at("type") == "response.output_text.delta")
      deltas += event.at("delta").as_string().c_str();
    if (event.at("type") == "response.output_text.done")
      done = event.at("text").as_string().c_str();
  }
  CHECK(deltas == "Write to jane@example.org today.");
  CHECK(done == deltas);
}
