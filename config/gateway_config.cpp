#include "config/gateway_config.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "config/diagnostics.h"
#include "config/env_substitution.h"
#include "config/feed_loader.h"
#include "config/model_loader.h"
#include "config/policy_loader.h"
#include "config/rule_pack_loader.h"
#include "config/units.h"
#include "core/hex.h"

namespace llmsec::config {
namespace {

namespace fs = std::filesystem;

std::string relative_to(const std::string& file, const std::string& path) {
  return (fs::path(file).parent_path() / path).lexically_normal().string();
}

// Reads a YAML file, reporting a missing file or a syntax error.
std::optional<YAML::Node> read_yaml(const std::string& path, Diagnostics& diag,
                                    const YAML::Node* named_at = nullptr,
                                    const std::string& naming_file = "") {
  try {
    YAML::Node root = YAML::LoadFile(path);
    substitute_env(path, root, diag);
    return root;
  } catch (const YAML::BadFile&) {
    if (named_at)
      diag.error(naming_file, *named_at, "cannot read " + path);
    else
      diag.error(path, "cannot read configuration file");
  } catch (const YAML::ParserException& e) {
    diag.error(path, e.mark, e.msg);
  }
  return std::nullopt;
}

void read_size(Diagnostics& diag, const std::string& file, const YAML::Node& node,
               std::string_view key, std::uint64_t& out) {
  std::string text;
  if (!read_scalar(diag, file, node, key, text)) return;
  if (auto size = parse_size(text); size && *size > 0)
    out = *size;
  else
    diag.error(file, node, std::string(key) + ": expected a size such as 4MiB");
}

void read_duration(Diagnostics& diag, const std::string& file, const YAML::Node& node,
                   std::string_view key, std::chrono::milliseconds& out) {
  std::string text;
  if (!read_scalar(diag, file, node, key, text)) return;
  if (auto d = parse_duration(text); d && d->count() > 0)
    out = *d;
  else
    diag.error(file, node, std::string(key) + ": expected a duration such as 30s");
}

template <class T>
void read_in_range(Diagnostics& diag, const std::string& file, const YAML::Node& node,
                   std::string_view key, T& out, T low, T high) {
  if (read_scalar(diag, file, node, key, out) && (out < low || out > high))
    diag.error(file, node,
               std::string(key) + " must be between " + std::to_string(low) + " and " +
                   std::to_string(high));
}

void load_server(const std::string& file, const YAML::Node& node, ServerConfig& server,
                 Diagnostics& diag) {
  if (!diag.expect_map(file, node, "server")) return;
  diag.check_keys(file, node,
                  {"listen", "admin", "admin_token", "tls", "threads", "max_body_size",
                   "max_header_size", "max_json_depth", "max_stream_hold_back", "max_connections",
                   "max_in_flight", "idle_timeout", "upstream_timeout", "drain_timeout"});
  read_scalar(diag, file, node["listen"], "listen", server.listen);
  read_scalar(diag, file, node["admin"], "admin", server.admin);
  read_scalar(diag, file, node["admin_token"], "admin_token", server.admin_token);
  if (diag.expect_map(file, node["tls"], "tls")) {
    const YAML::Node tls = node["tls"];
    diag.check_keys(file, tls, {"cert", "key"});
    for (auto [key, field] :
         {std::pair{"cert", &server.tls_cert}, std::pair{"key", &server.tls_key}}) {
      if (!read_scalar(diag, file, tls[key], key, *field)) {
        diag.error(file, tls, std::string("tls needs '") + key + "'");
        continue;
      }
      *field = relative_to(file, *field);
      if (!fs::exists(*field))
        diag.error(file, tls[key], std::string(key) + " not found: " + *field);
    }
  }
  read_in_range(diag, file, node["threads"], "threads", server.threads, 0u, 1024u);
  read_size(diag, file, node["max_body_size"], "max_body_size", server.max_body_bytes);
  read_size(diag, file, node["max_header_size"], "max_header_size", server.max_header_bytes);
  read_in_range(diag, file, node["max_json_depth"], "max_json_depth", server.max_json_depth, 2u,
                1024u);
  read_size(diag, file, node["max_stream_hold_back"], "max_stream_hold_back",
            server.max_stream_hold_back);
  if (server.max_stream_hold_back < 16 || server.max_stream_hold_back > 64 * 1024)
    diag.error(file, node["max_stream_hold_back"], "max_stream_hold_back must be 16B to 64KiB");
  read_in_range(diag, file, node["max_connections"], "max_connections", server.max_connections, 1u,
                1'000'000u);
  read_in_range(diag, file, node["max_in_flight"], "max_in_flight", server.max_in_flight, 1u,
                1'000'000u);
  read_duration(diag, file, node["idle_timeout"], "idle_timeout", server.idle_timeout);
  read_duration(diag, file, node["upstream_timeout"], "upstream_timeout", server.upstream_timeout);
  read_duration(diag, file, node["drain_timeout"], "drain_timeout", server.drain_timeout);
}

void load_upstreams(const std::string& file, const YAML::Node& node,
                    std::vector<UpstreamConfig>& upstreams, Diagnostics& diag) {
  if (!diag.expect_map(file, node, "upstreams")) return;
  for (const auto& entry : node) {
    UpstreamConfig upstream{.name = entry.first.as<std::string>()};
    if (!diag.expect_map(file, entry.second, "upstream")) continue;
    diag.check_keys(file, entry.second, {"url", "api_key", "ca_file"});
    if (!read_scalar(diag, file, entry.second["url"], "url", upstream.url))
      diag.error(file, entry.second, "upstream '" + upstream.name + "' without 'url'");
    else if (!upstream.url.starts_with("http://") && !upstream.url.starts_with("https://"))
      diag.error(file, entry.second["url"], "url must start with http:// or https://");
    read_scalar(diag, file, entry.second["api_key"], "api_key", upstream.api_key);
    if (read_scalar(diag, file, entry.second["ca_file"], "ca_file", upstream.ca_file)) {
      upstream.ca_file = relative_to(file, upstream.ca_file);
      if (!fs::exists(upstream.ca_file))
        diag.error(file, entry.second["ca_file"], "ca_file not found: " + upstream.ca_file);
    }
    upstreams.push_back(std::move(upstream));
  }
}

void load_routes(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                 Diagnostics& diag) {
  if (!diag.expect_sequence(file, node, "routes")) return;
  for (const auto& entry : node) {
    if (!diag.expect_map(file, entry, "route")) continue;
    diag.check_keys(file, entry, {"path", "kind", "upstream", "policy"});
    RouteConfig route;
    if (!read_scalar(diag, file, entry["path"], "path", route.path))
      diag.error(file, entry, "route without 'path'");
    else if (!route.path.starts_with('/'))
      diag.error(file, entry["path"], "path must start with '/'");
    std::string kind;
    if (read_scalar(diag, file, entry["kind"], "kind", kind)) {
      if (auto parsed = parse_route_kind(kind))
        route.kind = *parsed;
      else
        diag.error(file, entry["kind"],
                   "kind must be chat_completions, responses, completions, embeddings, "
                   "pass_through or not_found");
    }
    if (read_scalar(diag, file, entry["upstream"], "upstream", route.upstream) &&
        !config.find_upstream(route.upstream))
      diag.error(file, entry["upstream"], "route names unknown upstream '" + route.upstream + "'");
    read_scalar(diag, file, entry["policy"], "policy", route.policy);
    config.routes.push_back(std::move(route));
  }
}

void load_clients(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                  Diagnostics& diag) {
  if (!diag.expect_map(file, node, "clients")) return;
  diag.check_keys(file, node, {"require_key", "keys"});
  read_scalar(diag, file, node["require_key"], "require_key", config.require_client_key);
  if (!diag.expect_sequence(file, node["keys"], "keys")) return;
  std::set<std::string> names;
  for (const auto& entry : node["keys"]) {
    if (!diag.expect_map(file, entry, "client key")) continue;
    diag.check_keys(file, entry, {"name", "sha256", "tenant"});
    ClientKey key;
    if (!read_scalar(diag, file, entry["name"], "name", key.name))
      diag.error(file, entry, "client key without 'name'");
    else if (!names.insert(key.name).second)
      diag.error(file, entry["name"], "duplicate client key name '" + key.name + "'");
    std::string hex;
    if (!read_scalar(diag, file, entry["sha256"], "sha256", hex))
      diag.error(file, entry, "client key without 'sha256'");
    else if (!decode_hex(hex, key.sha256))
      diag.error(file, entry["sha256"], "sha256 must be 64 hexadecimal digits");
    if (!read_scalar(diag, file, entry["tenant"], "tenant", key.tenant))
      diag.error(file, entry, "client key without 'tenant'");
    config.client_keys.push_back(std::move(key));
  }
  if (config.require_client_key && config.client_keys.empty())
    diag.error(file, node, "require_key is true but no keys are configured");
}

void load_tenants(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                  Diagnostics& diag) {
  if (!diag.expect_map(file, node, "tenants")) return;
  for (const auto& entry : node) {
    TenantConfig tenant{.name = entry.first.as<std::string>()};
    if (!entry.second.IsNull() && diag.expect_map(file, entry.second, "tenant")) {
      diag.check_keys(file, entry.second, {"policy", "description"});
      read_scalar(diag, file, entry.second["policy"], "policy", tenant.policy);
    }
    if (!config.tenants.emplace(tenant.name, tenant).second)
      diag.error(file, entry.first, "tenant '" + tenant.name + "' is defined twice");
  }
}

// A detector's switch: `name: true` (on, with defaults), `false` or absent (off), or a
// map of its settings, `directions: [input, output]` among them. Returns whether there is
// such a map; `spec` is then on, with its directions read.
template <class Spec>
bool detector_settings(const std::string& file, const YAML::Node& node, const char* name,
                       std::initializer_list<std::string_view> keys, std::optional<Spec>& spec,
                       Diagnostics& diag) {
  if (!node || node.IsNull()) return false;
  if (node.IsScalar()) {
    bool on = false;
    if (read_scalar(diag, file, node, name, on) && on) spec = Spec{};
    return false;
  }
  if (!diag.expect_map(file, node, name)) return false;
  diag.check_keys(file, node, keys);
  spec = Spec{};
  if (diag.expect_sequence(file, node["directions"], "directions")) {
    spec->input = spec->output = false;
    for (const auto& d : node["directions"]) {
      std::string direction;
      read_scalar(diag, file, d, "direction", direction);
      if (direction == "input")
        spec->input = true;
      else if (direction == "output")
        spec->output = true;
      else
        diag.error(file, d, "direction must be input or output");
    }
  }
  return true;
}

// A detector that is on unless its switch says `name: false`.
template <class Spec>
void default_on_switch(const std::string& file, const YAML::Node& node, const char* name,
                       std::optional<Spec>& spec, Diagnostics& diag) {
  bool on = true;
  if (read_scalar(diag, file, node, name, on) && !on) spec.reset();
}

// `pii: true`, `pii: false`, or `pii: {types: [email, phone], directions: [input]}`.
void load_pii(const std::string& file, const YAML::Node& node, GatewayConfig& config,
              Diagnostics& diag) {
  if (!detector_settings(file, node, "pii", {"types", "directions"}, config.pii, diag)) return;
  const std::vector<std::string> known = PiiDetector::all_types();
  if (!diag.expect_sequence(file, node["types"], "types")) return;
  for (const auto& t : node["types"]) {
    std::string type;
    if (!read_scalar(diag, file, t, "type", type)) continue;
    if (std::find(known.begin(), known.end(), type) == known.end())
      diag.error(file, t, "unknown PII type '" + type + "'");
    else
      config.pii->types.push_back(type);
  }
}

// `links: true`, `links: false`, or `links: {allowed_domains: [...], directions: [...]}`.
void load_links(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                Diagnostics& diag) {
  if (!detector_settings(file, node, "links", {"allowed_domains", "directions"}, config.links,
                         diag) ||
      !diag.expect_sequence(file, node["allowed_domains"], "allowed_domains"))
    return;
  for (const auto& d : node["allowed_domains"]) {
    std::string domain;
    if (!read_scalar(diag, file, d, "domain", domain)) continue;
    if (domain.empty() || domain.find_first_of("/:@ ") != std::string::npos)
      diag.error(file, d, "expected a domain name such as example.com, got '" + domain + "'");
    else
      config.links->allowed_domains.push_back(domain);
  }
}

// `feeds: [feeds/known_attacks.jsonl, {file: mine.jsonl, min_similarity: 0.6}]`
void load_feeds(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                Diagnostics& diag) {
  if (!diag.expect_sequence(file, node, "feeds")) return;
  for (const auto& entry : node) {
    if (entry.IsMap()) diag.check_keys(file, entry, {"file", "min_similarity"});
    // Copies, not assignments: assigning to a YAML::Node writes into the document.
    const YAML::Node file_node = entry.IsMap() ? entry["file"] : entry;
    const YAML::Node similarity = entry.IsMap() ? entry["min_similarity"] : YAML::Node();
    std::string relative;
    if (!read_scalar(diag, file, file_node, "feed file", relative)) {
      diag.error(file, entry, "feed without 'file'");
      continue;
    }
    const std::string feed_path = relative_to(file, relative);
    config.sources.push_back(feed_path);
    auto feed = load_feed(feed_path, diag);
    if (!feed) continue;
    if (read_scalar(diag, file, similarity, "min_similarity", feed->min_similarity) &&
        !(feed->min_similarity > 0.0 && feed->min_similarity <= 1.0))
      diag.error(file, similarity, "min_similarity must be in (0, 1]");
    for (const FeedSpec& other : config.feeds)
      if (other.name == feed->name)
        diag.error(file, file_node, "two feeds named '" + feed->name + "'");
    config.feeds.push_back(std::move(*feed));
  }
}

void load_remote_classifiers(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                             Diagnostics& diag) {
  if (!diag.expect_sequence(file, node, "remote_classifiers")) return;
  for (const auto& entry : node) {
    if (!diag.expect_map(file, entry, "remote classifier")) continue;
    diag.check_keys(file, entry,
                    {"name", "url", "category", "roles", "positive_labels", "min_score",
                     "max_segments", "timeout", "max_in_flight", "failure_threshold", "open_for"});
    RemoteClassifierConfig remote;
    if (!read_scalar(diag, file, entry["name"], "name", remote.name) || remote.name.empty())
      diag.error(file, entry, "remote classifier without 'name'");
    for (const RemoteClassifierConfig& other : config.remote_classifiers)
      if (other.name == remote.name)
        diag.error(file, entry["name"], "two remote classifiers named '" + remote.name + "'");
    if (!read_scalar(diag, file, entry["url"], "url", remote.url))
      diag.error(file, entry, "remote classifier without 'url'");
    else if (!remote.url.starts_with("http://"))
      diag.error(file, entry["url"], "url must start with http:// (a model server nearby)");
    read_scalar(diag, file, entry["category"], "category", remote.category);
    if (diag.expect_sequence(file, entry["roles"], "roles")) {
      remote.roles.clear();
      for (const auto& r : entry["roles"]) {
        std::string text;
        if (!read_scalar(diag, file, r, "role", text)) continue;
        if (auto role = parse_role(text))
          remote.roles.push_back(*role);
        else
          diag.error(file, r, "unknown role '" + text + "'");
      }
    }
    if (diag.expect_sequence(file, entry["positive_labels"], "positive_labels")) {
      remote.positive_labels.clear();
      for (const auto& l : entry["positive_labels"]) {
        std::string label;
        if (!read_scalar(diag, file, l, "label", label)) continue;
        for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        remote.positive_labels.push_back(label);
      }
    }
    if (read_scalar(diag, file, entry["min_score"], "min_score", remote.min_score) &&
        !(remote.min_score >= 0.0 && remote.min_score <= 1.0))
      diag.error(file, entry["min_score"], "min_score must be in [0, 1]");
    read_in_range<std::size_t>(diag, file, entry["max_segments"], "max_segments",
                               remote.max_segments, 1, 64);
    read_duration(diag, file, entry["timeout"], "timeout", remote.timeout);
    read_in_range<unsigned>(diag, file, entry["max_in_flight"], "max_in_flight",
                            remote.max_in_flight, 1, 100000);
    read_in_range<unsigned>(diag, file, entry["failure_threshold"], "failure_threshold",
                            remote.failure_threshold, 1, 1000);
    read_duration(diag, file, entry["open_for"], "open_for", remote.open_for);
    config.remote_classifiers.push_back(std::move(remote));
  }
}

void load_detectors(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                    Diagnostics& diag) {
  if (!diag.expect_map(file, node, "detectors")) return;
  diag.check_keys(file, node,
                  {"rule_packs", "evasion", "directives", "classifiers", "pii", "links", "feeds",
                   "remote_classifiers"});
  load_remote_classifiers(file, node["remote_classifiers"], config, diag);
  load_pii(file, node["pii"], config, diag);
  load_links(file, node["links"], config, diag);
  load_feeds(file, node["feeds"], config, diag);
  if (diag.expect_sequence(file, node["classifiers"], "classifiers")) {
    for (const auto& entry : node["classifiers"]) {
      if (!diag.expect_map(file, entry, "classifier")) continue;
      diag.check_keys(file, entry, {"model", "min_score"});
      std::string relative;
      if (!read_scalar(diag, file, entry["model"], "model", relative)) {
        diag.error(file, entry, "classifier without 'model'");
        continue;
      }
      const std::string model_path = relative_to(file, relative);
      config.sources.push_back(model_path);
      auto model = load_linear_model(model_path, diag);
      if (!model) continue;
      if (read_scalar(diag, file, entry["min_score"], "min_score", model->min_score) &&
          !(model->min_score >= 0.0 && model->min_score <= 1.0))
        diag.error(file, entry["min_score"], "min_score must be in [0, 1]");
      config.classifiers.push_back(std::move(*model));
    }
  }
  default_on_switch(file, node["evasion"], "evasion", config.evasion, diag);
  default_on_switch(file, node["directives"], "directives", config.directives, diag);
  if (!diag.expect_sequence(file, node["rule_packs"], "rule_packs")) return;
  for (const auto& entry : node["rule_packs"]) {
    std::string relative;
    if (!read_scalar(diag, file, entry, "rule pack path", relative)) continue;
    const std::string pack_path = relative_to(file, relative);
    if (!fs::exists(pack_path)) {
      diag.error(file, entry, "rule pack not found: " + pack_path);
      continue;
    }
    config.sources.push_back(pack_path);
    if (auto pack = load_rule_pack(pack_path, diag)) config.rule_packs.push_back(std::move(*pack));
  }
}

KnownNames known_names(const GatewayConfig& config) {
  KnownNames known;
  known.detectors.insert("pipeline");  // the correlation stage's evasion findings
  known.categories.insert("evasion");
  if (config.evasion) known.detectors.insert("evasion");
  if (config.directives) {
    known.detectors.insert("directives");
    known.categories.insert("indirect_injection");
  }
  for (const RulePackSpec& pack : config.rule_packs) {
    known.detectors.insert("rules." + pack.name);
    known.categories.insert(pack.category);
  }
  for (const LinearModelSpec& model : config.classifiers) {
    known.detectors.insert("classifier." + model.name);
    known.categories.insert(model.category);
  }
  for (const RemoteClassifierConfig& remote : config.remote_classifiers) {
    known.detectors.insert("remote." + remote.name);
    known.categories.insert(remote.category);
  }
  for (const FeedSpec& feed : config.feeds) {
    known.detectors.insert("feed." + feed.name);
    for (const FeedEntry& entry : feed.entries) known.categories.insert(entry.category);
  }
  if (config.pii) {
    known.detectors.insert("pii");
    auto types = config.pii->types.empty() ? PiiDetector::all_types() : config.pii->types;
    known.categories.insert(types.begin(), types.end());
  }
  if (config.links) {
    known.detectors.insert("links");
    known.categories.insert({"exfiltration", "unsafe_url", "html_injection"});
  }
  known.detectors.insert("leakage");      // built per exchange from the request's instructions
  known.detectors.insert("json_format");  // answers to requests that asked for JSON
  known.categories.insert({"denylist", "system_prompt_leak", "invalid_json"});
  return known;
}

void load_state(const std::string& file, const YAML::Node& node, StateConfig& state,
                Diagnostics& diag) {
  if (!diag.expect_map(file, node, "state")) return;
  diag.check_keys(file, node,
                  {"backend", "url", "password", "key_prefix", "timeout", "sync_interval"});
  std::string backend = "memory";
  read_scalar(diag, file, node["backend"], "backend", backend);
  if (backend == "redis")
    state.backend = StateConfig::Backend::kRedis;
  else if (backend != "memory")
    diag.error(file, node["backend"], "backend must be memory or redis");
  read_scalar(diag, file, node["url"], "url", state.url);
  read_scalar(diag, file, node["password"], "password", state.password);
  read_scalar(diag, file, node["key_prefix"], "key_prefix", state.key_prefix);
  read_duration(diag, file, node["timeout"], "timeout", state.timeout);
  read_duration(diag, file, node["sync_interval"], "sync_interval", state.sync_interval);
  if (state.backend != StateConfig::Backend::kRedis) return;
  if (state.url.empty())
    diag.error(file, node, "backend redis needs a url (redis://host:6379 or unix:///path)");
  else if (!state.url.starts_with("redis://") && !state.url.starts_with("unix:///"))
    diag.error(file, node["url"], "url must start with redis:// or unix:///");
}

// Policies and tenants of `node`, which is the main file or an included one.
void collect_policies(const std::string& file, const YAML::Node& node, PolicyNodes& policies,
                      Diagnostics& diag) {
  if (!diag.expect_map(file, node, "policies")) return;
  for (const auto& entry : node) {
    const std::string name = entry.first.as<std::string>();
    if (policies.contains(name))
      diag.error(file, entry.first, "policy '" + name + "' is defined twice");
    else
      policies[name] = PolicyNode{file, entry.second};
  }
}

void load_reload(const std::string& file, const YAML::Node& node, ReloadConfig& reload,
                 Diagnostics& diag) {
  if (!diag.expect_map(file, node, "reload")) return;
  diag.check_keys(file, node, {"watch", "interval"});
  read_scalar(diag, file, node["watch"], "watch", reload.watch);
  read_duration(diag, file, node["interval"], "interval", reload.interval);
}

// Routes, tenants, keys and default_policy must name what exists. A policy with errors of
// its own still exists here, so that one mistake is not reported twice.
void load_webhooks(const std::string& file, const YAML::Node& node,
                   std::vector<WebhookConfig>& webhooks, Diagnostics& diag) {
  if (!diag.expect_sequence(file, node, "webhooks")) return;
  for (const auto& entry : node) {
    if (!diag.expect_map(file, entry, "webhook")) continue;
    diag.check_keys(file, entry, {"url", "format", "min_severity", "timeout", "attempts"});
    WebhookConfig hook;
    if (!read_scalar(diag, file, entry["url"], "url", hook.url))
      diag.error(file, entry, "webhook without 'url'");
    else if (!hook.url.starts_with("http://") && !hook.url.starts_with("https://"))
      diag.error(file, entry["url"], "url must start with http:// or https://");
    std::string text;
    if (read_scalar(diag, file, entry["format"], "format", text)) {
      if (text == "slack" || text == "generic")
        hook.slack = text == "slack";
      else
        diag.error(file, entry["format"], "format must be generic or slack");
    }
    if (read_scalar(diag, file, entry["min_severity"], "min_severity", text)) {
      if (auto s = parse_severity(text))
        hook.min_severity = *s;
      else
        diag.error(file, entry["min_severity"],
                   "min_severity must be critical, high, medium or low");
    }
    read_duration(diag, file, entry["timeout"], "timeout", hook.timeout);
    read_in_range(diag, file, entry["attempts"], "attempts", hook.attempts, 1u, 10u);
    webhooks.push_back(std::move(hook));
  }
}

void load_observability(const std::string& file, const YAML::Node& node, GatewayConfig& config,
                        Diagnostics& diag) {
  if (!diag.expect_map(file, node, "observability")) return;
  diag.check_keys(file, node, {"audit", "webhooks"});
  load_webhooks(file, node["webhooks"], config.webhooks, diag);
  AuditConfig& audit = config.audit;
  const YAML::Node a = node["audit"];
  if (!diag.expect_map(file, a, "audit")) return;
  diag.check_keys(file, a, {"path", "every_exchange", "log_prompts", "queue"});
  read_scalar(diag, file, a["log_prompts"], "log_prompts", audit.log_prompts);
  if (read_scalar(diag, file, a["path"], "path", audit.path) && audit.path != "stdout" &&
      !audit.path.empty())
    audit.path = relative_to(file, audit.path);
  read_scalar(diag, file, a["every_exchange"], "every_exchange", audit.every_exchange);
  read_in_range(diag, file, a["queue"], "queue", audit.queue, 1u, 10'000'000u);
}

void check_references(const std::string& file, const YAML::Node& root, GatewayConfig& config,
                      const PolicyNodes& policies, Diagnostics& diag) {
  auto policy_exists = [&](const std::string& name) {
    return policies.contains(name) || config.policies.contains(name);
  };
  const YAML::Node routes = root["routes"];
  for (std::size_t i = 0; i < config.routes.size(); ++i) {
    const RouteConfig& route = config.routes[i];
    if (!route.policy.empty() && !policy_exists(route.policy))
      diag.error(file, routes[i]["policy"], "route names unknown policy '" + route.policy + "'");
  }
  const YAML::Node tenants = root["tenants"];
  for (const auto& [name, tenant] : config.tenants)
    if (!tenant.policy.empty() && !policy_exists(tenant.policy))
      diag.error(file, tenants[name]["policy"],
                 "tenant '" + name + "' names unknown policy '" + tenant.policy + "'");
  const YAML::Node keys = root["clients"] ? root["clients"]["keys"] : YAML::Node();
  for (std::size_t i = 0; i < config.client_keys.size(); ++i) {
    const ClientKey& key = config.client_keys[i];
    if (!key.tenant.empty() && !config.tenants.contains(key.tenant))
      diag.error(file, keys[i]["tenant"], "client key names unknown tenant '" + key.tenant + "'");
  }
  if (!policy_exists(config.default_policy))
    diag.error(file, root["default_policy"] ? root["default_policy"] : root,
               "default_policy '" + config.default_policy + "' is not defined under policies");
}

}  // namespace

std::string_view to_string(RouteKind kind) {
  switch (kind) {
    case RouteKind::kChatCompletions:
      return "chat_completions";
    case RouteKind::kResponses:
      return "responses";
    case RouteKind::kCompletions:
      return "completions";
    case RouteKind::kEmbeddings:
      return "embeddings";
    case RouteKind::kPassThrough:
      return "pass_through";
    case RouteKind::kNotFound:
      return "not_found";
  }
  return "not_found";
}

std::optional<RouteKind> parse_route_kind(std::string_view text) {
  for (RouteKind k : {RouteKind::kChatCompletions, RouteKind::kResponses, RouteKind::kCompletions,
                      RouteKind::kEmbeddings, RouteKind::kPassThrough, RouteKind::kNotFound})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

bool RouteConfig::matches(std::string_view request_path) const {
  if (path.ends_with('*')) return request_path.starts_with(path.substr(0, path.size() - 1));
  return request_path == path;
}

std::vector<RouteConfig> default_routes() {
  return {{.path = "/v1/chat/completions", .kind = RouteKind::kChatCompletions},
          {.path = "/v1/responses", .kind = RouteKind::kResponses},
          {.path = "/v1/completions", .kind = RouteKind::kCompletions},
          {.path = "/v1/embeddings", .kind = RouteKind::kEmbeddings},
          {.path = "/v1/*", .kind = RouteKind::kPassThrough}};
}

const UpstreamConfig* GatewayConfig::find_upstream(std::string_view name) const {
  if (name.empty()) return upstreams.empty() ? nullptr : &upstreams.front();
  for (const UpstreamConfig& u : upstreams)
    if (u.name == name) return &u;
  return nullptr;
}

const RouteConfig* GatewayConfig::find_route(std::string_view request_path) const {
  for (const RouteConfig& r : routes)
    if (r.matches(request_path)) return &r;
  return nullptr;
}

const TenantConfig* GatewayConfig::find_tenant(std::string_view name) const {
  auto it = tenants.find(std::string(name));
  return it == tenants.end() ? nullptr : &it->second;
}

Result<GatewayConfig> load_gateway_config(const std::string& path) {
  Diagnostics diag;
  std::optional<YAML::Node> loaded = read_yaml(path, diag);
  if (!loaded) return Error{diag.text()};
  const YAML::Node& root = *loaded;
  GatewayConfig config;
  config.path = path;
  config.sources.push_back(path);
  if (!root.IsMap()) {
    diag.error(path, root, "the configuration must be a mapping");
    return Error{diag.text()};
  }
  diag.check_keys(path, root,
                  {"server", "upstreams", "routes", "clients", "tenants", "detectors", "include",
                   "policies", "default_policy", "redaction", "reload", "observability", "state"});
  load_server(path, root["server"], config.server, diag);
  load_upstreams(path, root["upstreams"], config.upstreams, diag);
  if (config.upstreams.empty()) diag.error(path, root, "no upstreams configured");
  load_routes(path, root["routes"], config, diag);
  if (config.routes.empty()) config.routes = default_routes();
  load_tenants(path, root["tenants"], config, diag);
  load_clients(path, root["clients"], config, diag);
  load_detectors(path, root["detectors"], config, diag);

  if (diag.expect_map(path, root["redaction"], "redaction")) {
    const YAML::Node redaction = root["redaction"];
    diag.check_keys(path, redaction, {"hash_key"});
    std::string hex;
    if (read_scalar(diag, path, redaction["hash_key"], "hash_key", hex) && !hex.empty()) {
      config.hash_key = parse_keyed_hash_key(hex);
      if (!config.hash_key)
        diag.error(path, redaction["hash_key"], "hash_key must be 32 hexadecimal digits");
    }
  }
  PolicyNodes policy_nodes;
  collect_policies(path, root["policies"], policy_nodes, diag);
  if (diag.expect_sequence(path, root["include"], "include")) {
    for (const auto& entry : root["include"]) {
      std::string relative;
      if (!read_scalar(diag, path, entry, "include", relative)) continue;
      const std::string included = relative_to(path, relative);
      config.sources.push_back(included);
      std::optional<YAML::Node> file = read_yaml(included, diag, &entry, path);
      if (!file) continue;
      if (!diag.expect_map(included, *file, "included file")) continue;
      diag.check_keys(included, *file, {"policies"});
      collect_policies(included, (*file)["policies"], policy_nodes, diag);
    }
  }
  KnownNames known = known_names(config);
  known.hash_key = config.hash_key;
  config.policies = load_policies(policy_nodes, known, diag);
  if (policy_nodes.empty()) config.policies["default"] = Policy{};
  read_scalar(diag, path, root["default_policy"], "default_policy", config.default_policy);
  load_reload(path, root["reload"], config.reload, diag);
  load_observability(path, root["observability"], config, diag);
  load_state(path, root["state"], config.state, diag);
  check_references(path, root, config, policy_nodes, diag);
  if (!diag.ok()) return Error{diag.text()};
  return config;
}

}  // namespace llmsec::config
