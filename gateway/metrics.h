// Metrics: the gateway's Prometheus metrics, built once at start-up and served by the
// admin listener's /metrics. Labels are bounded: directions, actions, outcomes, modes.
//
//   Metrics metrics;
//   metrics.count_action(Direction::kInput, decision);   // allow ... block, would_block
//   metrics.count_reload(false);
//   std::string text = metrics.exposition();              // Prometheus text format
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "core/decision.h"
#include "core/pipeline.h"
#include "core/segment.h"
#include "gateway/emergency.h"

namespace llmsec::gateway {

class Metrics {
 public:
  Metrics();

  // The action taken, and in monitor mode the verdict as would_<action> too.
  void count_action(Direction direction, const Decision& decision);
  void count_reload(bool success);
  void set_emergency(EmergencyMode mode);
  // One request's calls to a remote classifier (named in the configuration): "answered",
  // "failed" (error or deadline), "busy" (max_in_flight reached) or "circuit_open".
  void count_remote_classifier(std::string_view classifier, std::string_view outcome);
  // Whether the shared state's Redis answers (only reported with `state: {backend: redis}`).
  void set_state_connected(bool connected);
  // An audit line written, or dropped (full queue, failed write).
  void count_audit(bool written);
  // A webhook notification: "delivered", "failed" (after its attempts) or "dropped".
  void count_webhook(std::string_view outcome);
  // One answered API request: its route (the configured path, "none" when no route
  // matched) and status, and the time from its last byte in to the answer's end.
  void observe_request(std::string_view route, unsigned status, double seconds);
  // The whole scan and decision, and its stages (canonicalisation and each detector) when
  // the report timed them.
  void observe_scan(Direction direction, double seconds, const ScanReport& report);
  // A block, by the tenant it was for ("none" without a virtual key): tenants come from
  // the configuration, so the label stays bounded.
  void count_tenant_block(std::string_view tenant);
  void count_findings(Direction direction, const std::vector<Finding>& findings);
  // "connect_failed", "timeout", "failed_before_headers", "broken_midway",
  // "compressed_answer".
  void count_upstream_error(std::string_view reason);
  // One exchange with the upstream, from sending the request to the end of the answer.
  void observe_upstream(std::string_view route, double seconds);
  // A streamed answer begins or ends; at its end, the most its rewriter held back at once.
  void stream_opened() { streams_->Increment(); }
  void stream_closed(std::size_t max_held_back_bytes, double max_held_back_seconds);
  void connection_opened() { connections_->Increment(); }
  void connection_closed() { connections_->Decrement(); }
  std::string exposition() const;

 private:
  // The stage histogram of `detector`, found once and kept: building and hashing a label
  // set for each of a dozen stages cost tens of microseconds a request with cold caches.
  // Call with stages_mutex_ held.
  prometheus::Histogram& stage_histogram(Direction direction, std::string_view detector);

  std::shared_ptr<prometheus::Registry> registry_;
  // [direction][allow, flag, redact, block, would_flag, would_redact, would_block, fail_open]
  std::array<std::array<prometheus::Counter*, 8>, 2> actions_{};
  prometheus::Family<prometheus::Histogram>* upstream_seconds_ = nullptr;
  prometheus::Gauge* streams_ = nullptr;
  prometheus::Histogram* held_back_ = nullptr;
  prometheus::Histogram* held_back_seconds_ = nullptr;
  prometheus::Counter* reloads_ok_ = nullptr;
  prometheus::Counter* reloads_failed_ = nullptr;
  prometheus::Gauge* last_reload_success_ = nullptr;
  std::array<prometheus::Gauge*, 3> emergency_{};
  prometheus::Family<prometheus::Gauge>* state_connected_ = nullptr;
  prometheus::Family<prometheus::Counter>* remote_classifier_calls_ = nullptr;
  prometheus::Counter* audit_written_ = nullptr;
  prometheus::Counter* audit_dropped_ = nullptr;
  prometheus::Family<prometheus::Counter>* webhooks_ = nullptr;
  prometheus::Family<prometheus::Counter>* requests_ = nullptr;
  prometheus::Family<prometheus::Histogram>* request_seconds_ = nullptr;
  std::array<prometheus::Histogram*, 2> scan_seconds_{};
  prometheus::Family<prometheus::Histogram>* stage_seconds_ = nullptr;
  std::array<prometheus::Histogram*, 2> canonicalize_seconds_{};
  struct StageHistogram {
    std::string detector;
    prometheus::Histogram* histogram;
  };
  std::mutex stages_mutex_;
  std::array<std::vector<StageHistogram>, 2> stage_histograms_;  // [direction]
  prometheus::Family<prometheus::Counter>* tenant_blocks_ = nullptr;
  prometheus::Family<prometheus::Counter>* findings_ = nullptr;
  prometheus::Family<prometheus::Counter>* upstream_errors_ = nullptr;
  prometheus::Gauge* connections_ = nullptr;
};

}  // namespace llmsec::gateway
