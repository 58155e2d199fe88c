// fake-llm: a stand-in for an OpenAI-compatible API, for tests and load tests.
//
//   fake-llm --listen 127.0.0.1:0 --mode echo|fixed|file|leak|error|hang|cut [--text STR]
//            [--file PATH] [--status N] [--chunk-chars N] [--tokens-per-second N]
//            [--latency-ms N] [--first-token-ms N] [--idle-close-ms N] [--content-encoding E]
//            [--api-key KEY]
//            [--record FILE] [--classify-trigger WORD]
//
// POST /v1/chat/completions, /v1/completions and /v1/responses answer in OpenAI's format,
// as one JSON body or, with "stream": true, as the server-sent events each API sends
// (chat and completion chunks ending in "data: [DONE]"; responses events from
// response.created to response.completed). POST /v1/embeddings answers vectors;
// GET /v1/models lists three models.
// Modes: echo answers the last user text; fixed answers --text; file answers the contents
// of --file; leak answers the request's system and developer texts (a prompt extraction
// that worked); error fails with --status; hang reads the request and never answers; cut
// closes the connection halfway through the answer.
// Streamed text comes in deltas of --chunk-chars characters (0: word-like tokens, as
// models stream), at most --tokens-per-second deltas a second; --latency-ms delays the
// answer's start; --first-token-ms pauses a stream between its head and its first event,
// as a model thinks before its first token.
// --content-encoding E labels JSON answers as compressed (an upstream that ignores the
// gateway's request for identity). --idle-close-ms closes a keep-alive connection idle that long,
// as servers do; GET /fake/stats counts the connections accepted. With --api-key, a request without
// "Authorization: Bearer KEY" gets OpenAI's 401. With --record FILE, every request body is appended
// to FILE, one line each, so tests can check what reached the upstream. POST /classify
// {"text": ...} answers as a text-classification model server does (a prompt-guard model
// behind an inference server): [{"label": "INJECTION", "score": s}, {"label": "SAFE", ...}],
// s = 0.98 when the text contains --classify-trigger (case aside), else 0.02; --latency-ms,
// --mode error and --mode hang apply. Prints "fake-llm listening 127.0.0.1:PORT" once bound.
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/lexical_cast.hpp>

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
  unsigned first_token_ms = 0;
  unsigned tokens_per_second = 0;  // 0: as fast as the socket takes them
  unsigned idle_close_ms = 0;      // 0: keep idle connections open
  std::string content_encoding;    // claimed on JSON answers, which stay uncompressed
  std::string api_key;             // empty: any client
  std::string record;              // empty: no record
  std::string classify_trigger = "ignore previous instructions";
};

// A text-classification model server's answer for POST /classify.
std::string classify_body(const Options& options, const std::string& request_body) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(request_body, ec);
  const json::value* text =
      !ec && parsed.is_object() ? parsed.get_object().if_contains("text") : nullptr;
  std::string lower = text && text->is_string() ? std::string(text->get_string()) : "";
  std::string trigger = options.classify_trigger;
  for (std::string* s : {&lower, &trigger})
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const double score = lower.find(trigger) != std::string::npos ? 0.98 : 0.02;
  json::array labels;
  labels.push_back(json::object{{"label", "INJECTION"}, {"score", score}});
  labels.push_back(json::object{{"label", "SAFE"}, {"score", 1.0 - score}});
  return json::serialize(labels);
}

std::mutex g_record_mutex;

void record_body(const Options& options, const std::string& body) {
  if (options.record.empty()) return;
  std::lock_guard lock(g_record_mutex);
  std::ofstream(options.record, std::ios::app) << body << "\n";
}

std::atomic<std::uint64_t> g_counter{0};
std::atomic<std::uint64_t> g_connections{0};  // accepted, for GET /fake/stats

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

// Splits UTF-8 text into pieces of `chars` code points, never inside a character; with 0,
// into word-like tokens as models stream them ("Hello", ",", " world").
std::vector<std::string> pieces_of(const std::string& text, std::size_t chars) {
  if (chars == 0) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t j = i;
      if (text[j] == ' ') ++j;  // a token carries the space before its word
      const auto word = [&](std::size_t k) {
        const unsigned char c = static_cast<unsigned char>(text[k]);
        return std::isalnum(c) || c >= 0x80;
      };
      if (j < text.size() && word(j))
        while (j < text.size() && word(j)) ++j;
      else if (j < text.size())
        ++j;
      out.push_back(text.substr(i, j - i));
      i = j;
    }
    return out;
  }
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

enum class Endpoint { kChat, kCompletions, kResponses, kEmbeddings };

