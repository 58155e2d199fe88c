// SharedState: what the gateway's replicas share (configuration `state:`); today the
// emergency switch, so that one admin call stops or monitors every replica at once.
//
//   auto shared = SharedState::create(config.state, [](EmergencyMode m) { ... });
//   shared->emergency();                  // lock-free: the request path reads it
//   shared->set_emergency(EmergencyMode::kBlockAll);   // here at once, then everywhere
//
// memory: this process only. redis: a thread of its own writes local changes to the key
// `<key_prefix>emergency` and reads that key every `sync_interval`, so a switch thrown on
// one replica reaches the others within about that time, and a replica that starts during
// an incident starts in the incident's mode. The last writer wins. The request path never
// waits for Redis: when it is unreachable, each replica keeps the mode it knows (and its
// own admin calls still work), says so once on stderr and in `llmsec_state_connected`, and
// tries again every `sync_interval`.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/gateway_config.h"
#include "gateway/emergency.h"

namespace llmsec::gateway {

class SharedState {
 public:
  // Told, on the state thread, when the mode changed because another replica changed it.
  using OnRemoteChange = std::function<void(EmergencyMode)>;
  // Told, on the state thread, when Redis becomes reachable or unreachable.
  using OnConnection = std::function<void(bool connected)>;

  static std::unique_ptr<SharedState> create(const config::StateConfig& config,
                                             OnRemoteChange on_remote_change,
                                             OnConnection on_connection = {});
  ~SharedState();
  SharedState(const SharedState&) = delete;
  SharedState& operator=(const SharedState&) = delete;

  EmergencyMode emergency() const { return emergency_.load(std::memory_order_relaxed); }
  void set_emergency(EmergencyMode mode);

 private:
  SharedState(const config::StateConfig& config, OnRemoteChange on_remote_change,
              OnConnection on_connection);
  void sync_loop();

  const config::StateConfig config_;
  const OnRemoteChange on_remote_change_;
  const OnConnection on_connection_;
  std::atomic<EmergencyMode> emergency_{EmergencyMode::kOff};
  // Bumped by each local change, so the state thread knows what it has not written yet.
  std::atomic<std::uint64_t> local_changes_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // redis only
};

}  // namespace llmsec::gateway
