#include "gateway/metrics.h"

#include <chrono>

#include <prometheus/text_serializer.h>

namespace llmsec::gateway {

namespace {
const prometheus::Histogram::BucketBoundaries kScanBuckets{
    0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001,
    0.00025,  0.0005,    0.001,    0.0025,  0.01,     0.1};
}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  auto& actions = prometheus::BuildCounter()
                      .Name("llmsec_actions_total")
                      .Help(
                          "Policy decisions by direction and action; would_* is what a "
                          "policy in monitor mode would have done")
                      .Register(*registry_);
  constexpr std::array<std::string_view, 8> kActions = {
      "allow", "flag", "redact", "block", "would_flag", "would_redact", "would_block", "fail_open"};
  for (Direction d : {Direction::kInput, Direction::kOutput})
    for (std::size_t a = 0; a < kActions.size(); ++a)
      actions_[static_cast<std::size_t>(d)][a] = &actions.Add(
          {{"direction", std::string(to_string(d))}, {"action", std::string(kActions[a])}});

  auto& reloads = prometheus::BuildCounter()
                      .Name("llmsec_config_reloads_total")
                      .Help("Configuration reloads by outcome")
                      .Register(*registry_);
  reloads_ok_ = &reloads.Add({{"outcome", "success"}});
  reloads_failed_ = &reloads.Add({{"outcome", "failure"}});
  last_reload_success_ = &prometheus::BuildGauge()
                              .Name("llmsec_config_last_reload_success_timestamp_seconds")
                              .Help("When the serving configuration was loaded")
                              .Register(*registry_)
                              .Add({});
  last_reload_success_->SetToCurrentTime();

  auto& emergency = prometheus::BuildGauge()
                        .Name("llmsec_emergency_mode")
                        .Help("1 for the emergency switch's current mode")
                        .Register(*registry_);
  for (EmergencyMode m :
       {EmergencyMode::kOff, EmergencyMode::kMonitorAll, EmergencyMode::kBlockAll})
    emergency_[static_cast<std::size_t>(m)] = &emergency.Add({{"mode", std::string(to_string(m))}});
  set_emergency(EmergencyMode::kOff);
  state_connected_ = &prometheus::BuildGauge()
                          .Name("llmsec_state_connected")
                          .Help("1 when the Redis that replicas share state through answers")
                          .Register(*registry_);

  auto& audit =
      prometheus::BuildCounter()
          .Name("llmsec_audit_records_total")
          .Help("Audit log lines by outcome: written, or dropped (queue full, write failed)")
          .Register(*registry_);
  audit_written_ = &audit.Add({{"outcome", "written"}});
  audit_dropped_ = &audit.Add({{"outcome", "dropped"}});

  remote_classifier_calls_ =
      &prometheus::BuildCounter()
           .Name("llmsec_remote_classifier_calls_total")
           .Help(
               "Requests' calls to remote classifiers by classifier and outcome: answered, "
               "failed, busy, circuit_open")
           .Register(*registry_);
  webhooks_ = &prometheus::BuildCounter()
                   .Name("llmsec_webhook_deliveries_total")
                   .Help("Webhook notifications by outcome: delivered, failed, dropped")
                   .Register(*registry_);
  for (const char* outcome : {"delivered", "failed", "dropped"})
    webhooks_->Add({{"outcome", outcome}});

  requests_ = &prometheus::BuildCounter()
                   .Name("llmsec_requests_total")
                   .Help("API requests answered, by configured route and HTTP status")
                   .Register(*registry_);
  request_seconds_ = &prometheus::BuildHistogram()
                          .Name("llmsec_request_duration_seconds")
                          .Help("Time from a request's arrival to the end of its answer")
                          .Register(*registry_);
  auto& scans = prometheus::BuildHistogram()
                    .Name("llmsec_scan_duration_seconds")
                    .Help("Time to scan and decide on a request or a response")
                    .Register(*registry_);
  const prometheus::Histogram::BucketBoundaries scan_buckets{
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.1};
  for (Direction d : {Direction::kInput, Direction::kOutput})
    scan_seconds_[static_cast<std::size_t>(d)] =
        &scans.Add({{"direction", std::string(to_string(d))}}, scan_buckets);
  stage_seconds_ = &prometheus::BuildHistogram()
                        .Name("llmsec_scan_stage_duration_seconds")
                        .Help("Time per scan stage: canonicalisation, and each detector")
                        .Register(*registry_);
  for (Direction d : {Direction::kInput, Direction::kOutput})
    canonicalize_seconds_[static_cast<std::size_t>(d)] = &stage_seconds_->Add(
        {{"stage", "canonicalize"}, {"detector", ""}, {"direction", std::string(to_string(d))}},
        kScanBuckets);
  tenant_blocks_ = &prometheus::BuildCounter()
                        .Name("llmsec_tenant_blocks_total")
                        .Help("Blocked requests by tenant (configured tenants, or none)")
                        .Register(*registry_);
  findings_ = &prometheus::BuildCounter()
                   .Name("llmsec_findings_total")
                   .Help("Findings by detector, category, severity and direction")
                   .Register(*registry_);
  upstream_errors_ = &prometheus::BuildCounter()
                          .Name("llmsec_upstream_errors_total")
                          .Help("Upstream exchanges that failed, by reason")
                          .Register(*registry_);
  for (const char* reason :
       {"connect_failed", "timeout", "failed_before_headers", "broken_midway", "compressed_answer"})
    upstream_errors_->Add({{"reason", reason}});
  upstream_seconds_ = &prometheus::BuildHistogram()
                           .Name("llmsec_upstream_duration_seconds")
                           .Help("Exchanges with the upstream, from request sent to answer relayed")
                           .Register(*registry_);
  streams_ = &prometheus::BuildGauge()
                  .Name("llmsec_active_streams")
                  .Help("Streamed answers being relayed")
                  .Register(*registry_)
                  .Add({});
  held_back_ = &prometheus::BuildHistogram()
                    .Name("llmsec_stream_held_back_bytes")
                    .Help("Per rewritten stream, the most bytes held back at once")
                    .Register(*registry_)
                    .Add({}, prometheus::Histogram::BucketBoundaries{0, 8, 16, 32, 64, 128, 256,
                                                                     512, 1024, 4096});
  held_back_seconds_ = &prometheus::BuildHistogram()
                            .Name("llmsec_stream_held_back_seconds")
                            .Help("Per rewritten stream, the longest any text was held back")
                            .Register(*registry_)
                            .Add({}, prometheus::Histogram::BucketBoundaries{
                                         0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5});
  connections_ = &prometheus::BuildGauge()
                      .Name("llmsec_active_connections")
                      .Help("Client connections open on the API listener")
                      .Register(*registry_)
                      .Add({});
}

