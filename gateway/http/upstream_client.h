// UpstreamTarget and the upstream side of an exchange: connect (TCP or TLS with SNI and
// certificate verification), send the request, relay the answer to the client as it
// arrives (streamed answers are never buffered whole).
//
//   auto target = UpstreamTarget::parse("https://api.openai.com");
//   UpstreamOutcome o = co_await forward_and_relay(*target, tls, pool, request, client,
//                                                  keep_alive, timeout);
//
// With a BodyRewriter, a successful (2xx) answer goes through it and reaches the client
// chunked; error answers are relayed as they are.
//
// Connections are kept alive and reused through the UpstreamPool. Only a request that
// never reached the upstream is sent again: one that found its pooled connection closed.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/result.h"
#include "gateway/http/body_rewriter.h"
#include "gateway/http/upstream_pool.h"

namespace llmsec::gateway {

struct UpstreamTarget {
  bool tls = false;
  std::string host;
  std::string port;
  std::string base_path;  // prefix put before the request's path, without a trailing '/'
  std::string ca_file;    // what its certificate is verified against (empty: the system's)

  static Result<UpstreamTarget> parse(std::string_view url);
  std::string host_header() const;
};

enum class UpstreamOutcome {
  kRelayed,              // the upstream's answer reached the client whole
  kConnectFailed,        // nothing was sent: the caller answers 502
  kTimedOut,             // no answer in time, nothing relayed yet: the caller answers 504
  kFailedBeforeHeaders,  // upstream closed or broke before answering: 502
  kBrokenMidway,         // upstream or client broke after the headers were relayed: close
  kUnscannable,          // a compressed answer the gateway was asked to scan: 502
};

// Headers the gateway adds to the upstream's answer (x-request-id).
using ExtraHeaders = std::vector<std::pair<std::string, std::string>>;

// ClientStream: boost::beast::tcp_stream, or an ssl_stream of one (TLS termination).
template <class ClientStream>
boost::asio::awaitable<UpstreamOutcome> forward_and_relay(
    const UpstreamTarget& target, boost::asio::ssl::context& tls, UpstreamPool& pool,
    boost::beast::http::request<boost::beast::http::string_body> request, ClientStream& client,
    bool client_keep_alive, std::chrono::milliseconds timeout,
    const ExtraHeaders& extra_headers = {}, BodyRewriter* rewriter = nullptr,
    unsigned* status = nullptr);  // the upstream's status, once its headers are in

}  // namespace llmsec::gateway
