// fake-llm: a stand-in for an OpenAI-compatible API, for tests and load tests.
//
//   fake-llm --listen 127.0.0.1:0 --mode echo|fixed|error [--text STR] [--status N]
//            [--chunk-chars N] [--latency-ms N] [--api-key KEY] [--record FILE]
//
// POST /v1/chat/completions answers in OpenAI's format, as one JSON body or, with
// "stream": true, as SSE chunks of --chunk-chars characters ending in "data: [DONE]".
// POST /v1/responses, /v1/completions and /v1/embeddings answer non-streamed JSON in
// their formats (echo answers the last input text); GET /v1/models lists three models.
// echo answers the last user message, fixed answers --text, error fails with --status.
// With --api-key, a request without "Authorization: Bearer KEY" gets OpenAI's 401.
// With --record FILE, every request body is appended to FILE, one line each, so tests can
// check what reached the upstream.
// Prints "fake-llm listening 127.0.0.1:PORT" once bound.
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Options {
  std::string listen = "127.0.0.1:0";
  std::string mode = "echo";
  std::string text = "Hello from fake-llm.";
  unsigned status = 500;
  std::size_t chunk_chars = 8;
  unsigned latency_ms = 0;
  std::string api_key;  // empty: any client
  std::string record;   // empty: no record
};

std::mutex g_record_mutex;

void record_body(const Options& options, const std::string& body) {
  if (options.record.empty()) return;
  std::lock_guard lock(g_record_mutex);
  std::ofstream(options.record, std::ios::app) << body << "\n";
}

std::atomic<std::uint64_t> g_counter{0};

std::string last_user_message(const json::object& body) {
  std::string last;
  const json::value* messages = body.if_contains("messages");
  if (!messages || !messages->is_array()) return last;
  for (const json::value& m : messages->get_array()) {
    const json::object* o = m.if_object();
    if (!o || !o->contains("role") || o->at("role") != "user") continue;
    const json::value& content = o->contains("content") ? o->at("content") : json::value();
    if (content.is_string())
      last = std::string(content.get_string());
    else if (content.is_array()) {
      last.clear();
      for (const json::value& part : content.get_array())
        if (part.is_object() && part.get_object().contains("text") &&
            part.get_object().at("text").is_string())
          last += std::string(part.get_object().at("text").get_string());
    }
  }
  return last;
}

// Splits UTF-8 text into pieces of about `chars` code points, never inside a character.
std::vector<std::string> chunks_of(const std::string& text, std::size_t chars) {
  std::vector<std::string> out;
  std::string current;
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && count == chars) {
      out.push_back(std::move(current));
      current.clear();
      count = 0;
    }
    if ((c & 0xC0) != 0x80) ++count;
    current += text[i];
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string models_body() {
  json::array data;
  for (const char* id : {"gpt-4o-mini", "gpt-4o", "text-embedding-3-small"})
    data.push_back(
        {{"id", id}, {"object", "model"}, {"created", 1700000000}, {"owned_by", "fake-llm"}});
  return json::serialize(json::object{{"object", "list"}, {"data", std::move(data)}});
}

// The text a /v1/responses request ends with: its input string or its last user text.
std::string last_response_input(const json::object& body) {
  const json::value* input = body.if_contains("input");
  if (!input) return {};
  if (input->is_string()) return std::string(input->get_string());
  std::string last;
  if (!input->is_array()) return last;
  for (const json::value& item : input->get_array()) {
    const json::object* o = item.if_object();
    if (!o || !o->contains("content")) continue;
    const json::value& content = o->at("content");
    if (content.is_string()) last = std::string(content.get_string());
    if (content.is_array())
      for (const json::value& part : content.get_array())
        if (part.is_object() && part.get_object().contains("text") &&
            part.get_object().at("text").is_string())
          last = std::string(part.get_object().at("text").get_string());
  }
  return last;
}

