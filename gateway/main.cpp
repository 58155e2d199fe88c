// llmsec: the gateway process and its command-line tools.
#include <iostream>
#include <string_view>
#include <vector>

#include "gateway/cli/cli.h"
#include "gateway/version.h"

namespace {

constexpr std::string_view kUsage =
    "usage: llmsec <command> [options]\n"
    "  serve [--config FILE] [--listen HOST:PORT] [--admin HOST:PORT] [--upstream URL]\n"
    "  scan [--config FILE] [--policy NAME] [--direction input|output] [--jsonl] [--text STR | "
    "FILE | -]\n"
    "  eval [--config FILE] [--policy NAME] [--categories a,b,...] FILE.jsonl...\n"
    "  eval-pii [--config FILE] [--min-score X] FILE.jsonl...\n"
    "  check-config FILE\n"
    "  version\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace llmsec::cli;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string_view command = args.front();
  const std::span<const std::string_view> rest(args.data() + 1, args.size() - 1);
  if (command == "scan") return scan_command(rest);
  if (command == "serve") return serve_command(rest);
  if (command == "eval") return eval_command(rest);
  if (command == "eval-pii") return eval_pii_command(rest);
  if (command == "check-config") return check_config_command(rest);
  if (command == "version" || command == "--version") return version_command();
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  std::cerr << "llmsec: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}