std::string next_id() {
  return std::to_string(++g_counter);
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json::object usage_of(Endpoint endpoint, const std::string& text) {
  const std::size_t out = text.size() / 4 + 1;
  if (endpoint == Endpoint::kResponses)
    return {{"input_tokens", 10}, {"output_tokens", out}, {"total_tokens", 10 + out}};
  return {{"prompt_tokens", 10}, {"completion_tokens", out}, {"total_tokens", 10 + out}};
}

json::object response_message(const std::string& id, const std::string& text, bool done) {
  json::array content;
  if (done)
    content.push_back({{"type", "output_text"}, {"text", text}, {"annotations", json::array{}}});
  return {{"type", "message"},
          {"id", "msg_" + id},
          {"status", done ? "completed" : "in_progress"},
          {"role", "assistant"},
          {"content", std::move(content)}};
}

json::object response_object(const std::string& id, const std::string& model, std::int64_t created,
                             const std::string* text) {
  json::object r{{"id", "resp_" + id},    {"object", "response"},
                 {"created_at", created}, {"status", text ? "completed" : "in_progress"},
                 {"model", model},        {"output", json::array{}}};
  if (text) {
    r["output"] = json::array{response_message(id, *text, true)};
    r["usage"] = usage_of(Endpoint::kResponses, *text);
  }
  return r;
}

// A whole answer in the endpoint's format.
std::string whole_body(Endpoint endpoint, const std::string& text, const std::string& model,
                       std::size_t inputs) {
  const std::string id = next_id();
  const std::int64_t created = now_seconds();
  switch (endpoint) {
    case Endpoint::kEmbeddings: {
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
    case Endpoint::kCompletions:
      return json::serialize(json::object{
          {"id", "cmpl-fake" + id},
          {"object", "text_completion"},
          {"created", created},
          {"model", model},
          {"choices",
           json::array{json::object{
               {"index", 0}, {"text", text}, {"logprobs", nullptr}, {"finish_reason", "stop"}}}},
          {"usage", usage_of(endpoint, text)}});
    case Endpoint::kResponses:
      return json::serialize(response_object(id, model, created, &text));
    case Endpoint::kChat:
      break;
  }
  return json::serialize(json::object{
      {"id", "chatcmpl-fake" + id},
      {"object", "chat.completion"},
      {"created", created},
      {"model", model},
      {"choices", json::array{json::object{
                      {"index", 0},
                      {"message", {{"role", "assistant"}, {"content", text}, {"refusal", nullptr}}},
                      {"logprobs", nullptr},
                      {"finish_reason", "stop"}}}},
      {"usage", usage_of(endpoint, text)}});
}

std::string sse(const json::object& data, std::string_view name = {}) {
  std::string out;
  if (!name.empty()) {
    out += "event: ";
    out += name;
    out += '\n';
  }
  out += "data: ";
  out += json::serialize(data);
  out += "\n\n";
  return out;
}

// The events of a streamed answer, as the endpoint sends them; the text arrives in
// `pieces`, one delta event each. `first_delta` is the index of the first delta event.
std::vector<std::string> stream_events(Endpoint endpoint, const std::vector<std::string>& pieces,
                                       const std::string& text, const std::string& model,
                                       std::size_t& first_delta) {
  const std::string id = next_id();
  const std::int64_t created = now_seconds();
  std::vector<std::string> events;
  if (endpoint == Endpoint::kResponses) {
    std::int64_t sequence = 0;
    const auto event = [&](const char* type, json::object fields) {
      fields["type"] = type;
      fields["sequence_number"] = sequence++;
      return sse(fields, type);
    };
    const json::object where{{"item_id", "msg_" + id}, {"output_index", 0}, {"content_index", 0}};
    const auto at = [&](json::object fields) {
      for (const auto& [k, v] : where) fields[k] = v;
      return fields;
    };
    const json::object part_empty{
        {"type", "output_text"}, {"text", ""}, {"annotations", json::array{}}};
    json::object part_done = part_empty;
    part_done["text"] = text;
    events.push_back(
        event("response.created", {{"response", response_object(id, model, created, nullptr)}}));
    events.push_back(event("response.in_progress",
                           {{"response", response_object(id, model, created, nullptr)}}));
    events.push_back(event("response.output_item.added",
                           {{"output_index", 0}, {"item", response_message(id, text, false)}}));
    events.push_back(event("response.content_part.added", at({{"part", part_empty}})));
    first_delta = events.size();
    for (const std::string& piece : pieces)
      events.push_back(
          event("response.output_text.delta", at({{"delta", piece}, {"logprobs", json::array{}}})));
    events.push_back(
        event("response.output_text.done", at({{"text", text}, {"logprobs", json::array{}}})));
    events.push_back(event("response.content_part.done", at({{"part", part_done}})));
    events.push_back(event("response.output_item.done",
                           {{"output_index", 0}, {"item", response_message(id, text, true)}}));
    events.push_back(
        event("response.completed", {{"response", response_object(id, model, created, &text)}}));
    return events;
  }
  const bool chat = endpoint == Endpoint::kChat;
  const auto chunk = [&](json::object choice) {
    choice["index"] = 0;
    choice["logprobs"] = nullptr;
    return sse({{"id", (chat ? "chatcmpl-fake" : "cmpl-fake") + id},
                {"object", chat ? "chat.completion.chunk" : "text_completion"},
                {"created", created},
                {"model", model},
                {"choices", json::array{std::move(choice)}}});
  };
  if (chat)
    events.push_back(
        chunk({{"delta", {{"role", "assistant"}, {"content", ""}}}, {"finish_reason", nullptr}}));
  first_delta = events.size();
  for (const std::string& piece : pieces)
    events.push_back(chat ? chunk({{"delta", {{"content", piece}}}, {"finish_reason", nullptr}})
                          : chunk({{"text", piece}, {"finish_reason", nullptr}}));
  events.push_back(chat ? chunk({{"delta", json::object{}}, {"finish_reason", "stop"}})
                        : chunk({{"text", ""}, {"finish_reason", "stop"}}));
  events.push_back("data: [DONE]\n\n");
  return events;
}

// A request's system and developer texts (a chat's messages, a response's instructions):
// what a model that fell for a prompt-extraction attack gives away.
std::string instructions_of(const json::object& body) {
  std::string out;
  if (const json::value* i = body.if_contains("instructions"); i && i->is_string())
    out += i->get_string();
  if (const json::value* messages = body.if_contains("messages"); messages && messages->is_array())
    for (const json::value& m : messages->get_array()) {
      const json::object* o = m.if_object();
      if (!o || !o->contains("role") || !o->contains("content") || !o->at("content").is_string())
        continue;
      if (o->at("role") != "system" && o->at("role") != "developer") continue;
      if (!out.empty()) out += "\n";
      out += o->at("content").get_string();
    }
  return out;
}

// What the answer says: the request's own last text (echo), --text, or --file.
std::string answer_text(const Options& options, Endpoint endpoint, const json::object& body) {
  if (options.mode == "leak") return instructions_of(body);
  if (options.mode != "echo") return options.text;
  if (endpoint == Endpoint::kChat) return last_user_message(body);
  if (endpoint == Endpoint::kResponses) return last_response_input(body);
  if (const json::value* p = body.if_contains("prompt"); p && p->is_string())
    return std::string(p->get_string());
  return {};
}

std::optional<Endpoint> endpoint_of(std::string_view target) {
  if (target == "/v1/chat/completions") return Endpoint::kChat;
  if (target == "/v1/completions") return Endpoint::kCompletions;
  if (target == "/v1/responses") return Endpoint::kResponses;
  if (target == "/v1/embeddings") return Endpoint::kEmbeddings;
  return std::nullopt;
}

std::string stats_body() {
  return json::serialize(json::object{{"connections", g_connections.load()}});
}

// OpenAI's error body.
std::string error_body(http::status status, std::string_view message, std::string_view code) {
  const bool client_error = static_cast<unsigned>(status) / 100 == 4;
  return json::serialize(
      json::object{{"error",
                    {{"message", message},
                     {"type", client_error ? "invalid_request_error" : "server_error"},
                     {"param", nullptr},
                     {"code", code}}}});
}

asio::awaitable<void> pause(beast::tcp_stream& stream, std::chrono::microseconds duration) {
  asio::steady_timer timer(stream.get_executor(), duration);
  co_await timer.async_wait(kTuple);
}

asio::awaitable<bool> answer(const Options& options, beast::tcp_stream& stream,
                             http::request<http::string_body>& request) {
  const auto send = [&](http::status status, std::string body) -> asio::awaitable<bool> {
    http::response<http::string_body> response(status, request.version());
    response.set(http::field::content_type, "application/json");
    if (!options.content_encoding.empty())
      response.set(http::field::content_encoding, options.content_encoding);
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    if (options.mode == "cut") {  // headers and half the body, then the connection drops
      std::string wire = boost::lexical_cast<std::string>(response.base()) +
                         response.body().substr(0, response.body().size() / 2);
      co_await asio::async_write(stream, asio::buffer(wire), kTuple);
      co_return false;
    }
    auto [ec, n] = co_await http::async_write(stream, response, kTuple);
    co_return !ec && request.keep_alive();
  };
  record_body(options, request.body());
  if (options.mode == "hang") {  // read the request, never answer
    co_await pause(stream, std::chrono::hours(1));
    co_return false;
  }
  if (options.latency_ms) co_await pause(stream, std::chrono::milliseconds(options.latency_ms));
  if (!options.api_key.empty() &&
      request[http::field::authorization] != "Bearer " + options.api_key)
    co_return co_await send(
        http::status::unauthorized,
        error_body(http::status::unauthorized, "Incorrect API key provided.", "invalid_api_key"));
  if (request.target() == "/fake/stats") co_return co_await send(http::status::ok, stats_body());
  if (request.target() == "/classify" && options.mode != "error")
    co_return co_await send(http::status::ok, classify_body(options, request.body()));
  if (request.target() == "/v1/models" && request.method() == http::verb::get)
    co_return co_await send(http::status::ok, models_body());
  const auto endpoint = endpoint_of(request.target());
  if (!endpoint || request.method() != http::verb::post)
    co_return co_await send(http::status::not_found,
                            error_body(http::status::not_found, "not found", "not_found"));
  if (options.mode == "error")
    co_return co_await send(static_cast<http::status>(options.status),
                            error_body(static_cast<http::status>(options.status),
                                       "fake upstream failure", "fake_error"));
  boost::system::error_code ec;
  const json::value parsed = json::parse(request.body(), ec);
  if (ec || !parsed.is_object())
    co_return co_await send(http::status::bad_request,
                            error_body(http::status::bad_request, "invalid JSON", "invalid_json"));
  const json::object& body = parsed.get_object();
  const std::string model = body.contains("model") && body.at("model").is_string()
                                ? std::string(body.at("model").get_string())
                                : "fake-model";
  const std::string text = answer_text(options, *endpoint, body);
  const bool streamed =
      *endpoint != Endpoint::kEmbeddings && body.contains("stream") && body.at("stream") == true;
  if (!streamed) {
    std::size_t inputs = 1;
    if (const json::value* in = body.if_contains("input"); in && in->is_array())
      inputs = in->get_array().size();
    co_return co_await send(http::status::ok, whole_body(*endpoint, text, model, inputs));
  }

  http::response<http::empty_body> head(http::status::ok, request.version());
  head.set(http::field::content_type, "text/event-stream");
  head.set(http::field::cache_control, "no-cache");
  head.chunked(true);
  http::response_serializer<http::empty_body> serializer(head);
  if (auto [e, n] = co_await http::async_write_header(stream, serializer, kTuple); e)
    co_return false;
  if (options.first_token_ms)
    co_await pause(stream, std::chrono::milliseconds(options.first_token_ms));
  std::size_t first_delta = 0;
  const std::vector<std::string> events =
      stream_events(*endpoint, pieces_of(text, options.chunk_chars), text, model, first_delta);
  const auto gap = options.tokens_per_second
                       ? std::chrono::microseconds(1'000'000 / options.tokens_per_second)
                       : std::chrono::microseconds(0);
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (options.mode == "cut" && i == first_delta + (events.size() - first_delta) / 2)
      co_return false;  // mid-stream, without the last chunk: the connection just closes
    if (gap.count() && i > first_delta && i < events.size() - 1) co_await pause(stream, gap);
    auto [write_ec, n] =
        co_await asio::async_write(stream, http::make_chunk(asio::buffer(events[i])), kTuple);
    if (write_ec) co_return false;
  }
  auto [last_ec, n] = co_await asio::async_write(stream, http::make_chunk_last(), kTuple);
  co_return !last_ec && request.keep_alive();
}

asio::awaitable<void> session(const Options& options, tcp::socket socket) {
  ++g_connections;
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    if (options.idle_close_ms)
      stream.expires_after(std::chrono::milliseconds(options.idle_close_ms));
    auto [ec, n] = co_await http::async_read(stream, buffer, request, kTuple);
    stream.expires_never();
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
    socket.set_option(tcp::no_delay(true), ec);  // each streamed event leaves at once
    asio::co_spawn(acceptor.get_executor(), session(options, std::move(socket)), asio::detached);
  }
}

int main(int argc, char** argv) {
  Options options;
  std::string file;
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
      else if (flag == "--classify-trigger")
        options.classify_trigger = value;
      else if (flag == "--latency-ms")
        options.latency_ms = std::stoul(value);
      else if (flag == "--first-token-ms")
        options.first_token_ms = std::stoul(value);
      else if (flag == "--content-encoding")
        options.content_encoding = value;
      else if (flag == "--idle-close-ms")
        options.idle_close_ms = std::stoul(value);
      else if (flag == "--tokens-per-second")
        options.tokens_per_second = std::stoul(value);
      else if (flag == "--file")
        file = value;
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
  const std::set<std::string> modes{"echo", "fixed", "file", "leak", "error", "hang", "cut"};
  if (!modes.contains(options.mode)) {
    std::cerr << "fake-llm: --mode must be echo, fixed, file, leak, error, hang or cut\n";
    return 2;
  }
  if (options.mode == "file") {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "fake-llm: --mode file needs a readable --file PATH\n";
      return 2;
    }
    options.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
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