// Non-streamed answers of the other endpoints, in OpenAI's format.
std::string other_endpoint_body(const Options& options, const std::string& target,
                                const json::object& body) {
  const std::string model = body.contains("model") && body.at("model").is_string()
                                ? std::string(body.at("model").get_string())
                                : "fake-model";
  const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const std::string n = std::to_string(++g_counter);
  if (target == "/v1/embeddings") {
    std::size_t inputs = 1;
    if (const json::value* in = body.if_contains("input"); in && in->is_array())
      inputs = in->get_array().size();
    json::array data;
    for (std::size_t i = 0; i < inputs; ++i) {
      json::array vector;
      for (int d = 0; d < 8; ++d) vector.push_back(static_cast<double>((i * 8 + d) % 7) / 7.0);
      data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", std::move(vector)}});
    }
    return json::serialize(json::object{{"object", "list"},
                                        {"data", std::move(data)},
                                        {"model", model},
                                        {"usage", {{"prompt_tokens", 8}, {"total_tokens", 8}}}});
  }
  if (target == "/v1/completions") {
    std::string prompt;
    if (const json::value* p = body.if_contains("prompt"); p && p->is_string())
      prompt = std::string(p->get_string());
    const std::string text = options.mode == "echo" ? prompt : options.text;
    return json::serialize(json::object{
        {"id", "cmpl-fake" + n},
        {"object", "text_completion"},
        {"created", created},
        {"model", model},
        {"choices",
         json::array{json::object{
             {"index", 0}, {"text", text}, {"logprobs", nullptr}, {"finish_reason", "stop"}}}},
        {"usage", {{"prompt_tokens", 10}, {"completion_tokens", 5}, {"total_tokens", 15}}}});
  }
  const std::string text = options.mode == "echo" ? last_response_input(body) : options.text;
  return json::serialize(json::object{
      {"id", "resp_fake" + n},
      {"object", "response"},
      {"created_at", created},
      {"status", "completed"},
      {"model", model},
      {"output", json::array{json::object{
                     {"type", "message"},
                     {"id", "msg_fake" + n},
                     {"status", "completed"},
                     {"role", "assistant"},
                     {"content", json::array{json::object{{"type", "output_text"},
                                                          {"text", text},
                                                          {"annotations", json::array{}}}}}}}},
      {"usage", {{"input_tokens", 10}, {"output_tokens", 5}, {"total_tokens", 15}}}});
}

asio::awaitable<bool> answer(const Options& options, beast::tcp_stream& stream,
                             http::request<http::string_body>& request) {
  const auto send = [&](http::status status, std::string body) -> asio::awaitable<bool> {
    http::response<http::string_body> response(status, request.version());
    response.set(http::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    auto [ec, n] = co_await http::async_write(stream, response, kTuple);
    co_return !ec && request.keep_alive();
  };
  record_body(options, request.body());
  if (options.latency_ms) {
    asio::steady_timer timer(stream.get_executor(), std::chrono::milliseconds(options.latency_ms));
    co_await timer.async_wait(kTuple);
  }
  if (!options.api_key.empty() &&
      request[http::field::authorization] != "Bearer " + options.api_key)
    co_return co_await send(
        http::status::unauthorized,
        R"({"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})");
  if (request.target() == "/v1/models" && request.method() == http::verb::get)
    co_return co_await send(http::status::ok, models_body());
  if (request.method() == http::verb::post &&
      (request.target() == "/v1/responses" || request.target() == "/v1/completions" ||
       request.target() == "/v1/embeddings")) {
    if (options.mode == "error")
      co_return co_await send(
          static_cast<http::status>(options.status),
          R"({"error":{"message":"fake upstream failure","type":"server_error","param":null,"code":"fake_error"}})");
    boost::system::error_code parse_ec;
    const json::value parsed = json::parse(request.body(), parse_ec);
    if (parse_ec || !parsed.is_object())
      co_return co_await send(
          http::status::bad_request,
          R"({"error":{"message":"invalid JSON","type":"invalid_request_error","param":null,"code":"invalid_json"}})");
    co_return co_await send(
        http::status::ok,
        other_endpoint_body(options, std::string(request.target()), parsed.get_object()));
  }
  if (request.target() != "/v1/chat/completions" || request.method() != http::verb::post)
    co_return co_await send(
        http::status::not_found,
        R"({"error":{"message":"not found","type":"invalid_request_error","param":null,"code":"not_found"}})");
  if (options.mode == "error")
    co_return co_await send(
        static_cast<http::status>(options.status),
        R"({"error":{"message":"fake upstream failure","type":"server_error","param":null,"code":"fake_error"}})");
  boost::system::error_code ec;
  json::value body = json::parse(request.body(), ec);
  if (ec || !body.is_object())
    co_return co_await send(
        http::status::bad_request,
        R"({"error":{"message":"invalid JSON","type":"invalid_request_error","param":null,"code":"invalid_json"}})");
  const json::object& object = body.get_object();
  const std::string text = options.mode == "echo" ? last_user_message(object) : options.text;
  const std::string model = object.contains("model") && object.at("model").is_string()
                                ? std::string(object.at("model").get_string())
                                : "fake-model";
  const std::string id = "chatcmpl-fake" + std::to_string(++g_counter);
  const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const bool streamed = object.contains("stream") && object.at("stream") == true;

  if (!streamed) {
    json::object completion{
        {"id", id},
        {"object", "chat.completion"},
        {"created", created},
        {"model", model},
        {"choices",
         json::array{json::object{
             {"index", 0},
             {"message", {{"role", "assistant"}, {"content", text}, {"refusal", nullptr}}},
             {"logprobs", nullptr},
             {"finish_reason", "stop"}}}},
        {"usage",
         {{"prompt_tokens", 10},
          {"completion_tokens", text.size() / 4 + 1},
          {"total_tokens", 10 + text.size() / 4 + 1}}}};
    co_return co_await send(http::status::ok, json::serialize(completion));
  }

  http::response<http::empty_body> head(http::status::ok, request.version());
  head.set(http::field::content_type, "text/event-stream");
  head.set(http::field::cache_control, "no-cache");
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer(head);
  if (auto [e, n] = co_await http::async_write_header(stream, serializer, kTuple); e)
    co_return false;
  const auto event = [&](json::object delta, json::value finish) {
    json::object chunk{
        {"id", id},
        {"object", "chat.completion.chunk"},
        {"created", created},
        {"model", model},
        {"choices", json::array{json::object{{"index", 0},
                                             {"delta", std::move(delta)},
                                             {"logprobs", nullptr},
                                             {"finish_reason", std::move(finish)}}}}};
    return "data: " + json::serialize(chunk) + "\n\n";
  };
  std::vector<std::string> events{event({{"role", "assistant"}, {"content", ""}}, nullptr)};
  for (std::string& piece : chunks_of(text, std::max<std::size_t>(1, options.chunk_chars)))
    events.push_back(event({{"content", std::move(piece)}}, nullptr));
  events.push_back(event({}, "stop"));
  events.push_back("data: [DONE]\n\n");
  for (const std::string& e : events) {
    auto [write_ec, n] =
        co_await asio::async_write(stream, http::make_chunk(asio::buffer(e)), kTuple);
    if (write_ec) co_return false;
  }
  auto [last_ec, n] = co_await asio::async_write(stream, http::make_chunk_last(), kTuple);
  co_return !last_ec && request.keep_alive();
}

