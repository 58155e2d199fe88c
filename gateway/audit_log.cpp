#include "gateway/audit_log.h"

#include <iostream>

namespace llmsec::gateway {

AuditLog::AuditLog(config::AuditConfig config, Metrics& metrics)
    : config_(std::move(config)), metrics_(metrics) {
  if (!enabled()) return;
  open();
  writer_ = std::thread([this] { run(); });
}

AuditLog::~AuditLog() {
  if (!writer_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  if (file_ && file_ != stdout) std::fclose(file_);
}

void AuditLog::open() {
  if (config_.path == "stdout") {
    file_ = stdout;
    return;
  }
  if (file_ && file_ != stdout) std::fclose(file_);
  file_ = std::fopen(config_.path.c_str(), "a");
  if (!file_) std::cerr << "llmsec: cannot open audit log " << config_.path << std::endl;
}

void AuditLog::submit(std::string line) {
  if (!enabled()) return;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= config_.queue) {
      metrics_.count_audit(false);
      return;
    }
    queue_.push_back(std::move(line));
  }
  wake_.notify_one();
}

void AuditLog::reopen() {
  {
    std::lock_guard lock(mutex_);
    reopen_ = true;
  }
  wake_.notify_one();
}

void AuditLog::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || reopen_ || !queue_.empty(); });
    if (reopen_) {
      reopen_ = false;
      lock.unlock();
      open();
      lock.lock();
    }
    std::deque<std::string> batch;
    batch.swap(queue_);
    const bool stop = stopping_;
    lock.unlock();
    for (const std::string& line : batch) {
      const bool written = file_ &&
                           std::fwrite(line.data(), 1, line.size(), file_) == line.size() &&
                           std::fputc('\n', file_) != EOF;
      metrics_.count_audit(written);
    }
    if (file_) std::fflush(file_);
    lock.lock();
    if (stop && queue_.empty()) return;
  }
}

}  // namespace llmsec::gateway
