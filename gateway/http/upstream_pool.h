// UpstreamPool: idle keep-alive connections to upstreams, kept for the next exchange so
// that it skips the TCP (and TLS) handshake.
//
//   UpstreamPool pool;                                    // one per server
//   auto c = pool.plain.take("127.0.0.1:8001");           // nullptr: connect anew
//   ... exchange ...
//   pool.plain.give("127.0.0.1:8001", std::move(c));      // when the answer ended cleanly
//
// A connection is given back only after an answer that was read to its end and did not
// ask to close. Connections idle longer than the idle timeout are dropped when met, and at
// most `max_idle` wait per upstream. Safe from many threads.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace llmsec::gateway {

template <class Stream>
class IdleConnections {
 public:
  IdleConnections(std::size_t max_idle, std::chrono::steady_clock::duration idle_timeout)
      : max_idle_(max_idle), idle_timeout_(idle_timeout) {}

  std::unique_ptr<Stream> take(const std::string& upstream) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(upstream);
    if (it == idle_.end()) return nullptr;
    const auto now = std::chrono::steady_clock::now();
    while (!it->second.empty()) {
      Entry entry = std::move(it->second.back());  // the most recently used is the warmest
      it->second.pop_back();
      if (now - entry.since < idle_timeout_) return std::move(entry.stream);
    }
    return nullptr;
  }

  void give(const std::string& upstream, std::unique_ptr<Stream> stream) {
    std::lock_guard lock(mutex_);
    auto& list = idle_[upstream];
    if (list.size() >= max_idle_) list.pop_front();
    list.push_back({std::move(stream), std::chrono::steady_clock::now()});
  }

 private:
  struct Entry {
    std::unique_ptr<Stream> stream;
    std::chrono::steady_clock::time_point since;
  };
  std::mutex mutex_;
  std::map<std::string, std::deque<Entry>> idle_;
  std::size_t max_idle_;
  std::chrono::steady_clock::duration idle_timeout_;
};

struct UpstreamPool {
  static constexpr std::size_t kMaxIdle = 64;
  // Below the keep-alive timeouts of common servers (nginx 75 s, OpenAI's edge ~ 90 s),
  // so that a pooled connection is rarely one the server has just closed.
  static constexpr std::chrono::seconds kIdleTimeout{30};

  IdleConnections<boost::beast::tcp_stream> plain{kMaxIdle, kIdleTimeout};
  IdleConnections<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls{kMaxIdle, kIdleTimeout};
};

}  // namespace llmsec::gateway
