// The `llmsec` subcommands. Each takes its arguments after the subcommand name and returns
// the process exit code: 0 success, 1 a failure while running, 2 bad arguments or files
// (with one clear line on stderr).
//
//   llmsec scan --jsonl prompts.jsonl
//   llmsec check-config config/gateway.yaml
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "config/snapshot.h"

namespace llmsec::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int scan_command(std::span<const std::string_view> args);
int eval_command(std::span<const std::string_view> args);
int eval_pii_command(std::span<const std::string_view> args);
int check_config_command(std::span<const std::string_view> args);
int serve_command(std::span<const std::string_view> args);
int version_command();

// config/gateway.yaml under the working directory, else the one installed beside the
// binary; nullopt when neither exists.
std::optional<std::string> default_config_path();

// The configuration at `path`, else the default one, compiled. On failure, one line on
// stderr (the first error) and nullptr; the caller exits with kExitUsage.
std::shared_ptr<const config::Snapshot> load_cli_snapshot(const std::optional<std::string>& path);

// Writes "llmsec: <message>" to stderr and returns kExitUsage.
int usage_error(std::string_view message);

}  // namespace llmsec::cli
