// AuditLog: one JSON line per exchange, written by a thread of its own so that the request
// path never waits on a disk.
//
//   AuditLog audit({.path = "/var/log/llmsec/audit.jsonl"}, metrics);
//   audit.submit(line);   // never blocks; a full queue drops the line and counts it
//   audit.reopen();       // after log rotation (SIGUSR1)
//
// Lines carry decisions, rules, findings (type, span, score) and content hashes; building
// them is the caller's job (audit_record.h), and they never contain prompt text.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "config/gateway_config.h"
#include "gateway/metrics.h"

namespace llmsec::gateway {

class AuditLog {
 public:
  AuditLog(config::AuditConfig config, Metrics& metrics);
  ~AuditLog();  // writes what is queued, then stops
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  bool enabled() const { return !config_.path.empty(); }
  bool every_exchange() const { return config_.every_exchange; }
  bool log_prompts() const { return config_.log_prompts; }
  void submit(std::string line);
  void reopen();

 private:
  void run();
  void open();

  const config::AuditConfig config_;
  Metrics& metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  bool reopen_ = false;
  std::FILE* file_ = nullptr;
  std::thread writer_;
};

}  // namespace llmsec::gateway
