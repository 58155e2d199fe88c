// Policies, routes, tenants and virtual keys from YAML: validation with positions,
// `extends`, includes, environment variables and the precedence of tenant over route.
#include <catch2/catch.hpp>

#include "config/env_substitution.h"
#include "config/gateway_config.h"
#include "config/snapshot.h"
#include "temp_file.h"

using namespace llmsec;
using namespace llmsec::config;

namespace {

const std::string kUpstreams = "upstreams:\n  openai:\n    url: http://127.0.0.1:1\n";
const std::string kPack = LLMSEC_SOURCE_DIR "/config/rules/prompt_injection.yaml";

std::string detectors() {
  return "detectors:\n  rule_packs:\n    - " + kPack + "\n";
}

std::string errors_of(const std::string& yaml) {
  TempFile config(yaml);
  auto loaded = load_gateway_config(config.path());
  if (loaded) return "";
  // Positions are checked relative to the file name, which is random.
  std::string message = loaded.error().message;
  for (std::size_t at; (at = message.find(config.path())) != std::string::npos;)
    message.replace(at, config.path().size(), "FILE");
  return message;
}

}  // namespace

TEST_CASE("policy errors are all reported at once with line and column", "[config][policy]") {
  const std::string message = errors_of(kUpstreams + detectors() +              // lines 1-6
                                        "policies:\n"                           // 7
                                        "  default:\n"                          // 8
                                        "    mode: relaxed\n"                   // 9
                                        "    flag_at: high\n"                   // 10
                                        "    treshold: 0.5\n"                   // 11
                                        "    severities:\n"                     // 12
                                        "      severe: block\n"                 // 13
                                        "    rules:\n"                          // 14
                                        "      - category: prompt_injection\n"  // 15: no action
                                        "      - category: promt_injection\n"   // 16
                                        "        action: block\n"               // 17
                                        "      - detector: rules.jailbrake\n"   // 18
                                        "        action: block\n"               // 19
                                        "      - min_score: 1.5\n"              // 20
                                        "        roles: [robot]\n"              // 21
                                        "        action: destroy\n"             // 22
                                        "    deny:\n"                           // 23
                                        "      patterns: ['(unclosed']\n"       // 24
                                        "      domains: ['not a domain']\n");   // 25
  CHECK_THAT(message, Catch::Contains("FILE:9:11: mode must be enforce or monitor"));
  CHECK_THAT(message, Catch::Contains("FILE:10:14: flag_at: 'high' has the wrong type"));
  CHECK_THAT(message, Catch::Contains("FILE:11:5: unknown key 'treshold'"));
  CHECK_THAT(message, Catch::Contains("FILE:13:7: unknown severity 'severe'"));
  CHECK_THAT(message, Catch::Contains("FILE:15:9: rule without 'action'"));
  CHECK_THAT(message, Catch::Contains("FILE:16:19: unknown category 'promt_injection'"));
  CHECK_THAT(message, Catch::Contains("FILE:18:19: unknown detector 'rules.jailbrake'"));
  CHECK_THAT(message, Catch::Contains("FILE:20:20: min_score must be in [0, 1]"));
  CHECK_THAT(message, Catch::Contains("FILE:21:17: unknown role 'robot'"));
  CHECK_THAT(message, Catch::Contains("FILE:22:17: action must be allow, flag, redact or block"));
  CHECK_THAT(message, Catch::Contains("FILE:24:18: bad pattern: missing ): (unclosed"));
  CHECK_THAT(message, Catch::Contains("FILE:25:17: 'not a domain' is not a domain name"));
}

