// A gateway running the shipped configuration in front of a fake upstream, both real
// processes on port 0, killed when the Stack goes.
//
//   Stack stack({"--mode", "fixed", "--text", "Hello."});   // fake-llm's arguments
//   HttpReply r = http_request(stack.api, "POST", "/v1/chat/completions", chat_body("Hi"));
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "http_client.h"
#include "process.h"

inline const std::string kConfig = LLMSEC_SOURCE_DIR "/config/gateway.yaml";

struct Stack {
  std::string config;
  ChildProcess upstream;
  std::string upstream_address;
  std::unique_ptr<ChildProcess> gateway;
  std::string api;
  std::string admin;

  explicit Stack(std::vector<std::string> upstream_args = {"--mode", "echo"},
                 std::string config_path = kConfig)
      : config(std::move(config_path)), upstream([&] {
          std::vector<std::string> argv{FAKE_LLM_BINARY, "--listen", "127.0.0.1:0"};
          argv.insert(argv.end(), upstream_args.begin(), upstream_args.end());
          return argv;
        }()) {
    upstream_address = field_after(upstream.read_line_matching("listening"), "listening ");
    start_gateway("http://" + upstream_address);
  }

  void start_gateway(const std::string& upstream_url) {
    gateway = std::make_unique<ChildProcess>(std::vector<std::string>{
        LLMSEC_BINARY, "serve", "--config", config, "--listen", "127.0.0.1:0", "--admin",
        "127.0.0.1:0", "--upstream", upstream_url});
    const std::string line = gateway->read_line_matching("listening");
    api = field_after(line, "api=");
    admin = field_after(line, "admin=");
  }
};

inline std::string chat_body(const std::string& user_text, bool stream = false) {
  boost::json::object body{{"model", "gpt-4o-mini"},
                           {"messages", boost::json::array{boost::json::object{
                                            {"role", "user"}, {"content", user_text}}}}};
  if (stream) body["stream"] = true;
  return boost::json::serialize(body);
}

// One sample of the gateway's /metrics ("llmsec_active_streams"); -1 when absent.
inline double metric_value(const std::string& admin, const std::string& sample) {
  const std::string text = http_request(admin, "GET", "/metrics").body;
  const std::size_t at = text.find("\n" + sample + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + sample.size() + 2));
}

// Waits until `check` holds, for at most ten seconds.
template <class Check>
bool eventually(Check check) {
  for (int i = 0; i < 200; ++i) {
    if (check()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}