void Metrics::observe_request(std::string_view route, unsigned status, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  const std::string r(route);
  requests_->Add({{"route", r}, {"status", std::to_string(status)}}).Increment();
  request_seconds_->Add({{"route", r}}, kBuckets).Observe(seconds);
}

void Metrics::observe_upstream(std::string_view route, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  upstream_seconds_->Add({{"route", std::string(route)}}, kBuckets).Observe(seconds);
}

void Metrics::stream_closed(std::size_t max_held_back_bytes, double max_held_back_seconds) {
  streams_->Decrement();
  held_back_->Observe(static_cast<double>(max_held_back_bytes));
  held_back_seconds_->Observe(max_held_back_seconds);
}

prometheus::Histogram& Metrics::stage_histogram(Direction direction, std::string_view detector) {
  auto& known = stage_histograms_[static_cast<std::size_t>(direction)];
  for (const StageHistogram& h : known)
    if (h.detector == detector) return *h.histogram;
  prometheus::Histogram& h = stage_seconds_->Add({{"stage", "detect"},
                                                  {"detector", std::string(detector)},
                                                  {"direction", std::string(to_string(direction))}},
                                                 kScanBuckets);
  known.push_back({std::string(detector), &h});
  return h;
}

void Metrics::observe_scan(Direction direction, double seconds, const ScanReport& report) {
  scan_seconds_[static_cast<std::size_t>(direction)]->Observe(seconds);
  if (report.detector_seconds.empty()) return;  // no stages timed (the stream guard's scans)
  canonicalize_seconds_[static_cast<std::size_t>(direction)]->Observe(report.canonicalize_seconds);
  std::lock_guard lock(stages_mutex_);
  for (const auto& [detector, s] : report.detector_seconds)
    stage_histogram(direction, detector).Observe(s);
}

void Metrics::count_tenant_block(std::string_view tenant) {
  tenant_blocks_->Add({{"tenant", tenant.empty() ? "none" : std::string(tenant)}}).Increment();
}

void Metrics::count_findings(Direction direction, const std::vector<Finding>& findings) {
  for (const Finding& f : findings)
    findings_
        ->Add({{"detector", f.detector},
               {"category", f.category},
               {"severity", std::string(to_string(f.severity))},
               {"direction", std::string(to_string(direction))}})
        .Increment();
}

void Metrics::count_upstream_error(std::string_view reason) {
  upstream_errors_->Add({{"reason", std::string(reason)}}).Increment();
}

void Metrics::count_remote_classifier(std::string_view classifier, std::string_view outcome) {
  remote_classifier_calls_
      ->Add({{"classifier", std::string(classifier)}, {"outcome", std::string(outcome)}})
      .Increment();
}

void Metrics::count_webhook(std::string_view outcome) {
  webhooks_->Add({{"outcome", std::string(outcome)}}).Increment();
}

void Metrics::count_audit(bool written) {
  (written ? audit_written_ : audit_dropped_)->Increment();
}

void Metrics::count_action(Direction direction, const Decision& decision) {
  auto& row = actions_[static_cast<std::size_t>(direction)];
  row[static_cast<std::size_t>(decision.action)]->Increment();
  if (decision.verdict != decision.action && decision.verdict != Action::kAllow)
    row[3 + static_cast<std::size_t>(decision.verdict)]->Increment();
  for (const Reason& r : decision.reasons)
    if (r.policy_rule.ends_with(".fail_open")) {  // a detector failed and the policy let it go
      row[7]->Increment();
      break;
    }
}

void Metrics::count_reload(bool success) {
  (success ? reloads_ok_ : reloads_failed_)->Increment();
  if (success) last_reload_success_->SetToCurrentTime();
}

void Metrics::set_state_connected(bool connected) {
  state_connected_->Add({}).Set(connected ? 1.0 : 0.0);
}

void Metrics::set_emergency(EmergencyMode mode) {
  for (std::size_t i = 0; i < emergency_.size(); ++i)
    emergency_[i]->Set(i == static_cast<std::size_t>(mode) ? 1.0 : 0.0);
}

std::string Metrics::exposition() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace llmsec::gateway
