#include "config/rule_pack_loader.h"

#include <filesystem>
#include <set>

#include <re2/re2.h>

namespace llmsec::config {

namespace {

void load_rule(const std::string& path, const YAML::Node& node, RulePackSpec& pack,
               std::set<std::string>& ids, Diagnostics& diag) {
  if (!diag.expect_map(path, node, "rule")) return;
  diag.check_keys(path, node, {"id", "pattern", "weight", "severity", "check", "description"});
  RuleSpec rule;
  if (!read_scalar(diag, path, node["id"], "id", rule.id))
    diag.error(path, node, "rule without 'id'");
  else if (!ids.insert(rule.id).second)
    diag.error(path, node["id"], "duplicate rule id '" + rule.id + "'");
  if (!read_scalar(diag, path, node["pattern"], "pattern", rule.pattern)) {
    diag.error(path, node, "rule '" + rule.id + "' without 'pattern'");
    return;
  }
  RE2::Options options;
  options.set_case_sensitive(pack.case_sensitive);
  options.set_log_errors(false);
  RE2 re(rule.pattern, options);
  if (!re.ok()) diag.error(path, node["pattern"], "bad pattern: " + re.error());
  if (read_scalar(diag, path, node["weight"], "weight", rule.weight) &&
      !(rule.weight > 0.0 && rule.weight <= 1.0))
    diag.error(path, node["weight"], "weight must be in (0, 1]");
  std::string severity;
  if (read_scalar(diag, path, node["severity"], "severity", severity)) {
    if (auto s = parse_severity(severity))
      rule.severity = *s;
    else
      diag.error(path, node["severity"], "severity must be low, medium, high or critical");
  }
  std::string check;
  if (read_scalar(diag, path, node["check"], "check", check)) {
    if (auto c = parse_value_check(check))
      rule.check = *c;
    else
      diag.error(path, node["check"], "check must be token or password");
  }
  pack.rules.push_back(std::move(rule));
}

}  // namespace

std::optional<RulePackSpec> load_rule_pack(const std::string& path, Diagnostics& diag) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    diag.error(path, "cannot read rule pack");
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    diag.error(path, e.mark, e.msg);
    return std::nullopt;
  }
  if (!diag.expect_map(path, root, "rule pack")) {
    if (!root || root.IsNull()) diag.error(path, "empty rule pack");
    return std::nullopt;
  }
  const std::size_t errors_before = diag.errors().size();
  diag.check_keys(path, root,
                  {"name", "category", "description", "directions", "roles", "views",
                   "case_sensitive", "prefilter", "rules"});
  RulePackSpec pack;
  pack.name = std::filesystem::path(path).stem().string();
  read_scalar(diag, path, root["name"], "name", pack.name);
  if (!read_scalar(diag, path, root["category"], "category", pack.category))
    diag.error(path, root, "rule pack without 'category'");
  read_scalar(diag, path, root["case_sensitive"], "case_sensitive", pack.case_sensitive);
  std::string prefilter;
  if (read_scalar(diag, path, root["prefilter"], "prefilter", prefilter)) {
    if (prefilter == "hyperscan")
      pack.prefilter = MatchEngine::kHyperscan;
    else if (prefilter != "re2")
      diag.error(path, root["prefilter"], "prefilter must be re2 or hyperscan");
  }
  if (diag.expect_sequence(path, root["directions"], "directions")) {
    pack.input = pack.output = false;
    for (const auto& d : root["directions"]) {
      std::string direction;
      read_scalar(diag, path, d, "direction", direction);
      if (direction == "input")
        pack.input = true;
      else if (direction == "output")
        pack.output = true;
      else
        diag.error(path, d, "direction must be input or output");
    }
  }
  if (diag.expect_sequence(path, root["roles"], "roles")) {
    for (const auto& r : root["roles"]) {
      std::string name;
      if (!read_scalar(diag, path, r, "role", name)) continue;
      if (auto role = parse_role(name))
        pack.roles.push_back(*role);
      else
        diag.error(path, r, "unknown role '" + name + "'");
    }
  }
  if (diag.expect_sequence(path, root["views"], "views")) {
    pack.views.clear();
    for (const auto& v : root["views"]) {
      std::string view;
      if (read_scalar(diag, path, v, "view", view)) pack.views.push_back(view);
    }
  }
  std::set<std::string> ids;
  if (diag.expect_sequence(path, root["rules"], "rules")) {
    for (const auto& rule : root["rules"]) load_rule(path, rule, pack, ids, diag);
  }
  if (pack.rules.empty()) diag.error(path, root, "rule pack has no rules");
  if (diag.errors().size() != errors_before) return std::nullopt;
  return pack;
}

}  // namespace llmsec::config
