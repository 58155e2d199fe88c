// ttft: time to first token of streamed chat completions, straight to an upstream and
// through the gateway, requests interleaved one for one so that both see the same machine.
//
//   ttft --direct 127.0.0.1:8001 --gateway 127.0.0.1:8080 [--requests 300]
//
// For each request: the time from sending it to the first event whose delta has content
// (the first token a user sees), and to the end of the stream. Prints p50 and p99 of both
// targets and the difference the gateway adds. Each request opens its own connection.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Timing {
  double first_token_ms = 0;
  double total_ms = 0;
};

// Whether a "data: {...}" event carries answer text.
bool has_content(std::string_view event) {
  if (!event.starts_with("data: {")) return false;
  boost::system::error_code ec;
  const json::value v = json::parse(event.substr(6), ec);
  if (ec) return false;
  const json::value* choices = v.as_object().if_contains("choices");
  if (!choices || !choices->is_array() || choices->get_array().empty()) return false;
  const json::value* delta = choices->get_array()[0].as_object().if_contains("delta");
  const json::value* content = delta ? delta->as_object().if_contains("content") : nullptr;
  return content && content->is_string() && !content->get_string().empty();
}

Timing stream_once(asio::io_context& io, const std::string& host, const std::string& port) {
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(resolver.resolve(host, port));
  http::request<http::string_body> request(http::verb::post, "/v1/chat/completions", 11);
  request.set(http::field::host, host);
  request.set(http::field::content_type, "application/json");
  request.set(http::field::authorization, "Bearer sk-loadtest");
  request.body() =
      R"({"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello and tell me about rivers."}]})";
  request.prepare_payload();
  const auto sent = Clock::now();
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  http::read_header(stream, buffer, parser);
  Timing t;
  std::string pending;
  char chunk[16384];
  bool first = false;
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    boost::system::error_code ec;
    http::read_some(stream, buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) throw beast::system_error(ec);
    pending.append(chunk, sizeof chunk - parser.get().body().size);
    for (std::size_t end; !first && (end = pending.find("\n\n")) != std::string::npos;) {
      if (has_content(std::string_view(pending).substr(0, end))) {
        first = true;
        t.first_token_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
      }
      pending.erase(0, end + 2);
    }
    if (first) pending.clear();
  }
  t.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  return t;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const std::size_t i = std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()));
  return values[i];
}

int main(int argc, char** argv) {
  std::string direct, gateway;
  int requests = 300;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--direct")
      direct = argv[i + 1];
    else if (flag == "--gateway")
      gateway = argv[i + 1];
    else if (flag == "--requests")
      requests = std::stoi(argv[i + 1]);
  }
  if (direct.empty() || gateway.empty()) {
    std::cerr << "usage: ttft --direct HOST:PORT --gateway HOST:PORT [--requests N]\n";
    return 2;
  }
  const auto split = [](const std::string& hp) {
    const auto colon = hp.rfind(':');
    return std::pair{hp.substr(0, colon), hp.substr(colon + 1)};
  };
  const auto [dh, dp] = split(direct);
  const auto [gh, gp] = split(gateway);
  asio::io_context io;
  std::vector<double> d_first, g_first, d_total, g_total, added;
  for (int i = 0; i < 10; ++i) {  // warm-up
    stream_once(io, dh, dp);
    stream_once(io, gh, gp);
  }
  for (int i = 0; i < requests; ++i) {
    const Timing d = stream_once(io, dh, dp);
    const Timing g = stream_once(io, gh, gp);
    d_first.push_back(d.first_token_ms);
    g_first.push_back(g.first_token_ms);
    d_total.push_back(d.total_ms);
    g_total.push_back(g.total_ms);
    added.push_back(g.first_token_ms - d.first_token_ms);
  }
  std::printf("requests: %d each, interleaved\n", requests);
  std::printf("time to first token  direct   p50 %8.3f ms  p99 %8.3f ms\n",
              percentile(d_first, 0.5), percentile(d_first, 0.99));
  std::printf("time to first token  gateway  p50 %8.3f ms  p99 %8.3f ms\n",
              percentile(g_first, 0.5), percentile(g_first, 0.99));
  std::printf("added by the gateway          p50 %8.3f ms  p99 %8.3f ms\n",
              percentile(g_first, 0.5) - percentile(d_first, 0.5),
              percentile(g_first, 0.99) - percentile(d_first, 0.99));
  // The same per pair of requests: noisier, since each difference holds the noise of both.
  std::printf("added, pair by pair           p50 %8.3f ms  p99 %8.3f ms\n", percentile(added, 0.5),
              percentile(added, 0.99));
  std::printf("whole stream         direct   p50 %8.3f ms  gateway p50 %8.3f ms\n",
              percentile(d_total, 0.5), percentile(g_total, 0.5));
  return 0;
}
