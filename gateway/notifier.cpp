#include "gateway/notifier.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "gateway/http/upstream_client.h"
#include "gateway/json_text.h"

namespace llmsec::gateway {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxQueued = 1000;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

template <class Stream>
asio::awaitable<bool> send(Stream& stream, http::request<http::string_body>& request,
                           std::chrono::milliseconds timeout) {
  beast::get_lowest_layer(stream).expires_after(timeout);
  if (auto [ec, n] = co_await http::async_write(stream, request, kTuple); ec) co_return false;
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  auto [ec, n] = co_await http::async_read(stream, buffer, response, kTuple);
  co_return !ec && response.result_int() / 100 == 2;
}

asio::awaitable<bool> post_once(const UpstreamTarget& target, asio::ssl::context& tls,
                                std::string body, std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  auto [resolve_ec, endpoints] = co_await resolver.async_resolve(target.host, target.port, kTuple);
  if (resolve_ec) co_return false;
  beast::tcp_stream tcp(executor);
  tcp.expires_after(timeout);
  if (auto [ec, ep] = co_await tcp.async_connect(endpoints, kTuple); ec) co_return false;
  http::request<http::string_body> request(http::verb::post,
                                           target.base_path.empty() ? "/" : target.base_path, 11);
  request.set(http::field::host, target.host_header());
  request.set(http::field::content_type, "application/json");
  request.set(http::field::user_agent, "llmsec");
  request.body() = std::move(body);
  request.keep_alive(false);
  request.prepare_payload();
  if (!target.tls) co_return co_await send(tcp, request, timeout);
  beast::ssl_stream<beast::tcp_stream> secure(std::move(tcp), tls);
  if (!SSL_set_tlsext_host_name(secure.native_handle(), target.host.c_str())) co_return false;
  secure.set_verify_callback(asio::ssl::host_name_verification(target.host));
  if (auto [ec] = co_await secure.async_handshake(asio::ssl::stream_base::client, kTuple); ec)
    co_return false;
  co_return co_await send(secure, request, timeout);
}

}  // namespace

Notifier::Notifier(std::vector<config::WebhookConfig> webhooks, Metrics& metrics)
    : webhooks_(std::move(webhooks)), metrics_(metrics) {
  if (webhooks_.empty()) return;
  tls_.set_default_verify_paths();
  tls_.set_verify_mode(asio::ssl::verify_peer);
  worker_ = std::thread([this] { run(); });
}

Notifier::~Notifier() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  worker_.join();
}

void Notifier::notify(Severity severity, json::object details, const std::string& text) {
  if (webhooks_.empty()) return;
  details["severity"] = to_string(severity);
  const std::string generic = json_text(details);
  const std::string slack = json::serialize(json::object{{"text", text}});
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < webhooks_.size(); ++i) {
      if (severity < webhooks_[i].min_severity) continue;
      if (queue_.size() >= kMaxQueued) {
        metrics_.count_webhook("dropped");
        continue;
      }
      queue_.push_back({i, webhooks_[i].slack ? slack : generic});
    }
  }
  wake_.notify_one();
}

bool Notifier::post(const config::WebhookConfig& hook, const std::string& body) {
  auto target = UpstreamTarget::parse(hook.url);
  if (!target) return false;
  asio::io_context io;
  bool delivered = false;
  asio::co_spawn(io, post_once(*target, tls_, body, hook.timeout),
                 [&](std::exception_ptr, bool ok) { delivered = ok; });
  io.run();
  return delivered;
}

void Notifier::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left
    Delivery delivery = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    const config::WebhookConfig& hook = webhooks_[delivery.webhook];
    bool delivered = false;
    auto backoff = std::chrono::milliseconds(500);
    for (unsigned attempt = 0; attempt < hook.attempts && !delivered; ++attempt) {
      if (attempt > 0) {
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
      }
      delivered = post(hook, delivery.body);
    }
    metrics_.count_webhook(delivered ? "delivered" : "failed");
    lock.lock();
  }
}

}  // namespace llmsec::gateway
