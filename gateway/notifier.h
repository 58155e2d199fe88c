// Notifier: webhooks about incidents (a block at or above a webhook's severity, a failed
// reload, the emergency switch), posted by a thread of its own: never on the request path.
//
//   Notifier notifier(config.webhooks, tls, metrics);
//   notifier.notify(Severity::kHigh, {{"event", "block"}, {"rule", "..."}}, "llmsec blocked ...");
//
// Each webhook gets the generic JSON object, or Slack's {"text": ...} shape. A delivery
// that fails (no connection, timeout, a status other than 2xx) is retried with doubling
// backoff up to the webhook's attempts; a full queue drops the notification. Both are
// counted in llmsec_webhook_deliveries_total. Payloads never carry prompt text.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ssl/context.hpp>
#include <boost/json.hpp>

#include "config/gateway_config.h"
#include "gateway/metrics.h"

namespace llmsec::gateway {

class Notifier {
 public:
  Notifier(std::vector<config::WebhookConfig> webhooks, Metrics& metrics);
  ~Notifier();  // delivers what is queued (within each webhook's attempts), then stops
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  void notify(Severity severity, boost::json::object details, const std::string& text);

 private:
  struct Delivery {
    std::size_t webhook;
    std::string body;
  };
  void run();
  bool post(const config::WebhookConfig& hook, const std::string& body);

  const std::vector<config::WebhookConfig> webhooks_;
  Metrics& metrics_;
  boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_client};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Delivery> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace llmsec::gateway
