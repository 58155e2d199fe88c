#include "gateway/shared_state.h"

#include <charconv>
#include <iostream>

#include <hiredis/hiredis.h>

namespace llmsec::gateway {
namespace {

struct RedisAddress {
  std::string host;  // empty for a Unix socket
  int port = 6379;
  std::string socket_path;
  std::string user, password;
  int database = 0;
};

// redis://[[user]:password@]host[:port][/db] or unix:///path (validated by the loader).
RedisAddress parse_address(const config::StateConfig& config) {
  RedisAddress a;
  std::string_view url = config.url;
  if (url.starts_with("unix://")) {
    a.socket_path = std::string(url.substr(7));
  } else {
    url.remove_prefix(8);  // "redis://"
    if (const auto at = url.rfind('@'); at != std::string_view::npos) {
      const std::string_view credentials = url.substr(0, at);
      const auto colon = credentials.find(':');
      a.user = std::string(credentials.substr(0, colon));
      if (colon != std::string_view::npos) a.password = std::string(credentials.substr(colon + 1));
      url.remove_prefix(at + 1);
    }
    if (const auto slash = url.find('/'); slash != std::string_view::npos) {
      const std::string_view db = url.substr(slash + 1);
      std::from_chars(db.data(), db.data() + db.size(), a.database);
      url = url.substr(0, slash);
    }
    if (const auto colon = url.rfind(':'); colon != std::string_view::npos) {
      std::from_chars(url.data() + colon + 1, url.data() + url.size(), a.port);
      url = url.substr(0, colon);
    }
    a.host = std::string(url);
  }
  if (!config.password.empty()) a.password = config.password;
  return a;
}

struct ContextFree {
  void operator()(redisContext* c) const { redisFree(c); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;
struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

timeval to_timeval(std::chrono::milliseconds d) {
  return {static_cast<time_t>(d.count() / 1000), static_cast<suseconds_t>(d.count() % 1000 * 1000)};
}

// A reply, or null when the connection failed or Redis answered with an error.
Reply command(redisContext* c, std::string* error, const char* format, auto... args) {
  Reply reply(static_cast<redisReply*>(redisCommand(c, format, args...)));
  if (!reply) {
    *error = c->errstr[0] ? c->errstr : "connection lost";
    return nullptr;
  }
  if (reply->type == REDIS_REPLY_ERROR) {
    *error = std::string(reply->str, reply->len);
    return nullptr;
  }
  return reply;
}

Context connect(const config::StateConfig& config, std::string* error) {
  const RedisAddress a = parse_address(config);
  const timeval timeout = to_timeval(config.timeout);
  Context c(a.socket_path.empty() ? redisConnectWithTimeout(a.host.c_str(), a.port, timeout)
                                  : redisConnectUnixWithTimeout(a.socket_path.c_str(), timeout));
  if (!c || c->err) {
    *error = c ? c->errstr : "out of memory";
    return nullptr;
  }
  redisSetTimeout(c.get(), timeout);
  if (!a.password.empty()) {
    const bool ok = a.user.empty()
                        ? static_cast<bool>(command(c.get(), error, "AUTH %s", a.password.c_str()))
                        : static_cast<bool>(command(c.get(), error, "AUTH %s %s", a.user.c_str(),
                                                    a.password.c_str()));
    if (!ok) return nullptr;
  }
  if (a.database != 0 && !command(c.get(), error, "SELECT %d", a.database)) return nullptr;
  return c;
}

}  // namespace

SharedState::SharedState(const config::StateConfig& config, OnRemoteChange on_remote_change,
                         OnConnection on_connection)
    : config_(config),
      on_remote_change_(std::move(on_remote_change)),
      on_connection_(std::move(on_connection)) {}

std::unique_ptr<SharedState> SharedState::create(const config::StateConfig& config,
                                                 OnRemoteChange on_remote_change,
                                                 OnConnection on_connection) {
  std::unique_ptr<SharedState> state(
      new SharedState(config, std::move(on_remote_change), std::move(on_connection)));
  if (config.backend == config::StateConfig::Backend::kRedis)
    state->thread_ = std::thread([s = state.get()] { s->sync_loop(); });
  return state;
}

SharedState::~SharedState() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SharedState::set_emergency(EmergencyMode mode) {
  {
    std::lock_guard lock(mutex_);
    emergency_ = mode;
    ++local_changes_;
  }
  wake_.notify_all();
}

void SharedState::sync_loop() {
  const std::string key = config_.key_prefix + "emergency";
  Context redis;
  bool told_down = false;     // the outage is reported; said again only after a recovery
  std::uint64_t written = 0;  // local changes up to this one are in Redis
  std::string error;
  const auto lose = [&] {
    redis.reset();
    if (told_down) return;
    told_down = true;
    std::cerr << "llmsec: state: Redis at " << config_.url << " unreachable (" << error
              << "); the emergency switch is this replica's own until it is back" << std::endl;
    if (on_connection_) on_connection_(false);
  };
  for (bool first = true;; first = false) {
    if (!first) {
      std::unique_lock lock(mutex_);
      // While connected, a local change is written at once; otherwise wait for the interval.
      wake_.wait_for(lock, config_.sync_interval,
                     [&] { return stopping_ || (redis && local_changes_.load() != written); });
      if (stopping_) return;
    }
    if (!redis) {
      redis = connect(config_, &error);
      if (!redis) {
        lose();
        continue;
      }
      if (told_down)
        std::cerr << "llmsec: state: Redis at " << config_.url << " reachable again" << std::endl;
      told_down = false;
      if (on_connection_) on_connection_(true);
    }
    const std::uint64_t changes = local_changes_.load();
    if (changes != written) {
      const std::string mode(to_string(emergency_.load()));
      if (!command(redis.get(), &error, "SET %b %s", key.data(), key.size(), mode.c_str())) {
        lose();
        continue;
      }
      written = changes;
      continue;
    }
    Reply reply = command(redis.get(), &error, "GET %b", key.data(), key.size());
    if (!reply) {
      lose();
      continue;
    }
    if (reply->type != REDIS_REPLY_STRING) continue;  // never set: nothing shared yet
    const auto shared = parse_emergency_mode(std::string_view(reply->str, reply->len));
    if (!shared) continue;
    bool changed = false;
    {
      // A local change made while the GET was on its way wins: it is written next round.
      std::lock_guard lock(mutex_);
      if (local_changes_.load() == written && emergency_.load() != *shared) {
        emergency_ = *shared;
        changed = true;
      }
    }
    if (changed && on_remote_change_) on_remote_change_(*shared);
  }
}

}  // namespace llmsec::gateway
