// llmsec scan [--config FILE] [--policy NAME] [--direction input|output] [--jsonl]
//             [--text STR | FILE | -]
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>

#include "config/snapshot.h"
#include "core/text/utf8.h"
#include "gateway/cli/cli.h"
#include "gateway/json_text.h"
#include "gateway/scan_api.h"

namespace llmsec::cli {
namespace json = boost::json;

namespace {

struct ScanOptions {
  std::optional<std::string> config;
  std::optional<std::string> policy;
  Direction direction = Direction::kInput;
  bool jsonl = false;
  std::optional<std::string> text;
  std::optional<std::string> file;  // "-" is stdin
};

std::optional<std::string> parse_options(std::span<const std::string_view> args, ScanOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      (void)flag;
      return std::string(args[++i]);
    };
    if (a == "--jsonl") {
      o.jsonl = true;
    } else if (a == "--config" || a == "--policy" || a == "--direction" || a == "--text") {
      auto v = value(a);
      if (!v) return std::string(a) + " needs a value";
      if (a == "--config")
        o.config = *v;
      else if (a == "--policy")
        o.policy = *v;
      else if (a == "--text")
        o.text = *v;
      else if (auto d = parse_direction(*v))
        o.direction = *d;
      else
        return "--direction must be input or output";
    } else if (a.starts_with("--")) {
      return "unknown option " + std::string(a) +
             " (scan [--config FILE] [--policy NAME] "
             "[--direction input|output] [--jsonl] [--text STR | FILE | -])";
    } else if (!o.file) {
      o.file = std::string(a);
    } else {
      return "scan takes one input file";
    }
  }
  if (o.text && o.file) return "give --text or a file, not both";
  if (o.text && o.jsonl) return "--jsonl reads a file or stdin, not --text";
  return std::nullopt;
}

int scan_jsonl(std::istream& in, const config::Snapshot& snapshot, const std::string& policy,
               Direction direction) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json::value id;
    boost::system::error_code ec;
    json::value body = json::parse(line, ec);
    json::object out;
    if (ec) {
      out = gateway::scan_error(nullptr, "invalid JSON: " + ec.message());
    } else {
      if (const json::object* o = body.if_object())
        if (const json::value* v = o->if_contains("id")) id = *v;
      auto request = gateway::parse_scan_request(body);
      if (!request) {
        out = gateway::scan_error(id, request.error().message);
      } else {
        auto result = gateway::run_scan(snapshot, *request, policy, direction);
        out = result ? std::move(*result) : gateway::scan_error(id, result.error().message);
      }
    }
    std::cout << gateway::json_text(out) << '\n';
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

int scan_command(std::span<const std::string_view> args) {
  ScanOptions options;
  if (auto problem = parse_options(args, options)) return usage_error(*problem);

  const auto snapshot = load_cli_snapshot(options.config);
  if (!snapshot) return kExitUsage;
  const std::string policy = options.policy.value_or(snapshot->config.default_policy);
  if (!snapshot->find_policy(policy)) return usage_error("unknown policy '" + policy + "'");

  std::ifstream file;
  std::istream* in = &std::cin;
  if (options.file && *options.file != "-") {
    file.open(*options.file, std::ios::binary);
    if (!file) return usage_error("cannot read " + *options.file);
    in = &file;
  }
  if (options.jsonl) return scan_jsonl(*in, *snapshot, policy, options.direction);

  std::string text;
  if (options.text) {
    text = *options.text;
  } else {
    std::ostringstream buffer;
    buffer << in->rdbuf();
    text = buffer.str();
  }
  // Offsets refer to the scanned text, which is the input unless it was not valid UTF-8.
  if (!is_valid_utf8(text)) text = scrub_utf8(text);
  json::object body{{"text", text}, {"direction", to_string(options.direction)}};
  auto request = gateway::parse_scan_request(body);
  auto result = gateway::run_scan(*snapshot, *request, policy, options.direction);
  if (!result) return usage_error(result.error().message);
  std::cout << gateway::json_text(*result) << '\n';
  return kExitOk;
}

}  // namespace llmsec::cli
