// Diagnostics: collects every configuration error as "file:line:col: message", so that one
// run of check-config reports all of them at once.
//
//   Diagnostics diag;
//   diag.error(file, node, "unknown key 'listne'");
//   diag.check_keys(file, node, {"listen", "admin"});
//   if (!diag.ok()) std::cerr << diag.text();
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace llmsec::config {

class Diagnostics {
 public:
  void error(const std::string& file, const YAML::Mark& mark, std::string_view message);
  void error(const std::string& file, const YAML::Node& node, std::string_view message);
  void error(const std::string& file, std::string_view message);

  // Reports each key of the map `node` that is not in `allowed`.
  void check_keys(const std::string& file, const YAML::Node& node,
                  std::initializer_list<std::string_view> allowed);
  // Reports `node` unless it is a map (or absent).
  bool expect_map(const std::string& file, const YAML::Node& node, std::string_view what);
  bool expect_sequence(const std::string& file, const YAML::Node& node, std::string_view what);

  bool ok() const { return errors_.empty(); }
  const std::vector<std::string>& errors() const { return errors_; }
  std::string text() const;  // one error per line

 private:
  void add(std::string error);

  std::vector<std::string> errors_;
};

// Reads a scalar as T, reporting a type error instead of throwing.
template <class T>
bool read_scalar(Diagnostics& diag, const std::string& file, const YAML::Node& node,
                 std::string_view what, T& out) {
  if (!node || node.IsNull()) return false;
  if (!node.IsScalar()) {
    diag.error(file, node, std::string(what) + ": expected a single value");
    return false;
  }
  try {
    out = node.as<T>();
    return true;
  } catch (const YAML::Exception&) {
    diag.error(file, node, std::string(what) + ": '" + node.Scalar() + "' has the wrong type");
    return false;
  }
}

}  // namespace llmsec::config
