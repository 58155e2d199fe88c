// Server: the gateway process's listeners. The API listener scans and forwards OpenAI
// requests; the admin listener answers /healthz, /readyz and POST /v1/scan.
//
//   Server server(snapshot, {.listen = "127.0.0.1:0", .admin = "127.0.0.1:0"});
//   server.run();   // blocks until SIGINT/SIGTERM, then drains in-flight requests
//
// Once both listeners are bound it prints one line to stdout,
//   llmsec listening api=127.0.0.1:PORT admin=127.0.0.1:PORT
// so that scripts and tests started on port 0 learn the ports.
#pragma once

#include <memory>
#include <string>

#include "config/snapshot.h"
#include "core/result.h"

namespace llmsec::gateway {

struct ServerOptions {
  std::string listen;    // HOST:PORT
  std::string admin;     // HOST:PORT
  std::string upstream;  // URL of the default upstream
  unsigned threads = 0;  // 0: one per core
};

class Server {
 public:
  Server(std::shared_ptr<const config::Snapshot> snapshot, ServerOptions options);
  ~Server();
  // Runs until a termination signal; an error when a listener cannot be bound.
  Result<bool> run();

  struct State;  // defined in server.cpp

 private:
  std::unique_ptr<State> state_;
};

}  // namespace llmsec::gateway
