// The optional remote-classifier stage: a model server that scores text (a prompt-guard
// model behind an inference server), asked about a request's segments before the policy
// decides, so that its score adds to the local detectors' (configuration:
// detectors.remote_classifiers).
//
//   RemoteClassifiers remotes(metrics);                 // one per process: circuit state
//   RemoteVerdicts v = co_await remotes.classify(snapshot.config.remote_classifiers, segments);
//   Outcome o = evaluate(pipeline, segments, policy, Direction::kInput, v.detectors());
//
// Each classifier is bounded three ways, so that a slow or broken model server costs a
// request at most `timeout`: a deadline for all of one request's calls, at most
// `max_in_flight` calls at once, and a circuit breaker that stops calling for `open_for`
// after `failure_threshold` failures in a row. A call that fails, times out, is refused
// for lack of room, or is skipped by an open circuit makes its detector a failed one, and
// the policy's `fail_open` decides, as for any detector that could not look.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "config/gateway_config.h"
#include "core/detector.h"
#include "gateway/metrics.h"

namespace llmsec::gateway {

// One classifier's answer for one request, presented to the pipeline as a detector: its
// findings, or a failure, which the pipeline records as a failed detector.
class RemoteVerdict final : public Detector {
 public:
  RemoteVerdict(const config::RemoteClassifierConfig& config, std::vector<Finding> findings,
                std::string failure);
  std::string_view name() const override { return name_; }
  bool applies_to(Direction direction) const override { return direction == Direction::kInput; }
  std::vector<std::string> categories() const override { return {category_}; }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;
  const std::string& failure() const { return failure_; }  // empty: it answered

 private:
  std::string name_, category_;
  std::vector<Finding> findings_;
  std::string failure_;
};

struct RemoteVerdicts {
  std::vector<std::unique_ptr<RemoteVerdict>> verdicts;
  std::vector<const Detector*> detectors() const;
};

class RemoteClassifiers {
 public:
  explicit RemoteClassifiers(Metrics& metrics) : metrics_(metrics) {}
  boost::asio::awaitable<RemoteVerdicts> classify(
      const std::vector<config::RemoteClassifierConfig>& configs,
      std::span<const Segment> segments);

 private:
  // What outlives a request: calls in flight and the circuit, per classifier name and URL.
  struct Health {
    std::atomic<unsigned> in_flight{0};
    std::atomic<unsigned> failures_in_a_row{0};
    std::atomic<std::chrono::steady_clock::rep> open_until{0};
  };
  Health& health(const config::RemoteClassifierConfig& config);

  Metrics& metrics_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Health>> health_;
};

}  // namespace llmsec::gateway
