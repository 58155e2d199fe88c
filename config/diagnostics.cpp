#include "config/diagnostics.h"

#include <algorithm>

namespace llmsec::config {

void Diagnostics::error(const std::string& file, const YAML::Mark& mark, std::string_view message) {
  if (mark.is_null()) return error(file, message);
  add(file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": " +
      std::string(message));
}

void Diagnostics::error(const std::string& file, const YAML::Node& node, std::string_view message) {
  error(file, node.Mark(), message);
}

void Diagnostics::error(const std::string& file, std::string_view message) {
  add(file + ": " + std::string(message));
}

void Diagnostics::add(std::string error) {
  // A value read for both directions of a policy is checked twice; say it once.
  if (std::find(errors_.begin(), errors_.end(), error) == errors_.end())
    errors_.push_back(std::move(error));
}

void Diagnostics::check_keys(const std::string& file, const YAML::Node& node,
                             std::initializer_list<std::string_view> allowed) {
  if (!node || !node.IsMap()) return;
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      error(file, entry.first, "unknown key '" + key + "'");
  }
}

bool Diagnostics::expect_map(const std::string& file, const YAML::Node& node,
                             std::string_view what) {
  if (!node || node.IsNull()) return false;
  if (node.IsMap()) return true;
  error(file, node, std::string(what) + ": expected a mapping");
  return false;
}

bool Diagnostics::expect_sequence(const std::string& file, const YAML::Node& node,
                                  std::string_view what) {
  if (!node || node.IsNull()) return false;
  if (node.IsSequence()) return true;
  error(file, node, std::string(what) + ": expected a list");
  return false;
}

std::string Diagnostics::text() const {
  std::string out;
  for (const std::string& e : errors_) out += e + "\n";
  return out;
}

}  // namespace llmsec::config
