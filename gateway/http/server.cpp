#include "gateway/http/server.h"

#include <array>
#include <atomic>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "core/policy.h"
#include "gateway/http/upstream_client.h"
#include "gateway/openai/chat_completions.h"
#include "gateway/openai/errors.h"
#include "gateway/scan_api.h"

namespace llmsec::gateway {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kMaxHeaderBytes = 16 * 1024;
constexpr std::chrono::seconds kIdleTimeout{60};
constexpr std::chrono::seconds kDrainDeadline{10};

struct Server::State {
  std::atomic<std::shared_ptr<const config::Snapshot>> snapshot;
  ServerOptions options;
  UpstreamTarget upstream;
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  std::atomic<int> in_flight{0};
  std::atomic<std::uint64_t> request_counter{0};
  std::string request_id_prefix;
};

namespace {

Result<tcp::endpoint> parse_endpoint(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) return Error{"expected HOST:PORT, got '" + text + "'"};
  std::string host = text.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) return Error{"'" + host + "' is not an IP address"};
  unsigned long port = 0;
  try {
    port = std::stoul(text.substr(colon + 1));
  } catch (...) {
    return Error{"bad port in '" + text + "'"};
  }
  if (port > 65535) return Error{"bad port in '" + text + "'"};
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

Response make_response(const Request& request, http::status status, std::string body,
                       std::string_view content_type, const std::string& request_id) {
  Response response(status, request.version());
  response.set(http::field::content_type, content_type);
  response.set("x-request-id", request_id);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response error_response(const Request& request, http::status status, std::string_view message,
                        std::string_view type, std::string_view code, const std::string& id) {
  return make_response(request, status, openai_error_body(message, type, code), "application/json",
                       id);
}

// The OpenAI error code a block of this category carries.
std::string block_code(std::string_view category) {
  return std::string(category) + "_detected";
}

// Headers that describe one hop, not the message (RFC 9110 section 7.6.1).
void strip_hop_by_hop(Request& request) {
  for (auto field :
       {http::field::connection, http::field::keep_alive, http::field::proxy_authenticate,
        http::field::proxy_authorization, http::field::te, http::field::trailer,
        http::field::transfer_encoding, http::field::upgrade, http::field::accept_encoding})
    request.erase(field);
}

std::string next_request_id(Server::State& state, const Request& request) {
  if (auto it = request.find("x-request-id");
      it != request.end() && !it->value().empty() && it->value().size() <= 128)
    return std::string(it->value());
  return state.request_id_prefix + std::to_string(++state.request_counter);
}

// Scans a chat completion request; answers locally when blocked, rewrites it when redacted.
// Returns a response to send instead of forwarding, or nullopt to forward `request`.
std::optional<Response> guard_chat_request(Server::State& state, Request& request,
                                           const std::string& id) {
  json::parse_options limits;
  limits.max_depth = 64;
  boost::system::error_code ec;
  json::value body = json::parse(request.body(), ec, {}, limits);
  if (ec || !body.is_object())
    return error_response(request, http::status::bad_request,
                          "The request body is not valid JSON: " + ec.message(),
                          "invalid_request_error", "invalid_json", id);
  auto segments = extract_chat_segments(body.get_object());
  if (!segments)
    return error_response(request, http::status::bad_request, segments.error().message,
                          "invalid_request_error", "invalid_request", id);
  const auto snapshot = state.snapshot.load();
  const Decision decision =
      evaluate(snapshot->pipeline, *segments, snapshot->default_policy(), Direction::kInput).decision;
  if (decision.action == Action::kBlock) {
    const Reason& reason = decision.reasons.front();
    return error_response(request, http::status::bad_request,
                          "The request was blocked by the llmsec gateway policy (" +
                              reason.category + ", rule " + reason.rule + ").",
                          "invalid_request_error", block_code(reason.category), id);
  }
  if (decision.action == Action::kRedact) {
    apply_chat_redactions(body.get_object(), *segments, decision.redactions);
    request.body() = json::serialize(body);
  }
  return std::nullopt;
}

asio::awaitable<bool> handle_api(Server::State& state, beast::tcp_stream& stream, Request request) {
  const std::string id = next_request_id(state, request);
  const std::string path(request.target().substr(0, request.target().find('?')));
  std::optional<Response> local;
  if (!path.starts_with("/v1/")) {
    local = error_response(request, http::status::not_found, "Unknown route " + path,
                           "invalid_request_error", "not_found", id);
  } else if (path == "/v1/chat/completions" && request.method() == http::verb::post) {
    local = guard_chat_request(state, request, id);
  }
  if (local) {
    auto [ec, n] = co_await http::async_write(stream, *local, kTuple);
    co_return !ec && local->keep_alive();
  }

  const bool keep_alive = request.keep_alive();
  strip_hop_by_hop(request);
  request.set("x-request-id", id);
  const auto timeout = state.snapshot.load()->config.server.upstream_timeout;
  const UpstreamOutcome outcome = co_await forward_and_relay(
      state.upstream, state.tls, std::move(request), stream, keep_alive, timeout);
  Request reply_to;
  reply_to.keep_alive(keep_alive);
  Response failure;
  switch (outcome) {
    case UpstreamOutcome::kRelayed:
      co_return keep_alive;
    case UpstreamOutcome::kBrokenMidway:
      co_return false;
    case UpstreamOutcome::kTimedOut:
      failure = error_response(reply_to, http::status::gateway_timeout,
                               "The upstream did not answer in time.", "upstream_error",
                               "upstream_timeout", id);
      break;
    case UpstreamOutcome::kConnectFailed:
    case UpstreamOutcome::kFailedBeforeHeaders:
      failure =
          error_response(reply_to, http::status::bad_gateway, "The upstream could not be reached.",
                         "upstream_error", "upstream_unreachable", id);
      break;
  }
  auto [ec, n] = co_await http::async_write(stream, failure, kTuple);
  co_return !ec && keep_alive;
}

asio::awaitable<bool> handle_admin(Server::State& state, beast::tcp_stream& stream,
                                   Request request) {
  const std::string id = next_request_id(state, request);
  const std::string_view path = request.target();
  Response response;
  if (path == "/healthz" || path == "/readyz") {
    response = make_response(request, http::status::ok, "ok\n", "text/plain", id);
  } else if (path == "/v1/scan" && request.method() == http::verb::post) {
    boost::system::error_code ec;
    json::value body = json::parse(request.body(), ec);
    auto scan_request =
        ec ? Result<ScanRequest>(Error{"invalid JSON: " + ec.message()}) : parse_scan_request(body);
    if (!scan_request) {
      response = error_response(request, http::status::bad_request, scan_request.error().message,
                                "invalid_request_error", "invalid_request", id);
    } else {
      const auto snapshot = state.snapshot.load();
      auto result =
          run_scan(*snapshot, *scan_request, snapshot->config.default_policy, Direction::kInput);
      response = result ? make_response(request, http::status::ok, json::serialize(*result),
                                        "application/json", id)
                        : error_response(request, http::status::bad_request, result.error().message,
                                         "invalid_request_error", "invalid_request", id);
    }
  } else {
    response = error_response(request, http::status::not_found, "Unknown admin route",
                              "invalid_request_error", "not_found", id);
  }
  auto [ec, n] = co_await http::async_write(stream, response, kTuple);
  co_return !ec && response.keep_alive();
}

// After refusing a request whose body is still arriving, reads and discards what the client
// is sending for a bounded time, so that it reads our answer instead of a connection reset.
asio::awaitable<void> linger_close(beast::tcp_stream& stream) {
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  std::array<char, 64 * 1024> scratch;
  std::size_t discarded = 0;
  stream.expires_after(std::chrono::seconds(2));
  while (discarded < 64 * 1024 * 1024) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
    if (ec) break;
    discarded += n;
  }
  stream.socket().close(ignored);
}

using Handler = asio::awaitable<bool> (*)(Server::State&, beast::tcp_stream&, Request);

asio::awaitable<void> session(Server::State& state, tcp::socket socket, Handler handler) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  const auto max_body = state.snapshot.load()->config.server.max_body_bytes;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kMaxHeaderBytes);
    parser.body_limit(max_body);
    stream.expires_after(kIdleTimeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      Request request;
      const bool body = ec == http::error::body_limit;
      Response response = error_response(
          request,
          body ? http::status::payload_too_large : http::status::request_header_fields_too_large,
          body ? "The request body is larger than the gateway accepts."
               : "The request headers are larger than the gateway accepts.",
          "invalid_request_error", body ? "request_too_large" : "headers_too_large",
          state.request_id_prefix + std::to_string(++state.request_counter));
      response.keep_alive(false);
      co_await http::async_write(stream, response, kTuple);
      co_await linger_close(stream);
      co_return;
    }
    if (ec) break;  // end of stream, timeout or a malformed request: close
    ++state.in_flight;
    const bool keep_alive = co_await handler(state, stream, parser.release());
    --state.in_flight;
    if (!keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(Server::State& state, tcp::acceptor& acceptor, Handler handler) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(state.io), kTuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(state, std::move(socket), handler), asio::detached);
  }
}

