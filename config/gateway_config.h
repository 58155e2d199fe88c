// GatewayConfig: the typed, validated form of config/gateway.yaml.
//
//   Result<GatewayConfig> config = load_gateway_config("config/gateway.yaml");
//   if (!config) { std::cerr << config.error().message; }   // every error, file:line:col
//
// Paths inside the file (rule packs) are relative to the file itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/detectors/evasion_detector.h"
#include "core/detectors/linear_classifier.h"
#include "core/detectors/rule_pack_detector.h"
#include "core/policy.h"
#include "core/result.h"

namespace llmsec::config {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  std::string admin = "127.0.0.1:9090";
  unsigned threads = 0;  // 0: one per core
  std::uint64_t max_body_bytes = 4 * 1024 * 1024;
  std::chrono::milliseconds upstream_timeout{std::chrono::seconds(120)};
};

struct UpstreamConfig {
  std::string name;
  std::string url;  // http:// or https://, with an optional path prefix
};

struct GatewayConfig {
  std::string path;  // the file it was loaded from
  ServerConfig server;
  std::vector<UpstreamConfig> upstreams;  // the first is the default
  std::vector<RulePackSpec> rule_packs;
  std::optional<EvasionSpec> evasion = EvasionSpec{};  // nullopt: switched off
  std::vector<LinearModelSpec> classifiers;
  std::map<std::string, Policy> policies;
  std::string default_policy = "default";
};

Result<GatewayConfig> load_gateway_config(const std::string& path);

}  // namespace llmsec::config
