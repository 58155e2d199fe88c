// `${NAME}` in configuration values: secrets and per-deployment values come from the
// environment instead of the file.
//
//   substitute_env(file, root, diag);   // every scalar of the tree, in place
//
// `${NAME}` is replaced by the variable's value and is an error when it is unset;
// `${NAME:-fallback}` uses the fallback instead; `$${` writes a literal `${`.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/diagnostics.h"

namespace llmsec::config {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
std::optional<std::string> process_env(const std::string& name);

// The expanded text, or an error message naming what is missing.
std::optional<std::string> expand_env(const std::string& text, const EnvLookup& lookup,
                                      std::string& error);

void substitute_env(const std::string& file, YAML::Node node, Diagnostics& diag,
                    const EnvLookup& lookup = process_env);

}  // namespace llmsec::config
