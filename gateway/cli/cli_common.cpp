#include <filesystem>
#include <iostream>

#include "gateway/cli/cli.h"

namespace llmsec::cli {

std::optional<std::string> default_config_path() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists("config/gateway.yaml", ec)) return "config/gateway.yaml";
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path() / "config" / "gateway.yaml";
    if (fs::exists(beside, ec)) return beside.string();
  }
  return std::nullopt;
}

std::shared_ptr<const config::Snapshot> load_cli_snapshot(const std::optional<std::string>& path) {
  const auto config_path = path ? path : default_config_path();
  if (!config_path) {
    usage_error("no --config given and no config/gateway.yaml found");
    return nullptr;
  }
  auto snapshot = config::load_snapshot(*config_path);
  if (!snapshot) {
    const std::string& message = snapshot.error().message;
    usage_error("bad configuration: " + message.substr(0, message.find('\n')));
    return nullptr;
  }
  return *snapshot;
}

int usage_error(std::string_view message) {
  std::cerr << "llmsec: " << message << "\n";
  return kExitUsage;
}

}  // namespace llmsec::cli
