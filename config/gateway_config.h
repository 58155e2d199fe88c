// GatewayConfig: the typed, validated form of config/gateway.yaml (docs/configuration.md
// documents every key).
//
//   Result<GatewayConfig> config = load_gateway_config("config/gateway.yaml");
//   if (!config) { std::cerr << config.error().message; }   // every error, file:line:col
//
// Paths inside the file (rule packs, models, included files) are relative to the file that
// names them. `${NAME}` in any value is replaced from the environment.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/detectors/directive_detector.h"
#include "core/detectors/evasion_detector.h"
#include "core/detectors/feed_detector.h"
#include "core/detectors/linear_classifier.h"
#include "core/detectors/link_detector.h"
#include "core/detectors/pii_detector.h"
#include "core/detectors/rule_pack_detector.h"
#include "core/policy.h"
#include "core/result.h"

namespace llmsec::config {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  std::string admin = "127.0.0.1:9090";
  std::string admin_token;  // when set, POST /admin/* needs "Authorization: Bearer <token>"
  std::string tls_cert;     // PEM certificate chain: the API listener speaks TLS; empty: plain
  std::string tls_key;      // PEM private key
  unsigned threads = 0;     // 0: one per core
  std::uint64_t max_body_bytes = 4 * 1024 * 1024;
  std::uint64_t max_header_bytes = 16 * 1024;
  unsigned max_json_depth = 64;
  // Of a streamed answer's text, the most the output guard holds back at once.
  std::uint64_t max_stream_hold_back = 256;
  unsigned max_connections = 10000;  // more are answered 503 and closed
  unsigned max_in_flight = 1000;     // requests being handled at once; more get 503
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  std::chrono::milliseconds upstream_timeout{std::chrono::seconds(120)};
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(10)};
};

struct UpstreamConfig {
  std::string name;
  std::string url;      // http:// or https://, with an optional path prefix
  std::string api_key;  // sent as the bearer token when a client used a virtual key
  std::string ca_file;  // PEM CA certificates to verify its TLS certificate; empty: the system's
};

// The scanned kinds name the OpenAI endpoint whose request format the route speaks.
enum class RouteKind {
  kChatCompletions,
  kResponses,
  kCompletions,
  kEmbeddings,
  kPassThrough,
  kNotFound
};

std::string_view to_string(RouteKind kind);
std::optional<RouteKind> parse_route_kind(std::string_view text);

struct RouteConfig {
  std::string path;  // exact, or a prefix when it ends in '*'
  RouteKind kind = RouteKind::kPassThrough;
  std::string upstream;  // empty: the default upstream
  std::string policy;    // empty: the tenant's, else the default policy

  bool matches(std::string_view request_path) const;
};

// A virtual key: clients send it as their bearer token; only its SHA-256 is configured.
struct ClientKey {
  std::string name;
  std::array<std::uint8_t, 32> sha256{};
  std::string tenant;
};

struct TenantConfig {
  std::string name;
  std::string policy;  // empty: the route's, else the default policy
};

struct ReloadConfig {
  bool watch = false;  // poll the configuration files and reload when they change
  std::chrono::milliseconds interval{std::chrono::seconds(2)};
};

// A model server that scores text (detectors.remote_classifiers): a prompt-guard model
// behind an inference server. The gateway sends each selected segment as
// POST {"text": "..."} and reads either {"score": 0.97} or a text-classification answer,
// [{"label": "INJECTION", "score": 0.97}, ...], where the labels in `positive_labels` count.
struct RemoteClassifierConfig {
  std::string name;  // the detector is called "remote.<name>"
  std::string url;   // http://host:port/path
  std::string category = "prompt_injection";
  std::vector<Role> roles = {Role::kUser, Role::kTool, Role::kDocument};
  std::vector<std::string> positive_labels = {"injection", "jailbreak", "malicious", "unsafe",
                                              "label_1"};  // compared case aside
  double min_score = 0.5;                                  // below it, no finding
  std::size_t max_segments = 4;                            // the latest ones of those roles
  std::chrono::milliseconds timeout{100};                  // for all of a request's calls together
  unsigned max_in_flight = 64;                             // calls at once; more count as failures
  unsigned failure_threshold = 5;  // failures in a row that open the circuit
  std::chrono::milliseconds open_for{std::chrono::seconds(10)};  // no calls while open
};

