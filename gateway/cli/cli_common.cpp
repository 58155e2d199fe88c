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

int usage_error(std::string_view message) {
  std::cerr << "llmsec: " << message << "\n";
  return kExitUsage;
}

}  // namespace llmsec::cli