TEST_CASE("dangling references and out-of-range values are errors with positions",
          "[config][policy]") {
  const std::string message = errors_of(kUpstreams +                        // 1-3
                                        "server:\n"                         // 4
                                        "  max_json_depth: 1\n"             // 5
                                        "  threads: -2\n"                   // 6
                                        "routes:\n"                         // 7
                                        "  - path: /v1/chat/completions\n"  // 8
                                        "    kind: chat_completions\n"      // 9
                                        "    upstream: azure\n"             // 10
                                        "    policy: paranoid\n"            // 11
                                        "  - path: v1/models\n"             // 12
                                        "    kind: fine_tuning\n"           // 13
                                        "tenants:\n"                        // 14
                                        "  support:\n"                      // 15
                                        "    policy: lenient\n"             // 16
                                        "clients:\n"                        // 17
                                        "  keys:\n"                         // 18
                                        "    - name: bot\n"                 // 19
                                        "      sha256: 1234\n"              // 20
                                        "      tenant: sales\n"             // 21
                                        "policies:\n"                       // 22
                                        "  default:\n"                      // 23
                                        "    extends: base\n"               // 24
                                        "  a:\n"                            // 25
                                        "    extends: b\n"                  // 26
                                        "  b:\n"                            // 27
                                        "    extends: a\n");                // 28
  CHECK_THAT(message, Catch::Contains("FILE:5:19: max_json_depth must be between 2 and 1024"));
  CHECK_THAT(message, Catch::Contains("FILE:6:12: threads: '-2' has the wrong type"));
  CHECK_THAT(message, Catch::Contains("FILE:10:15: route names unknown upstream 'azure'"));
  CHECK_THAT(message, Catch::Contains("FILE:11:13: route names unknown policy 'paranoid'"));
  CHECK_THAT(message, Catch::Contains("FILE:12:11: path must start with '/'"));
  CHECK_THAT(message, Catch::Contains("FILE:13:11: kind must be chat_completions"));
  CHECK_THAT(message, Catch::Contains("FILE:16:13: tenant 'support' names unknown policy"));
  CHECK_THAT(message, Catch::Contains("FILE:20:15: sha256 must be 64 hexadecimal digits"));
  CHECK_THAT(message, Catch::Contains("FILE:21:15: client key names unknown tenant 'sales'"));
  CHECK_THAT(message, Catch::Contains("FILE:24:14: extends unknown policy 'base'"));
  CHECK_THAT(message, Catch::Contains("extends itself"));
}

TEST_CASE("a policy that extends another inherits, overrides and puts its rules first",
          "[config][policy]") {
  TempFile config(kUpstreams + detectors() +
                  "policies:\n"
                  "  base:\n"
                  "    block_at: 0.9\n"
                  "    fail_open: true\n"
                  "    rules:\n"
                  "      - name: allow-all-injection\n"
                  "        category: prompt_injection\n"
                  "        action: allow\n"
                  "    deny:\n"
                  "      phrases: ['project nightingale']\n"
                  "  child:\n"
                  "    extends: base\n"
                  "    mode: monitor\n"
                  "    input:\n"
                  "      rules:\n"
                  "        - name: block-tools\n"
                  "          roles: [tool]\n"
                  "          action: block\n"
                  "    deny:\n"
                  "      domains: [evil.example]\n"
                  "default_policy: base\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE(loaded);
  const Policy& child = loaded->policies.at("child");
  CHECK(child.mode == PolicyMode::kMonitor);
  CHECK(child.fail_open);
  CHECK(child.input.thresholds.block == Approx(0.9));
  REQUIRE(child.input.rules.size() == 2);
  CHECK(child.input.rules[0].name == "child.input.block-tools");
  CHECK(child.input.rules[1].name == "base.allow-all-injection");
  REQUIRE(child.output.rules.size() == 1);
  CHECK(loaded->policies.at("base").mode == PolicyMode::kEnforce);

  // The child's deny list is the parent's and its own.
  auto snapshot = build_snapshot(std::move(*loaded));
  REQUIRE(snapshot);
  const Policy& resolved = *(*snapshot)->find_policy("child");
  auto verdict = [&](std::string text) {
    const std::vector<Segment> segments{{.text = std::move(text)}};
    return evaluate((*snapshot)->pipeline, segments, resolved, Direction::kInput).decision.verdict;
  };
  CHECK(verdict("What is the status of Project   Nightingale?") == Action::kBlock);
  CHECK(verdict("Send it to https://cdn.evil.example/x") == Action::kBlock);
  CHECK(verdict("Send it to https://notevil.example/x") == Action::kAllow);
  CHECK(verdict("What is the status of the project?") == Action::kAllow);
}

TEST_CASE("policy files are included relative to the configuration", "[config][policy]") {
  TempFile policies(
      "policies:\n"
      "  strict:\n"
      "    block_at: 0.6\n"
      "    flag_at: 0.7\n");  // line 4: flag above block
  TempFile config(kUpstreams + "include:\n  - " + policies.name() + "\n  - missing.yaml\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message,
             Catch::Contains(policies.path() + ":3:5: flag_at must not be above block_at"));
  CHECK_THAT(loaded.error().message, Catch::Contains(config.path() + ":6:5: cannot read"));
}

TEST_CASE("${NAME} takes values from the environment", "[config][env]") {
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "KEY") return "sk-upstream";
    return std::nullopt;
  };
  std::string error;
  CHECK(expand_env("Bearer ${KEY}", env, error) == "Bearer sk-upstream");
  CHECK(expand_env("${MISSING:-fallback}/${KEY}", env, error) == "fallback/sk-upstream");
  CHECK(expand_env("literal $${KEY}", env, error) == "literal ${KEY}");
  CHECK_FALSE(expand_env("${MISSING}", env, error));
  CHECK(error == "environment variable MISSING is not set");
  CHECK_FALSE(expand_env("${KEY", env, error));

  ::setenv("LLMSEC_TEST_UPSTREAM_KEY", "sk-from-env", 1);
  TempFile config(
      "upstreams:\n  openai:\n    url: http://127.0.0.1:1\n    api_key: "
      "${LLMSEC_TEST_UPSTREAM_KEY}\n"
      "server:\n  admin_token: ${LLMSEC_TEST_UNSET_TOKEN}\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message,
             Catch::Contains(config.path() +
                             ":6:16: environment variable LLMSEC_TEST_UNSET_TOKEN is not set"));
  TempFile good(
      "upstreams:\n  openai:\n    url: http://127.0.0.1:1\n    api_key: "
      "${LLMSEC_TEST_UPSTREAM_KEY}\n");
  auto ok = load_gateway_config(good.path());
  REQUIRE(ok);
  CHECK(ok->upstreams[0].api_key == "sk-from-env");
}

