// The output guard end to end: the shipped configuration between a client and a fake
// upstream whose answers leak secrets, stream long texts, break off or hang.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <boost/asio/connect.hpp>
#include <boost/json.hpp>

#include "http_client.h"
#include "process.h"
#include "stack.h"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const std::string kLeakyAnswer =
    "Sure. Set AWS_ACCESS_KEY_ID to AKIAQ3EGRV7WNBLKA6XZ and use the token "
    "ghp_4kT9bQ2mN7xR1vL8cZ3wY6pH0sJ5dF2gA9eK for the CI job; ask ops if it fails. "
    "The staging key is AKIAZ7PQMV2XK4RTL6WN.";

std::string body_for(const std::string& path, bool stream) {
  json::object body{{"model", "gpt-4o-mini"}};
  if (path == "/v1/chat/completions")
    body["messages"] = json::array{json::object{{"role", "user"}, {"content", "How do I deploy?"}}};
  else if (path == "/v1/completions")
    body["prompt"] = "How do I deploy?";
  else
    body["input"] = "How do I deploy?";
  if (stream) body["stream"] = true;
  return json::serialize(body);
}

// The text a client reassembles from a streamed answer of any of the three APIs.
std::string streamed_text(const std::string& wire) {
  std::string text;
  std::istringstream lines(wire);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("data: {")) continue;
    const json::value parsed = json::parse(line.substr(6));
    const json::object& event = parsed.as_object();
    if (const json::value* type = event.if_contains("type")) {
      if (*type == "response.output_text.delta") text += event.at("delta").as_string().c_str();
      continue;
    }
    const json::array& choices = event.at("choices").as_array();
    if (choices.empty()) continue;
    const json::object& choice = choices.at(0).as_object();
    if (const json::value* t = choice.if_contains("text")) text += t->as_string().c_str();
    if (const json::value* d = choice.if_contains("delta"))
      if (const json::value* c = d->as_object().if_contains("content"); c && c->is_string())
        text += c->as_string().c_str();
  }
  return text;
}

std::string whole_text(const std::string& path, const std::string& body) {
  const json::value answer = json::parse(body);
  if (path == "/v1/responses")
    return answer.at("output").at(0).at("content").at(0).at("text").as_string().c_str();
  const json::object& choice = answer.at("choices").at(0).as_object();
  if (path == "/v1/completions") return choice.at("text").as_string().c_str();
  return choice.at("message").at("content").as_string().c_str();
}

// A streamed chat request written on a raw connection, for tests that read the answer
// byte by byte or leave in the middle of it.
boost::asio::ip::tcp::socket send_streamed_request(boost::asio::io_context& io,
                                                   const std::string& api) {
  namespace asio = boost::asio;
  asio::ip::tcp::socket socket(io);
  const auto colon = api.rfind(':');
  asio::ip::tcp::resolver resolver(io);
  asio::connect(socket, resolver.resolve(api.substr(0, colon), api.substr(colon + 1)));
  const std::string body = body_for("/v1/chat/completions", true);
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  asio::write(socket, asio::buffer(request));
  return socket;
}

}  // namespace

TEST_CASE("secrets in answers are redacted, streamed exactly as whole, on all three APIs",
          "[integration][output]") {
  Stack stack({"--mode", "fixed", "--text", kLeakyAnswer, "--chunk-chars", "3"});
  for (const std::string path : {"/v1/chat/completions", "/v1/completions", "/v1/responses"}) {
    INFO(path);
    const HttpReply whole = http_request(stack.api, "POST", path, body_for(path, false));
    REQUIRE(whole.status == 200);
    const std::string expected = whole_text(path, whole.body);
    CHECK(expected.find("AKIA") == std::string::npos);
    CHECK(expected.find("ghp_") == std::string::npos);
    CHECK(expected.find("[SECRET]") != std::string::npos);
    CHECK_THAT(expected, Catch::StartsWith("Sure. Set"));

    const HttpReply streamed = http_request(stack.api, "POST", path, body_for(path, true));
    REQUIRE(streamed.status == 200);
    CHECK(streamed.body.find("AKIA") == std::string::npos);  // nor in any "done" event
    CHECK(streamed.body.find("ghp_") == std::string::npos);
    CHECK(streamed_text(streamed.body) == expected);
  }
  CHECK(eventually([&] {
    return metric_value(stack.admin,
                        "llmsec_actions_total{action=\"redact\",direction=\"output\"}") >= 6;
  }));
}

