// llmsec check-config FILE: loads and compiles a configuration, reporting every error.
#include <iostream>

#include "config/snapshot.h"
#include "gateway/cli/cli.h"

namespace llmsec::cli {

int check_config_command(std::span<const std::string_view> args) {
  if (args.size() != 1) return usage_error("usage: check-config FILE");
  const std::string path(args[0]);
  auto snapshot = config::load_snapshot(path);
  if (!snapshot) {
    std::cerr << snapshot.error().message;
    if (!snapshot.error().message.ends_with('\n')) std::cerr << '\n';
    return kExitUsage;
  }
  const auto& config = (*snapshot)->config;
  std::size_t rules = 0;
  for (const auto& pack : config.rule_packs) rules += pack.rules.size();
  std::size_t known_attacks = 0;
  for (const auto& feed : config.feeds) known_attacks += feed.entries.size();
  std::cout << path << ": ok (" << config.upstreams.size() << " upstreams, "
            << config.rule_packs.size() << " rule packs with " << rules << " rules, "
            << config.feeds.size() << " feeds with " << known_attacks << " known attacks, "
            << config.policies.size() << " policies, " << config.routes.size() << " routes, "
            << config.tenants.size() << " tenants, " << config.client_keys.size()
            << " client keys)\n";
  return kExitOk;
}

}  // namespace llmsec::cli
