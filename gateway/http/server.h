// Server: the gateway process's listeners. The API listener routes, scans and forwards
// OpenAI requests; the admin listener answers /healthz, /readyz, /metrics, POST /v1/scan,
// POST /admin/reload and GET or POST /admin/emergency.
//
//   Server server({.config_path = "config/gateway.yaml", .listen = "127.0.0.1:0"});
//   server.run();   // blocks until SIGINT/SIGTERM, then drains in-flight requests
//
// Once both listeners are bound it prints one line to stdout,
//   llmsec listening api=127.0.0.1:PORT admin=127.0.0.1:PORT
// so that scripts and tests started on port 0 learn the ports.
//
// The configuration is reloaded on SIGHUP, on POST /admin/reload and, when the file asks
// for it, when one of its files changes. A new snapshot is built off the request path and
// swapped in atomically; each request keeps the snapshot it started with; a configuration
// with errors leaves the serving one in place.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/snapshot.h"
#include "core/result.h"

namespace llmsec::gateway {

struct ServerOptions {
  std::string config_path;
  config::Overrides overrides;
  std::optional<std::string> listen;  // HOST:PORT; default: the configuration's
  std::optional<std::string> admin;   // HOST:PORT; default: the configuration's
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  // Loads the configuration and runs until a termination signal; an error when the
  // configuration is bad or a listener cannot be bound.
  Result<bool> run();

  struct State;  // defined in server.cpp

 private:
  std::unique_ptr<State> state_;
};

}  // namespace llmsec::gateway
