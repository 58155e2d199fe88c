#include "config/snapshot.h"

#include <algorithm>

#include "core/detector_factory.h"

namespace llmsec::config {

const Policy* Snapshot::find_policy(const std::string& name) const {
  auto it = config.policies.find(name);
  return it == config.policies.end() ? nullptr : &it->second;
}

const Policy& Snapshot::policy_for(const RouteConfig* route, const TenantConfig* tenant) const {
  if (tenant && !tenant->policy.empty())
    if (const Policy* p = find_policy(tenant->policy)) return *p;
  if (route && !route->policy.empty())
    if (const Policy* p = find_policy(route->policy)) return *p;
  return default_policy();
}

Result<std::shared_ptr<const Snapshot>> build_snapshot(GatewayConfig config) {
  std::vector<std::unique_ptr<Detector>> detectors;
  std::string errors;
  auto add = [&](Result<std::unique_ptr<Detector>> detector) {
    if (!detector)
      errors += config.path + ": " + detector.error().message + "\n";
    else
      detectors.push_back(std::move(*detector));
  };
  // Packs that read the same views the same way are matched in one pass (share_one_pass).
  std::vector<std::vector<RulePackSpec>> groups;
  for (const RulePackSpec& pack : config.rule_packs) {
    const auto group = std::find_if(groups.begin(), groups.end(),
                                    [&](const auto& g) { return share_one_pass(g.front(), pack); });
    if (group == groups.end())
      groups.push_back({pack});
    else
      group->push_back(pack);
  }
  for (const std::vector<RulePackSpec>& group : groups) add(make_detector(group));
  if (config.evasion) add(make_detector(*config.evasion));
  if (config.directives) add(make_detector(*config.directives));
  for (const LinearModelSpec& model : config.classifiers) add(make_detector(model));
  for (const FeedSpec& feed : config.feeds) add(make_detector(feed));
  if (config.pii) add(make_detector(*config.pii));
  if (config.links) add(make_detector(*config.links));
  if (!errors.empty()) return Error{errors};
  return std::shared_ptr<const Snapshot>(
      new Snapshot{std::move(config), Pipeline(std::move(detectors))});
}

Result<std::shared_ptr<const Snapshot>> load_snapshot(const std::string& path,
                                                      const Overrides& overrides) {
  auto config = load_gateway_config(path);
  if (!config) return config.error();
  if (overrides.default_upstream_url) {
    if (!overrides.default_upstream_url->starts_with("http://") &&
        !overrides.default_upstream_url->starts_with("https://"))
      return Error{"upstream URL must start with http:// or https://"};
    config->upstreams.front().url = *overrides.default_upstream_url;
  }
  return build_snapshot(std::move(*config));
}

}  // namespace llmsec::config
