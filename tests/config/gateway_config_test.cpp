#include <catch2/catch.hpp>

#include "config/gateway_config.h"
#include "config/snapshot.h"
#include "temp_file.h"

using namespace llmsec;
using namespace llmsec::config;

TEST_CASE("the shipped configuration loads and compiles", "[config]") {
  auto snapshot = load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  REQUIRE(snapshot);
  const GatewayConfig& config = (*snapshot)->config;
  CHECK(config.upstreams.front().url == "https://api.openai.com");
  CHECK(config.server.max_body_bytes == 4 * 1024 * 1024);
  CHECK(config.rule_packs.size() >= 3);
  CHECK((*snapshot)->find_policy("default"));
  for (const char* name : {"default", "strict", "monitor"}) CHECK((*snapshot)->find_policy(name));
  const auto& categories = (*snapshot)->pipeline.categories();
  CHECK(std::find(categories.begin(), categories.end(), "prompt_injection") != categories.end());
  CHECK(std::find(categories.begin(), categories.end(), "jailbreak") != categories.end());
}

TEST_CASE("rule pack paths are relative to the configuration file", "[config]") {
  TempFile pack("category: test\nrules:\n  - id: one\n    pattern: 'abc'\n");
  TempFile config(
      "upstreams:\n  u:\n    url: http://127.0.0.1:1\ndetectors:\n  rule_packs:\n    - " +
      pack.name() + "\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE(loaded);
  REQUIRE(loaded->rule_packs.size() == 1);
  CHECK(loaded->rule_packs[0].category == "test");
  CHECK(loaded->rule_packs[0].rules[0].weight == Approx(0.5));
}

TEST_CASE("every configuration error is reported with file:line:col", "[config]") {
  TempFile config(
      "server:\n"
      "  listne: 127.0.0.1:1\n"  // line 2: unknown key
      "  max_body_size: lots\n"  // line 3: bad size
      "upstreams:\n"
      "  u:\n"
      "    url: ftp://example.com\n"  // line 6: bad scheme
      "policies:\n"
      "  default:\n"
      "    block_at: 1.5\n");  // line 9: out of range
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  const std::string& message = loaded.error().message;
  CHECK_THAT(message, Catch::Contains(config.path() + ":2:3: unknown key 'listne'"));
  CHECK_THAT(message, Catch::Contains(config.path() + ":3:18: max_body_size"));
  CHECK_THAT(message, Catch::Contains(config.path() + ":6:10: url must start with"));
  CHECK_THAT(message, Catch::Contains(config.path() + ":9:15: block_at must be in [0, 1]"));
}

TEST_CASE("malformed YAML names the place of the syntax error", "[config]") {
  TempFile config("server:\n  listen: [unclosed\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, Catch::StartsWith(config.path() + ":"));
  CHECK_THAT(loaded.error().message, Catch::Matches("[^:]+:[0-9]+:[0-9]+: (.|\n)+"));
}

TEST_CASE("a bad pattern in a rule pack carries RE2's message and position", "[config]") {
  TempFile pack(
      "category: test\nrules:\n  - id: bad\n    pattern: '(unclosed'\n  - id: bad\n    pattern: "
      "ok\n    weight: 2\n");
  TempFile config(
      "upstreams:\n  u:\n    url: http://127.0.0.1:1\ndetectors:\n  rule_packs:\n    - " +
      pack.name() + "\n    - missing.yaml\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  const std::string& message = loaded.error().message;
  CHECK_THAT(message, Catch::Contains(pack.path() + ":4:14: bad pattern: missing )"));
  CHECK_THAT(message, Catch::Contains(pack.path() + ":5:9: duplicate rule id 'bad'"));
  CHECK_THAT(message, Catch::Contains(pack.path() + ":7:13: weight must be in (0, 1]"));
  CHECK_THAT(message, Catch::Contains("rule pack not found"));
}

TEST_CASE("a missing file and a missing default policy are errors", "[config]") {
  CHECK_FALSE(load_gateway_config("/nonexistent/gateway.yaml"));
  TempFile config("upstreams:\n  u:\n    url: http://x\ndefault_policy: strict\n");
  auto loaded = load_gateway_config(config.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, Catch::Contains("default_policy 'strict' is not defined"));
}

TEST_CASE("state: memory by default, Redis with its address, errors where written",
          "[config][state]") {
  const std::string upstream = "upstreams:\n  u:\n    url: http://127.0.0.1:1\n";
  TempFile plain(upstream);
  auto loaded = load_gateway_config(plain.path());
  REQUIRE(loaded);
  CHECK(loaded->state.backend == StateConfig::Backend::kMemory);

  TempFile redis(upstream +
                 "state:\n  backend: redis\n  url: redis://:pw@redis.internal:6380/2\n"
                 "  key_prefix: 'prod:'\n  timeout: 250ms\n  sync_interval: 2s\n");
  loaded = load_gateway_config(redis.path());
  REQUIRE(loaded);
  CHECK(loaded->state.backend == StateConfig::Backend::kRedis);
  CHECK(loaded->state.url == "redis://:pw@redis.internal:6380/2");
  CHECK(loaded->state.key_prefix == "prod:");
  CHECK(loaded->state.timeout == std::chrono::milliseconds(250));
  CHECK(loaded->state.sync_interval == std::chrono::seconds(2));

  TempFile bad(upstream +
               "state:\n  backend: etcd\n"   // line 5
               "  url: http://redis:6379\n"  // line 6
               "  sync_interval: soon\n"     // line 7
               "  poll: 1s\n");              // line 8
  loaded = load_gateway_config(bad.path());
  REQUIRE_FALSE(loaded);
  const std::string& message = loaded.error().message;
  CHECK_THAT(message, Catch::Contains(bad.path() + ":5:12: backend must be memory or redis"));
  CHECK_THAT(message, Catch::Contains(bad.path() + ":8:3: unknown key 'poll'"));
  CHECK_THAT(message, Catch::Contains(bad.path() + ":7:18: sync_interval: expected a duration"));

  TempFile no_url(upstream + "state:\n  backend: redis\n");
  loaded = load_gateway_config(no_url.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, Catch::Contains("backend redis needs a url"));
  TempFile wrong_scheme(upstream + "state:\n  backend: redis\n  url: http://redis:6379\n");
  loaded = load_gateway_config(wrong_scheme.path());
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message,
             Catch::Contains(wrong_scheme.path() + ":6:8: url must start with redis://"));
}

TEST_CASE("remote classifiers: settings with their defaults, errors where written",
          "[config][remote]") {
  const std::string upstream = "upstreams:\n  u:\n    url: http://127.0.0.1:1\n";
  TempFile good(upstream +
                "detectors:\n  remote_classifiers:\n"
                "    - name: guard\n      url: http://10.0.0.5:8000/classify\n"
                "      roles: [user]\n      positive_labels: [INJECTION]\n      timeout: 50ms\n"
                "policies:\n  default:\n    rules:\n"
                "      - {name: guard, detector: remote.guard, action: block}\n");
  auto loaded = load_gateway_config(good.path());
  REQUIRE(loaded);
  REQUIRE(loaded->remote_classifiers.size() == 1);
  const RemoteClassifierConfig& guard = loaded->remote_classifiers[0];
  CHECK(guard.category == "prompt_injection");
  CHECK(guard.roles == std::vector<Role>{Role::kUser});
  CHECK(guard.positive_labels == std::vector<std::string>{"injection"});
  CHECK(guard.timeout == std::chrono::milliseconds(50));
  CHECK(guard.failure_threshold == 5);

  TempFile bad(upstream +
               "detectors:\n  remote_classifiers:\n"
               "    - name: guard\n"                 // line 6
               "      url: https://guard.example\n"  // line 7
               "      roles: [user, robot]\n"        // line 8
               "      max_in_flight: 0\n"            // line 9
               "      deadline: 1s\n");              // line 10
  loaded = load_gateway_config(bad.path());
  REQUIRE_FALSE(loaded);
  const std::string& message = loaded.error().message;
  CHECK_THAT(message, Catch::Contains(bad.path() + ":7:12: url must start with http://"));
  CHECK_THAT(message, Catch::Contains(bad.path() + ":8:21: unknown role 'robot'"));
  CHECK_THAT(message, Catch::Contains(bad.path() + ":9:22: max_in_flight must be between"));
  CHECK_THAT(message, Catch::Contains(bad.path() + ":10:7: unknown key 'deadline'"));
}
