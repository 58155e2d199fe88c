#include "gateway/http/upstream_client.h"

#include <array>
#include <charconv>
#include <sstream>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace llmsec::gateway {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

Result<UpstreamTarget> UpstreamTarget::parse(std::string_view url) {
  UpstreamTarget target;
  if (url.starts_with("https://")) {
    target.tls = true;
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return Error{"upstream URL must start with http:// or https://"};
  }
  const std::size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) target.base_path = std::string(url.substr(slash));
  while (target.base_path.ends_with('/')) target.base_path.pop_back();
  const std::size_t colon = authority.rfind(':');
  const std::size_t bracket = authority.rfind(']');  // IPv6 literals: [::1]:8080
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    target.host = std::string(authority.substr(0, colon));
    target.port = std::string(authority.substr(colon + 1));
  } else {
    target.host = std::string(authority);
    target.port = target.tls ? "443" : "80";
  }
  if (target.host.starts_with('[') && target.host.ends_with(']'))
    target.host = target.host.substr(1, target.host.size() - 2);
  if (target.host.empty() || target.port.empty()) return Error{"upstream URL has no host"};
  return target;
}

std::string UpstreamTarget::host_header() const {
  const bool default_port = (tls && port == "443") || (!tls && port == "80");
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return default_port ? h : h + ":" + port;
}

namespace {

// Parses what the last read left in `buffer`, without waiting for the socket. Beast's
// read_some returns at each chunk header, so the events one read brought would otherwise
// go out one write, and one client wake-up, each.
boost::system::error_code parse_buffered(http::response_parser<http::buffer_body>& parser,
                                         beast::flat_buffer& buffer) {
  boost::system::error_code ec;
  while (!ec && !parser.is_done() && buffer.size() > 0 && parser.get().body().size > 0) {
    const std::size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == http::error::need_more) return {};  // the rest of an element is still coming
    if (used == 0) break;
  }
  return ec;
}

// The answer's body through `rewriter`, sent chunked as the rewritten pieces come.
template <class UpstreamStream, class ClientStream>
asio::awaitable<UpstreamOutcome> relay_rewritten(UpstreamStream& upstream,
                                                 beast::flat_buffer& buffer,
                                                 http::response_parser<http::buffer_body>& parser,
                                                 ClientStream& client,
                                                 std::chrono::milliseconds timeout,
                                                 BodyRewriter& rewriter) {
  auto& message = parser.get();
  http::response_header<> head{message.base()};
  head.erase(http::field::content_length);
  head.set(http::field::transfer_encoding, "chunked");
  std::ostringstream head_text;
  head_text << head;
  std::string unsent_head = std::move(head_text).str();
  // Writes `body` (chunk framing), after the head when that has not gone yet.
  const auto write = [&](const auto& body) -> asio::awaitable<bool> {
    beast::get_lowest_layer(client).expires_after(timeout);
    auto [ec, n] = co_await asio::async_write(
        client, beast::buffers_cat(asio::buffer(unsent_head), body), kTuple);
    unsent_head.clear();
    co_return !ec;
  };
  const auto send = [&](const std::string& piece) -> asio::awaitable<bool> {
    if (!piece.empty()) co_return co_await write(http::make_chunk(asio::buffer(piece)));
    if (unsent_head.empty()) co_return true;
    co_return co_await write(asio::const_buffer());
  };
  // When the upstream sent body with its head, as streaming servers do with their first
  // events, the head leaves with the first piece: one write, so that the client wakes once
  // for its first token, not once for the head and again for the token.
  if (buffer.size() == 0 && !co_await send({})) co_return UpstreamOutcome::kBrokenMidway;
  std::array<char, 16 * 1024> chunk;
  while (!parser.is_done()) {
    message.body().data = chunk.data();
    message.body().size = chunk.size();
    beast::get_lowest_layer(upstream).expires_after(timeout);
    auto [read_ec, read_n] = co_await http::async_read_some(upstream, buffer, parser, kTuple);
    if (!read_ec) read_ec = parse_buffered(parser, buffer);
    if (read_ec == http::error::need_buffer) read_ec = {};
    if (read_ec) {
      // The upstream broke off: send what the rewriter still holds, then end cleanly.
      co_await send(rewriter.finish());
      co_await write(http::make_chunk_last());
      co_return UpstreamOutcome::kBrokenMidway;
    }
    const std::size_t n = chunk.size() - message.body().size;
    if (!co_await send(rewriter.push(std::string_view(chunk.data(), n))))
      co_return UpstreamOutcome::kBrokenMidway;
    // What came with the head is through; the head waits no longer.
    if (!unsent_head.empty() && !co_await send({})) co_return UpstreamOutcome::kBrokenMidway;
    if (rewriter.stopped()) break;  // the upstream connection closes with this exchange
  }
  if (!rewriter.stopped() && !co_await send(rewriter.finish()))
    co_return UpstreamOutcome::kBrokenMidway;
  co_return co_await write(http::make_chunk_last()) ? UpstreamOutcome::kRelayed
                                                    : UpstreamOutcome::kBrokenMidway;
}