asio::awaitable<void> session(const Options& options, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    auto [ec, n] = co_await http::async_read(stream, buffer, request, kTuple);
    if (ec) break;
    if (!co_await answer(options, stream, request)) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(const Options& options, tcp::acceptor& acceptor) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kTuple);
    if (ec) co_return;
    asio::co_spawn(acceptor.get_executor(), session(options, std::move(socket)), asio::detached);
  }
}

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "fake-llm: " << flag << " needs a value\n";
      return 2;
    }
    const std::string value = argv[++i];
    try {
      if (flag == "--listen")
        options.listen = value;
      else if (flag == "--mode")
        options.mode = value;
      else if (flag == "--text")
        options.text = value;
      else if (flag == "--status")
        options.status = std::stoul(value);
      else if (flag == "--chunk-chars")
        options.chunk_chars = std::stoul(value);
      else if (flag == "--latency-ms")
        options.latency_ms = std::stoul(value);
      else if (flag == "--api-key")
        options.api_key = value;
      else if (flag == "--record")
        options.record = value;
      else {
        std::cerr << "fake-llm: unknown option " << flag << "\n";
        return 2;
      }
    } catch (const std::exception&) {
      std::cerr << "fake-llm: bad value for " << flag << "\n";
      return 2;
    }
  }
  if (options.mode != "echo" && options.mode != "fixed" && options.mode != "error") {
    std::cerr << "fake-llm: --mode must be echo, fixed or error\n";
    return 2;
  }
  const auto colon = options.listen.rfind(':');
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.listen.substr(0, colon), ec);
  if (colon == std::string::npos || ec) {
    std::cerr << "fake-llm: --listen expects IP:PORT\n";
    return 2;
  }
  asio::io_context io;
  tcp::acceptor acceptor(
      io, tcp::endpoint(address,
                        static_cast<unsigned short>(std::stoul(options.listen.substr(colon + 1)))));
  std::cout << "fake-llm listening " << acceptor.local_endpoint().address().to_string() << ":"
            << acceptor.local_endpoint().port() << std::endl;
  asio::co_spawn(io, accept_loop(options, acceptor), asio::detached);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { io.stop(); });
  io.run();
  return 0;
}
