// llmsec serve [--config FILE] [--listen HOST:PORT] [--admin HOST:PORT] [--upstream URL]
#include <iostream>

#include "gateway/cli/cli.h"
#include "gateway/http/server.h"

namespace llmsec::cli {

int serve_command(std::span<const std::string_view> args) {
  std::optional<std::string> config_path, listen, admin, upstream;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    std::optional<std::string>* slot = a == "--config"     ? &config_path
                                       : a == "--listen"   ? &listen
                                       : a == "--admin"    ? &admin
                                       : a == "--upstream" ? &upstream
                                                           : nullptr;
    if (!slot) return usage_error("serve: unknown option " + std::string(a));
    if (i + 1 >= args.size()) return usage_error(std::string(a) + " needs a value");
    *slot = std::string(args[++i]);
  }
  if (!config_path) config_path = default_config_path();
  if (!config_path) return usage_error("no --config given and no config/gateway.yaml found");
  gateway::Server server({.config_path = *config_path,
                          .overrides = {.default_upstream_url = upstream},
                          .listen = listen,
                          .admin = admin});
  auto result = server.run();
  if (!result) return usage_error(result.error().message);
  return kExitOk;
}

}  // namespace llmsec::cli