TEST_CASE("a long answer streams through whole, held back within its bound",
          "[integration][output]") {
  // About 1 MB of prose, written for this test, in word-like tokens as models stream.
  const fs::path file =
      fs::temp_directory_path() / ("llmsec-long-answer-" + std::to_string(std::random_device()()));
  std::string text;
  std::mt19937 random(7);
  const std::vector<std::string> words{"the",   "river", "runs", "past", "old",  "mills",
                                       "and",   "into",  "a",    "wide", "bay,", "where",
                                       "boats", "wait.", "Then", "42",   "more", "(again)"};
  while (text.size() < 1'000'000) text += words[random() % words.size()] + " ";
  std::ofstream(file) << text;
  Stack stack({"--mode", "file", "--file", file.string(), "--chunk-chars", "0"});
  const HttpReply streamed = http_request(stack.api, "POST", "/v1/chat/completions",
                                          body_for("/v1/chat/completions", true));
  fs::remove(file);
  REQUIRE(streamed.status == 200);
  CHECK(streamed_text(streamed.body) == text);
  CHECK_THAT(streamed.body, Catch::EndsWith("data: [DONE]\n\n"));
  CHECK(eventually(
      [&] { return metric_value(stack.admin, "llmsec_stream_held_back_bytes_count") == 1; }));
  CHECK(metric_value(stack.admin, "llmsec_stream_held_back_bytes_sum") <= 256);
}

TEST_CASE("an upstream that breaks off mid-stream ends the client's stream cleanly",
          "[integration][output]") {
  Stack stack({"--mode", "cut", "--text", "One two three four five six seven eight nine ten.",
               "--chunk-chars", "4"});
  const HttpReply r = http_request(stack.api, "POST", "/v1/chat/completions",
                                   body_for("/v1/chat/completions", true));
  CHECK(r.status == 200);  // read to the end of a well-formed chunked body
  const std::string text = streamed_text(r.body);
  CHECK_FALSE(text.empty());
  CHECK_THAT(std::string("One two three four five six seven eight nine ten."),
             Catch::StartsWith(text));
  CHECK(eventually([&] {
    return metric_value(stack.admin, "llmsec_upstream_errors_total{reason=\"broken_midway\"}") == 1;
  }));
  CHECK(http_request(stack.admin, "GET", "/healthz").status == 200);
}

TEST_CASE("a stream's head reaches the client while the model is still before its first token",
          "[integration][output]") {
  Stack stack({"--mode", "fixed", "--text", "Rivers run to the sea.", "--first-token-ms", "1500"});
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket = send_streamed_request(io, stack.api);
  // The gateway sends the head with the first events when they come together, and alone
  // when the upstream's head comes alone: a client must not wait for the model to see
  // that its stream began.
  std::string first(1024, '\0');
  first.resize(socket.read_some(boost::asio::buffer(first)));
  CHECK_THAT(first, Catch::StartsWith("HTTP/1.1 200"));
  CHECK(first.find("text/event-stream") != std::string::npos);
  CHECK(first.find("data:") == std::string::npos);
  std::string rest(4096, '\0');
  rest.resize(socket.read_some(boost::asio::buffer(rest)));
  CHECK(rest.find("data: {") != std::string::npos);
}

TEST_CASE("a client that leaves mid-stream cancels the upstream and leaves nothing behind",
          "[integration][output]") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "word ";
  Stack stack(
      {"--mode", "fixed", "--text", text, "--chunk-chars", "0", "--tokens-per-second", "200"});
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket = send_streamed_request(io, stack.api);
    char first[512];
    socket.read_some(boost::asio::buffer(first));  // the stream has begun
    CHECK(metric_value(stack.admin, "llmsec_active_streams") == 1);
  }  // the client goes away after a few tokens of a two-second answer
  CHECK(eventually([&] { return metric_value(stack.admin, "llmsec_active_streams") == 0; }));
  CHECK(metric_value(stack.admin, "llmsec_upstream_errors_total{reason=\"broken_midway\"}") == 1);
  // The gateway goes on serving.
  CHECK(http_request(stack.api, "POST", "/v1/chat/completions",
                     body_for("/v1/chat/completions", false))
            .status == 200);
}
