// Policies from YAML: thresholds, severities, rules per direction and role, modes, allow
// and deny lists, and `extends` between policies.
//
//   PolicyNodes nodes;                                // name -> where it is written
//   nodes["strict"] = {file, yaml_node};
//   std::map<std::string, Policy> policies = load_policies(nodes, known, diag);
//
// A policy that extends another starts as a copy of it: keys it sets replace the parent's,
// its rules come before the parent's (first match wins), its lists add to the parent's.
// A key at policy level sets both directions; `input:` and `output:` set one. Rules naming
// a detector or category that the configuration does not have are errors, since a typo
// there would silently never match.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "config/diagnostics.h"
#include "core/policy.h"

namespace llmsec::config {

struct PolicyNode {
  std::string file;
  YAML::Node node;
};
using PolicyNodes = std::map<std::string, PolicyNode>;

// What rules may refer to.
struct KnownNames {
  std::set<std::string> detectors;
  std::set<std::string> categories;
  std::optional<KeyedHashKey> hash_key;  // redaction.hash_key, for `redact: hash`
};

std::map<std::string, Policy> load_policies(const PolicyNodes& nodes, const KnownNames& known,
                                            Diagnostics& diag);

}  // namespace llmsec::config