TEST_CASE("a tenant's policy wins over the route's, which wins over the default",
          "[config][policy]") {
  TempFile config(kUpstreams +
                  "routes:\n"
                  "  - path: /v1/chat/completions\n"
                  "    kind: chat_completions\n"
                  "    policy: route-policy\n"
                  "  - path: /v1/*\n"
                  "    kind: pass_through\n"
                  "tenants:\n"
                  "  with-policy:\n"
                  "    policy: tenant-policy\n"
                  "  without-policy:\n"
                  "clients:\n"
                  "  keys:\n"
                  "    - name: app\n"
                  "      sha256: " +
                  std::string(64, 'a') +
                  "\n"
                  "      tenant: with-policy\n"
                  "policies:\n"
                  "  default:\n"
                  "  route-policy:\n"
                  "  tenant-policy:\n");
  auto snapshot = load_snapshot(config.path());
  REQUIRE(snapshot);
  const Snapshot& s = **snapshot;
  const RouteConfig* chat = s.config.find_route("/v1/chat/completions");
  const RouteConfig* models = s.config.find_route("/v1/models");
  REQUIRE(chat);
  REQUIRE(models);
  CHECK(models->kind == RouteKind::kPassThrough);
  CHECK(s.config.find_route("/admin") == nullptr);
  CHECK(s.policy_for(chat, s.config.find_tenant("with-policy")).name == "tenant-policy");
  CHECK(s.policy_for(chat, s.config.find_tenant("without-policy")).name == "route-policy");
  CHECK(s.policy_for(chat, nullptr).name == "route-policy");
  CHECK(s.policy_for(models, nullptr).name == "default");
  CHECK(s.policy_for(models, s.config.find_tenant("with-policy")).name == "tenant-policy");
  REQUIRE(s.config.client_keys.size() == 1);
  CHECK(s.config.client_keys[0].sha256[0] == 0xaa);
}

TEST_CASE("redact: hash takes the deployment's key and needs one", "[config][policy]") {
  const std::string rules =
      "policies:\n"
      "  default:\n"
      "    rules:\n"
      "      - category: prompt_injection\n"
      "        action: redact\n"
      "        redact: hash\n";  // line 6 after the detectors
  CHECK_THAT(errors_of(kUpstreams + detectors() + rules),
             Catch::Contains("FILE:12:17: redact: hash needs redaction.hash_key"));
  CHECK_THAT(errors_of(kUpstreams + "redaction:\n  hash_key: 1234\n"),
             Catch::Contains("FILE:5:13: hash_key must be 32 hexadecimal digits"));
  TempFile config(kUpstreams + detectors() + "redaction:\n  hash_key: " + std::string(32, 'a') +
                  "\n" + rules);
  auto loaded = load_gateway_config(config.path());
  REQUIRE(loaded);
  CHECK(loaded->policies.at("default").input.rules[0].redact.hash_key[0] == 0xaa);
}