// How an exchange with the upstream went, and what the connection is good for after it.
struct Relayed {
  UpstreamOutcome outcome = UpstreamOutcome::kRelayed;
  bool reusable = false;      // the answer ended cleanly and the upstream keeps it open
  bool nothing_back = false;  // it failed before the upstream sent a byte of answer
};

// Reads the upstream's answer and writes it to the client piece by piece as it arrives.
template <class UpstreamStream, class ClientStream>
asio::awaitable<Relayed> relay(UpstreamStream& upstream, ClientStream& client,
                               bool client_keep_alive, std::chrono::milliseconds timeout,
                               const ExtraHeaders& extra_headers, BodyRewriter* rewriter,
                               unsigned* status) {
  beast::flat_buffer buffer;
  buffer.reserve(16 * 1024);  // a stream's head and first events in one read, not 512 bytes
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);  // a stream is as long as the model makes it
  beast::get_lowest_layer(upstream).expires_after(timeout);
  auto [ec, n] = co_await http::async_read_header(upstream, buffer, parser, kTuple);
  if (ec == beast::error::timeout) co_return Relayed{UpstreamOutcome::kTimedOut};
  if (ec)
    co_return Relayed{.outcome = UpstreamOutcome::kFailedBeforeHeaders,
                      .nothing_back = !parser.got_some()};
  const bool upstream_keep_alive = parser.keep_alive();

  auto& message = parser.get();
  message.keep_alive(client_keep_alive);
  for (const auto& [name, value] : extra_headers) message.set(name, value);
  if (status) *status = message.result_int();
  if (rewriter && message.result_int() / 100 == 2) {
    // The gateway asked for identity (it drops the client's Accept-Encoding); an answer
    // compressed all the same cannot be scanned, and is not relayed unscanned.
    if (const auto encoding = message[http::field::content_encoding];
        !encoding.empty() && !beast::iequals(encoding, "identity"))
      co_return Relayed{UpstreamOutcome::kUnscannable};
    const UpstreamOutcome outcome =
        co_await relay_rewritten(upstream, buffer, parser, client, timeout, *rewriter);
    co_return Relayed{.outcome = outcome,
                      .reusable = outcome == UpstreamOutcome::kRelayed && upstream_keep_alive &&
                                  parser.is_done() && !rewriter->stopped()};
  }
  http::serializer<false, http::buffer_body> serializer(message);
  std::array<char, 16 * 1024> chunk;
  do {
    if (!parser.is_done()) {
      message.body().data = chunk.data();
      message.body().size = chunk.size();
      beast::get_lowest_layer(upstream).expires_after(timeout);
      auto [read_ec, read_n] = co_await http::async_read_some(upstream, buffer, parser, kTuple);
      if (!read_ec) read_ec = parse_buffered(parser, buffer);
      if (read_ec == http::error::need_buffer) read_ec = {};
      if (read_ec) co_return Relayed{UpstreamOutcome::kBrokenMidway};
      message.body().size = chunk.size() - message.body().size;
      // An empty buffer would go out as a zero-length chunk, which ends a chunked body.
      message.body().data = message.body().size ? chunk.data() : nullptr;
      message.body().more = !parser.is_done();
    } else {
      message.body().data = nullptr;
      message.body().size = 0;
    }
    beast::get_lowest_layer(client).expires_after(timeout);
    auto [write_ec, write_n] = co_await http::async_write(client, serializer, kTuple);
    if (write_ec == http::error::need_buffer) write_ec = {};
    if (write_ec) co_return Relayed{UpstreamOutcome::kBrokenMidway};
  } while (!parser.is_done() && !serializer.is_done());
  co_return Relayed{.reusable = upstream_keep_alive && parser.is_done()};
}

template <class UpstreamStream, class ClientStream>
asio::awaitable<Relayed> send_and_relay(UpstreamStream& upstream,
                                        const http::request<http::string_body>& request,
                                        ClientStream& client, bool keep_alive,
                                        std::chrono::milliseconds timeout,
                                        const ExtraHeaders& extra_headers, BodyRewriter* rewriter,
                                        unsigned* status) {
  beast::get_lowest_layer(upstream).expires_after(timeout);
  auto [ec, n] = co_await http::async_write(upstream, request, kTuple);
  if (ec) co_return Relayed{.outcome = UpstreamOutcome::kFailedBeforeHeaders, .nothing_back = true};
  co_return co_await relay(upstream, client, keep_alive, timeout, extra_headers, rewriter, status);
}