// Stops accepting, lets in-flight requests finish up to a deadline, then stops.
asio::awaitable<void> drain(Server::State& state, std::vector<tcp::acceptor*> acceptors) {
  for (tcp::acceptor* a : acceptors) a->close();
  asio::steady_timer timer(state.io);
  const auto deadline = std::chrono::steady_clock::now() + kDrainDeadline;
  while (state.in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
  state.io.stop();
}

Result<tcp::acceptor> listen_on(asio::io_context& io, const std::string& address) {
  auto endpoint = parse_endpoint(address);
  if (!endpoint) return endpoint.error();
  tcp::acceptor acceptor(io);
  boost::system::error_code ec;
  acceptor.open(endpoint->protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(*endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error{"cannot listen on " + address + ": " + ec.message()};
  return acceptor;
}

std::string to_string(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
         std::to_string(endpoint.port());
}

}  // namespace

Server::Server(std::shared_ptr<const config::Snapshot> snapshot, ServerOptions options)
    : state_(std::make_unique<State>()) {
  state_->snapshot = std::move(snapshot);
  state_->options = std::move(options);
  std::random_device random;
  state_->request_id_prefix = "req_" + std::to_string(random() % 1'000'000'000) + "_";
}

Server::~Server() = default;

Result<bool> Server::run() {
  State& state = *state_;
  auto upstream = UpstreamTarget::parse(state.options.upstream);
  if (!upstream)
    return Error{"upstream '" + state.options.upstream + "': " + upstream.error().message};
  state.upstream = *upstream;
  state.tls.set_default_verify_paths();
  state.tls.set_verify_mode(asio::ssl::verify_peer);

  auto api = listen_on(state.io, state.options.listen);
  if (!api) return api.error();
  auto admin = listen_on(state.io, state.options.admin);
  if (!admin) return admin.error();
  std::cout << "llmsec listening api=" << to_string(api->local_endpoint())
            << " admin=" << to_string(admin->local_endpoint()) << std::endl;

  asio::co_spawn(state.io, accept_loop(state, *api, &handle_api), asio::detached);
  asio::co_spawn(state.io, accept_loop(state, *admin, &handle_admin), asio::detached);
  asio::signal_set signals(state.io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) asio::co_spawn(state.io, drain(state, {&*api, &*admin}), asio::detached);
  });

  unsigned threads = state.options.threads ? state.options.threads
                                           : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&] { state.io.run(); });
  state.io.run();
  for (auto& t : workers) t.join();
  return true;
}

}  // namespace llmsec::gateway