// What the gateway's replicas share (state:): today the emergency switch. `memory` keeps
// it in this process; `redis` shares it with every replica that names the same Redis and
// key prefix. Read once at start-up; a reload does not move it.
struct StateConfig {
  enum class Backend { kMemory, kRedis };
  Backend backend = Backend::kMemory;
  std::string url;       // redis://[:password@]host[:port][/db], or unix:///path/to/socket
  std::string password;  // overrides one in the URL; use ${REDIS_PASSWORD}
  std::string key_prefix = "llmsec:";
  std::chrono::milliseconds timeout{500};                            // connect and per command
  std::chrono::milliseconds sync_interval{std::chrono::seconds(1)};  // how often to look

  bool operator==(const StateConfig&) const = default;
};

// The audit log: one JSON line per exchange (or per exchange with findings), never the
// prompt text. Read once at start-up; a reload does not move it.
struct AuditConfig {
  std::string path;             // "stdout", a file, or empty: off
  bool every_exchange = false;  // false: only exchanges with findings
  bool log_prompts = false;     // true: the texts too, with secrets and personal data tagged
  unsigned queue = 10000;       // lines waiting for the writer; more are dropped and counted
};

// A webhook told about incidents: blocks at or above a severity, failed reloads, the
// emergency switch. Read once at start-up.
struct WebhookConfig {
  std::string url;     // http:// or https://
  bool slack = false;  // Slack's {"text": ...} shape instead of the generic one
  Severity min_severity = Severity::kHigh;
  std::chrono::milliseconds timeout{std::chrono::seconds(5)};
  unsigned attempts = 3;  // with backoff 0.5 s, 1 s, 2 s, ...
};

struct GatewayConfig {
  std::string path;                  // the file it was loaded from
  std::vector<std::string> sources;  // every file it read, for the file watch
  ServerConfig server;
  std::vector<UpstreamConfig> upstreams;  // the first is the default
  std::vector<RouteConfig> routes;        // first match wins
  bool require_client_key = false;        // without a known virtual key: 401
  std::vector<ClientKey> client_keys;
  std::map<std::string, TenantConfig> tenants;
  std::vector<RulePackSpec> rule_packs;
  std::optional<EvasionSpec> evasion = EvasionSpec{};         // nullopt: switched off
  std::optional<DirectiveSpec> directives = DirectiveSpec{};  // nullopt: switched off
  std::vector<LinearModelSpec> classifiers;
  std::vector<FeedSpec> feeds;  // known attacks
  std::vector<RemoteClassifierConfig> remote_classifiers;
  std::optional<PiiSpec> pii;     // nullopt: switched off
  std::optional<LinkSpec> links;  // nullopt: switched off
  std::map<std::string, Policy> policies;
  std::string default_policy = "default";
  std::optional<KeyedHashKey> hash_key;  // redaction.hash_key
  ReloadConfig reload;
  StateConfig state;
  AuditConfig audit;                    // observability.audit
  std::vector<WebhookConfig> webhooks;  // observability.webhooks

  const UpstreamConfig* find_upstream(std::string_view name) const;  // empty: the default
  const RouteConfig* find_route(std::string_view path) const;
  const TenantConfig* find_tenant(std::string_view name) const;
};

// The routes used when the configuration names none: chat completions, responses,
// completions and embeddings scanned, the rest of /v1/ passed through.
std::vector<RouteConfig> default_routes();

Result<GatewayConfig> load_gateway_config(const std::string& path);

}  // namespace llmsec::config
