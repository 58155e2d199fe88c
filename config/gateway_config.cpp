#include "config/gateway_config.h"

#include <filesystem>

#include "config/diagnostics.h"
#include "config/model_loader.h"
#include "config/rule_pack_loader.h"
#include "config/units.h"

namespace llmsec::config {
namespace {

namespace fs = std::filesystem;

void load_server(const std::string& file, const YAML::Node& node, ServerConfig& server,
                 Diagnostics& diag) {
  if (!diag.expect_map(file, node, "server")) return;
  diag.check_keys(file, node, {"listen", "admin", "threads", "max_body_size", "upstream_timeout"});
  read_scalar(diag, file, node["listen"], "listen", server.listen);
  read_scalar(diag, file, node["admin"], "admin", server.admin);
  read_scalar(diag, file, node["threads"], "threads", server.threads);
  std::string text;
  if (read_scalar(diag, file, node["max_body_size"], "max_body_size", text)) {
    if (auto size = parse_size(text); size && *size > 0)
      server.max_body_bytes = *size;
    else
      diag.error(file, node["max_body_size"], "max_body_size: expected a size such as 4MiB");
  }
  if (read_scalar(diag, file, node["upstream_timeout"], "upstream_timeout", text)) {
    if (auto d = parse_duration(text); d && d->count() > 0)
      server.upstream_timeout = *d;
    else
      diag.error(file, node["upstream_timeout"],
                 "upstream_timeout: expected a duration such as 30s");
  }
}

void load_upstreams(const std::string& file, const YAML::Node& node,
                    std::vector<UpstreamConfig>& upstreams, Diagnostics& diag) {
  if (!diag.expect_map(file, node, "upstreams")) return;
  for (const auto& entry : node) {
    UpstreamConfig upstream{.name = entry.first.as<std::string>()};
    if (!diag.expect_map(file, entry.second, "upstream")) continue;
    diag.check_keys(file, entry.second, {"url"});
    if (!read_scalar(diag, file, entry.second["url"], "url", upstream.url))
      diag.error(file, entry.second, "upstream '" + upstream.name + "' without 'url'");
    else if (!upstream.url.starts_with("http://") && !upstream.url.starts_with("https://"))
      diag.error(file, entry.second["url"], "url must start with http:// or https://");
    upstreams.push_back(std::move(upstream));
  }
}

void load_thresholds(const std::string& file, const YAML::Node& node, Thresholds& t,
                     Diagnostics& diag) {
  for (auto [key, field] : {std::pair{"flag_at", &t.flag}, std::pair{"block_at", &t.block}}) {
    if (read_scalar(diag, file, node[key], key, *field) && !(*field >= 0.0 && *field <= 1.0))
      diag.error(file, node[key], std::string(key) + " must be in [0, 1]");
  }
  if (t.flag > t.block) diag.error(file, node, "flag_at must not be above block_at");
}

void load_policies(const std::string& file, const YAML::Node& node,
                   std::map<std::string, Policy>& policies, Diagnostics& diag) {
  if (!diag.expect_map(file, node, "policies")) return;
  for (const auto& entry : node) {
    Policy policy;
    policy.name = entry.first.as<std::string>();
    const YAML::Node& body = entry.second;
    if (!diag.expect_map(file, body, "policy")) continue;
    diag.check_keys(file, body, {"flag_at", "block_at", "categories", "redact"});
    load_thresholds(file, body, policy.thresholds, diag);
    if (diag.expect_map(file, body["categories"], "categories")) {
      for (const auto& category : body["categories"]) {
        if (!diag.expect_map(file, category.second, "category thresholds")) continue;
        diag.check_keys(file, category.second, {"flag_at", "block_at"});
        Thresholds t = policy.thresholds;
        load_thresholds(file, category.second, t, diag);
        policy.category_thresholds[category.first.as<std::string>()] = t;
      }
    }
    if (diag.expect_sequence(file, body["redact"], "redact")) {
      for (const auto& category : body["redact"]) {
        std::string name;
        if (read_scalar(diag, file, category, "category", name))
          policy.redact_categories.insert(name);
      }
    }
    policies[policy.name] = std::move(policy);
  }
}

void load_detectors(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                    Diagnostics& diag) {
  if (!diag.expect_map(file, node, "detectors")) return;
  diag.check_keys(file, node, {"rule_packs", "evasion", "classifiers"});
  if (diag.expect_sequence(file, node["classifiers"], "classifiers")) {
    for (const auto& entry : node["classifiers"]) {
      if (!diag.expect_map(file, entry, "classifier")) continue;
      diag.check_keys(file, entry, {"model", "min_score"});
      std::string relative;
      if (!read_scalar(diag, file, entry["model"], "model", relative)) {
        diag.error(file, entry, "classifier without 'model'");
        continue;
      }
      const std::string model_path =
          (fs::path(file).parent_path() / relative).lexically_normal().string();
      auto model = load_linear_model(model_path, diag);
      if (!model) continue;
      if (read_scalar(diag, file, entry["min_score"], "min_score", model->min_score) &&
          !(model->min_score >= 0.0 && model->min_score <= 1.0))
        diag.error(file, entry["min_score"], "min_score must be in [0, 1]");
      config.classifiers.push_back(std::move(*model));
    }
  }
  bool evasion = true;
  if (read_scalar(diag, file, node["evasion"], "evasion", evasion) && !evasion)
    config.evasion.reset();
  std::vector<RulePackSpec>& packs = config.rule_packs;
  if (!diag.expect_sequence(file, node["rule_packs"], "rule_packs")) return;
  const fs::path base = fs::path(file).parent_path();
  for (const auto& entry : node["rule_packs"]) {
    std::string relative;
    if (!read_scalar(diag, file, entry, "rule pack path", relative)) continue;
    const std::string pack_path = (base / relative).lexically_normal().string();
    if (!fs::exists(pack_path)) {
      diag.error(file, entry, "rule pack not found: " + pack_path);
      continue;
    }
    if (auto pack = load_rule_pack(pack_path, diag)) packs.push_back(std::move(*pack));
  }
}

}  // namespace

Result<GatewayConfig> load_gateway_config(const std::string& path) {
  Diagnostics diag;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Error{path + ": cannot read configuration file"};
  } catch (const YAML::ParserException& e) {
    diag.error(path, e.mark, e.msg);
    return Error{diag.text()};
  }
  GatewayConfig config;
  config.path = path;
  if (!root.IsMap()) {
    diag.error(path, root, "the configuration must be a mapping");
    return Error{diag.text()};
  }
  diag.check_keys(path, root, {"server", "upstreams", "detectors", "policies", "default_policy"});
  load_server(path, root["server"], config.server, diag);
  load_upstreams(path, root["upstreams"], config.upstreams, diag);
  load_detectors(path, root["detectors"], config, diag);
  load_policies(path, root["policies"], config.policies, diag);
  read_scalar(diag, path, root["default_policy"], "default_policy", config.default_policy);
  if (config.upstreams.empty()) diag.error(path, root, "no upstreams configured");
  if (config.policies.empty()) config.policies["default"] = Policy{};
  if (!config.policies.contains(config.default_policy))
    diag.error(path, root["default_policy"] ? root["default_policy"] : root,
               "default_policy '" + config.default_policy + "' is not defined under policies");
  if (!diag.ok()) return Error{diag.text()};
  return config;
}

}  // namespace llmsec::config
