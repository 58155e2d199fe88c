// Snapshot: everything a request needs from the configuration, compiled and immutable.
//
//   Result<std::shared_ptr<const Snapshot>> s = build_snapshot(load_gateway_config(path));
//   const Policy& policy = (*s)->policy("default");
//   ScanReport report = (*s)->pipeline.scan(segments, Direction::kInput);
//
// A reload builds a new snapshot off the request path and swaps the pointer; requests in
// flight keep the one they started with.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/gateway_config.h"
#include "core/pipeline.h"
#include "core/policy.h"
#include "core/result.h"

namespace llmsec::config {

struct Snapshot {
  GatewayConfig config;
  Pipeline pipeline;

  // The named policy, or nullptr when there is none of that name.
  const Policy* find_policy(const std::string& name) const;
  const Policy& default_policy() const { return *find_policy(config.default_policy); }
  // The policy of a request: the tenant's over the route's over the default (either may
  // be null).
  const Policy& policy_for(const RouteConfig* route, const TenantConfig* tenant) const;
};

Result<std::shared_ptr<const Snapshot>> build_snapshot(GatewayConfig config);
// What the command line overrides in the file (`serve --upstream URL`); applied on every
// reload too.
struct Overrides {
  std::optional<std::string> default_upstream_url;
};

Result<std::shared_ptr<const Snapshot>> load_snapshot(const std::string& path,
                                                      const Overrides& overrides = {});

}  // namespace llmsec::config
