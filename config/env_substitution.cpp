#include "config/env_substitution.h"

#include <cstdlib>

namespace llmsec::config {

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

std::optional<std::string> expand_env(const std::string& text, const EnvLookup& lookup,
                                      std::string& error) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      error = "unterminated '${' in value";
      return std::nullopt;
    }
    std::string name = text.substr(i + 2, close - i - 2);
    std::optional<std::string> fallback;
    if (const std::size_t dash = name.find(":-"); dash != std::string::npos) {
      fallback = name.substr(dash + 2);
      name.resize(dash);
    }
    const bool valid = !name.empty() && name.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_") == std::string::npos;
    if (!valid) {
      error = "'" + name + "' is not an environment variable name";
      return std::nullopt;
    }
    std::optional<std::string> value = lookup(name);
    if (!value && !fallback) {
      error = "environment variable " + name + " is not set";
      return std::nullopt;
    }
    out += value ? *value : *fallback;
    i = close + 1;
  }
  return out;
}

void substitute_env(const std::string& file, YAML::Node node, Diagnostics& diag,
                    const EnvLookup& lookup) {
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text.find("${") == std::string::npos) return;
    std::string error;
    if (auto expanded = expand_env(text, lookup, error))
      node = *expanded;
    else
      diag.error(file, node, error);
  } else if (node.IsSequence()) {
    for (YAML::Node child : node) substitute_env(file, child, diag, lookup);
  } else if (node.IsMap()) {
    for (auto entry : node) substitute_env(file, entry.second, diag, lookup);
  }
}

}  // namespace llmsec::config