// A new TCP connection to the upstream, or nullptr.
asio::awaitable<std::unique_ptr<beast::tcp_stream>> connect(const UpstreamTarget& target,
                                                            std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  auto stream = std::make_unique<beast::tcp_stream>(executor);
  stream->expires_after(std::min(timeout, std::chrono::milliseconds(10'000)));
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(target.host, ec);
  unsigned short port = 0;
  const auto [end, port_ec] =
      std::from_chars(target.port.data(), target.port.data() + target.port.size(), port);
  if (!ec && port_ec == std::errc() && end == target.port.data() + target.port.size()) {
    // An IP address needs no resolver, whose asynchronous form hops through a thread.
    std::tie(ec) = co_await stream->async_connect(tcp::endpoint(address, port), kTuple);
  } else {
    tcp::resolver resolver(executor);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(target.host, target.port, kTuple);
    if (resolve_ec) co_return nullptr;
    std::tie(ec, std::ignore) = co_await stream->async_connect(endpoints, kTuple);
  }
  if (ec) co_return nullptr;
  stream->socket().set_option(tcp::no_delay(true), ec);  // tokens leave one by one
  co_return stream;
}

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A new TLS connection: SNI, and the certificate verified for the upstream's host name.
asio::awaitable<std::unique_ptr<TlsStream>> connect_tls(const UpstreamTarget& target,
                                                        asio::ssl::context& tls,
                                                        std::chrono::milliseconds timeout) {
  auto tcp = co_await connect(target, timeout);
  if (!tcp) co_return nullptr;
  auto secure = std::make_unique<TlsStream>(std::move(*tcp), tls);
  if (!SSL_set_tlsext_host_name(secure->native_handle(), target.host.c_str())) co_return nullptr;
  secure->set_verify_callback(asio::ssl::host_name_verification(target.host));
  auto [ec] = co_await secure->async_handshake(asio::ssl::stream_base::client, kTuple);
  if (ec) co_return nullptr;
  co_return secure;
}

// The exchange over a pooled connection when there is one, else a new one. A pooled
// connection that fails before the upstream answered a byte was closed by the upstream
// while idle; the request never got there, and goes once more over a new connection.
template <class Stream, class ClientStream, class Connect>
asio::awaitable<UpstreamOutcome> exchange(IdleConnections<Stream>& idle, const std::string& key,
                                          Connect connect_new,
                                          const http::request<http::string_body>& request,
                                          ClientStream& client, bool client_keep_alive,
                                          std::chrono::milliseconds timeout,
                                          const ExtraHeaders& extra_headers, BodyRewriter* rewriter,
                                          unsigned* status) {
  for (bool first = true;; first = false) {
    std::unique_ptr<Stream> upstream = first ? idle.take(key) : nullptr;
    const bool reused = upstream != nullptr;
    if (!upstream) upstream = co_await connect_new();
    if (!upstream) co_return UpstreamOutcome::kConnectFailed;
    const Relayed r = co_await send_and_relay(*upstream, request, client, client_keep_alive,
                                              timeout, extra_headers, rewriter, status);
    if (reused && r.nothing_back) continue;
    if (r.reusable) idle.give(key, std::move(upstream));
    co_return r.outcome;
  }
}

}  // namespace

template <class ClientStream>
asio::awaitable<UpstreamOutcome> forward_and_relay(const UpstreamTarget& target,
                                                   asio::ssl::context& tls, UpstreamPool& pool,
                                                   http::request<http::string_body> request,
                                                   ClientStream& client, bool client_keep_alive,
                                                   std::chrono::milliseconds timeout,
                                                   const ExtraHeaders& extra_headers,
                                                   BodyRewriter* rewriter, unsigned* status) {
  request.set(http::field::host, target.host_header());
  request.target(target.base_path + std::string(request.target()));
  request.keep_alive(true);
  request.prepare_payload();
  // Connections stay with the I/O context (thread) that made them.
  const auto executor = co_await asio::this_coro::executor;
  const void* context = &asio::query(executor, asio::execution::context);
  const std::string key = target.host + ':' + target.port + '|' + target.ca_file + '|' +
                          std::to_string(reinterpret_cast<std::uintptr_t>(context));
  if (target.tls)
    co_return co_await exchange(
        pool.tls, key, [&] { return connect_tls(target, tls, timeout); }, request, client,
        client_keep_alive, timeout, extra_headers, rewriter, status);
  co_return co_await exchange(
      pool.plain, key, [&] { return connect(target, timeout); }, request, client, client_keep_alive,
      timeout, extra_headers, rewriter, status);
}

template asio::awaitable<UpstreamOutcome> forward_and_relay(
    const UpstreamTarget&, asio::ssl::context&, UpstreamPool&, http::request<http::string_body>,
    beast::tcp_stream&, bool, std::chrono::milliseconds, const ExtraHeaders&, BodyRewriter*,
    unsigned*);
template asio::awaitable<UpstreamOutcome> forward_and_relay(
    const UpstreamTarget&, asio::ssl::context&, UpstreamPool&, http::request<http::string_body>,
    TlsStream&, bool, std::chrono::milliseconds, const ExtraHeaders&, BodyRewriter*, unsigned*);

}  // namespace llmsec::gateway
