#include "config/policy_loader.h"

#include <re2/re2.h>

namespace llmsec::config {
namespace {

struct Draft {
  Policy policy;
  ListSpec allow;
  ListSpec deny;
};

class PolicyLoader {
 public:
  PolicyLoader(const PolicyNodes& nodes, const KnownNames& known, Diagnostics& diag)
      : nodes_(nodes), known_(known), diag_(diag) {}

  // The resolved policy, or nullptr when it (or what it extends) has errors.
  const Draft* resolve(const std::string& name);

 private:
  void load_thresholds(const std::string& file, const YAML::Node& node, DirectionPolicy& out);
  void load_severities(const std::string& file, const YAML::Node& node, DirectionPolicy& out);
  std::vector<PolicyRule> load_rules(const std::string& file, const YAML::Node& node,
                                     const std::string& qualified_prefix);
  std::optional<PolicyRule> load_rule(const std::string& file, const YAML::Node& node,
                                      std::string default_name);
  void load_list(const std::string& file, const YAML::Node& node, std::string_view what,
                 ListSpec& out);
  void check_category(const std::string& file, const YAML::Node& node, const std::string& name);

  const PolicyNodes& nodes_;
  const KnownNames& known_;
  Diagnostics& diag_;
  std::map<std::string, std::optional<Draft>> done_;
  std::set<std::string> resolving_;
};

void PolicyLoader::check_category(const std::string& file, const YAML::Node& node,
                                  const std::string& name) {
  if (!known_.categories.contains(name)) diag_.error(file, node, "unknown category '" + name + "'");
}

void PolicyLoader::load_thresholds(const std::string& file, const YAML::Node& node,
                                   DirectionPolicy& out) {
  auto read = [&](const YAML::Node& at, Thresholds& t) {
    for (auto [key, field] : {std::pair{"flag_at", &t.flag}, std::pair{"block_at", &t.block}}) {
      if (read_scalar(diag_, file, at[key], key, *field) && !(*field >= 0.0 && *field <= 1.0))
        diag_.error(file, at[key], std::string(key) + " must be in [0, 1]");
    }
    if (t.flag > t.block) diag_.error(file, at, "flag_at must not be above block_at");
  };
  if (node["flag_at"] || node["block_at"]) read(node, out.thresholds);
  const YAML::Node categories = node["categories"];
  if (!diag_.expect_map(file, categories, "categories")) return;
  for (const auto& entry : categories) {
    const std::string category = entry.first.as<std::string>();
    check_category(file, entry.first, category);
    if (!diag_.expect_map(file, entry.second, "category thresholds")) continue;
    diag_.check_keys(file, entry.second, {"flag_at", "block_at"});
    auto it = out.category_thresholds.try_emplace(category, out.thresholds).first;
    read(entry.second, it->second);
  }
}

void PolicyLoader::load_severities(const std::string& file, const YAML::Node& node,
                                   DirectionPolicy& out) {
  if (!diag_.expect_map(file, node, "severities")) return;
  for (const auto& entry : node) {
    const std::string name = entry.first.as<std::string>();
    const std::optional<Severity> severity = parse_severity(name);
    if (!severity) {
      diag_.error(file, entry.first,
                  "unknown severity '" + name + "' (expected critical, high, medium or low)");
      continue;
    }
    std::string action;
    if (!read_scalar(diag_, file, entry.second, "action", action)) continue;
    if (auto a = parse_action(action); a && *a != Action::kRedact)
      out.severity_actions[static_cast<std::size_t>(*severity)] = *a;
    else
      diag_.error(file, entry.second, "severity action must be allow, flag or block");
  }
}

std::optional<PolicyRule> PolicyLoader::load_rule(const std::string& file, const YAML::Node& node,
                                                  std::string default_name) {
  if (!diag_.expect_map(file, node, "rule")) return std::nullopt;
  diag_.check_keys(file, node,
                   {"name", "category", "detector", "severity", "min_score", "roles", "action",
                    "redact", "tag", "keep", "shadow"});
  const std::size_t errors_before = diag_.errors().size();
  PolicyRule rule;
  rule.name = std::move(default_name);
  read_scalar(diag_, file, node["name"], "name", rule.name);
  // `category: secret` or `category: [email, phone]`.
  const YAML::Node categories = node["category"];
  if (categories && categories.IsSequence()) {
    for (const auto& c : categories) {
      std::string name;
      if (read_scalar(diag_, file, c, "category", name)) {
        check_category(file, c, name);
        rule.categories.push_back(name);
      }
    }
  } else {
    std::string name;
    if (read_scalar(diag_, file, categories, "category", name)) {
      check_category(file, categories, name);
      rule.categories.push_back(name);
    }
  }
  if (read_scalar(diag_, file, node["detector"], "detector", rule.detector)) {
    const bool prefix = rule.detector.ends_with('*');
    const std::string stem = prefix ? rule.detector.substr(0, rule.detector.size() - 1) : "";
    const bool known = prefix
                           ? std::any_of(known_.detectors.begin(), known_.detectors.end(),
                                         [&](const std::string& d) { return d.starts_with(stem); })
                           : known_.detectors.contains(rule.detector);
    if (!known) diag_.error(file, node["detector"], "unknown detector '" + rule.detector + "'");
  }
  std::string text;
  if (read_scalar(diag_, file, node["severity"], "severity", text)) {
    if (auto s = parse_severity(text))
      rule.min_severity = *s;
    else
      diag_.error(file, node["severity"], "severity must be critical, high, medium or low");
  }
  if (read_scalar(diag_, file, node["min_score"], "min_score", rule.min_score) &&
      !(rule.min_score >= 0.0 && rule.min_score <= 1.0))
    diag_.error(file, node["min_score"], "min_score must be in [0, 1]");
  if (diag_.expect_sequence(file, node["roles"], "roles")) {
    for (const auto& r : node["roles"]) {
      if (!read_scalar(diag_, file, r, "role", text)) continue;
      if (auto role = parse_role(text))
        rule.roles.push_back(*role);
      else
        diag_.error(file, r, "unknown role '" + text + "'");
    }
  }
  if (!read_scalar(diag_, file, node["action"], "action", text)) {
    diag_.error(file, node, "rule without 'action'");
  } else if (auto action = parse_action(text)) {
    rule.action = *action;
  } else {
    diag_.error(file, node["action"], "action must be allow, flag, redact or block");
  }
  if (read_scalar(diag_, file, node["redact"], "redact", text)) {
    if (auto op = parse_redact_operator(text))
      rule.redact.op = *op;
    else
      diag_.error(file, node["redact"], "redact must be tag, mask, drop, pseudonym or hash");
    if (rule.action != Action::kRedact)
      diag_.error(file, node["redact"], "'redact' needs action: redact");
    if (rule.redact.op == RedactOperator::kHash) {
      if (known_.hash_key)
        rule.redact.hash_key = *known_.hash_key;
      else
        diag_.error(file, node["redact"], "redact: hash needs redaction.hash_key");
    }
  }
  read_scalar(diag_, file, node["tag"], "tag", rule.redact.tag);
  if (read_scalar(diag_, file, node["keep"], "keep", rule.redact.keep) && rule.redact.keep > 64)
    diag_.error(file, node["keep"], "keep must be at most 64");
  read_scalar(diag_, file, node["shadow"], "shadow", rule.shadow);
  if (diag_.errors().size() != errors_before) return std::nullopt;
  return rule;
}

std::vector<PolicyRule> PolicyLoader::load_rules(const std::string& file, const YAML::Node& node,
                                                 const std::string& qualified_prefix) {
  std::vector<PolicyRule> rules;
  if (!diag_.expect_sequence(file, node, "rules")) return rules;
  std::size_t index = 0;
  for (const auto& entry : node) {
    auto rule = load_rule(file, entry, "rules[" + std::to_string(index++) + "]");
    if (!rule) continue;
    rule->name = qualified_prefix + rule->name;
    rules.push_back(std::move(*rule));
  }
  return rules;
}

void PolicyLoader::load_list(const std::string& file, const YAML::Node& node, std::string_view what,
                             ListSpec& out) {
  if (!diag_.expect_map(file, node, what)) return;
  diag_.check_keys(file, node, {"phrases", "patterns", "domains"});
  auto strings = [&](const char* key, auto&& check) {
    std::vector<std::string> values;
    if (!diag_.expect_sequence(file, node[key], key)) return values;
    for (const auto& item : node[key]) {
      std::string value;
      if (read_scalar(diag_, file, item, key, value) && check(item, value)) values.push_back(value);
    }
    return values;
  };
  auto append = [](std::vector<std::string>& to, std::vector<std::string> from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  append(out.phrases, strings("phrases", [&](const YAML::Node& at, const std::string& v) {
           if (v.find_first_not_of(" \t") != std::string::npos) return true;
           diag_.error(file, at, "empty phrase");
           return false;
         }));
  append(out.patterns, strings("patterns", [&](const YAML::Node& at, const std::string& v) {
           RE2::Options options;
           options.set_log_errors(false);
           RE2 re(v, options);
           if (re.ok()) return true;
           diag_.error(file, at, "bad pattern: " + re.error());
           return false;
         }));
  append(out.domains, strings("domains", [&](const YAML::Node& at, std::string& v) {
           for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
           const bool ok =
               v.find('.') != std::string::npos && !v.starts_with('.') && !v.ends_with('.') &&
               v.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") == std::string::npos;
           if (!ok) diag_.error(file, at, "'" + v + "' is not a domain name such as example.com");
           return ok;
         }));
}

const Draft* PolicyLoader::resolve(const std::string& name) {
  if (auto it = done_.find(name); it != done_.end()) return it->second ? &*it->second : nullptr;
  const PolicyNode& source = nodes_.at(name);
  const std::string& file = source.file;
  const YAML::Node& node = source.node;
  if (resolving_.contains(name)) {
    diag_.error(file, node["extends"], "policy '" + name + "' extends itself");
    return nullptr;
  }
  const std::size_t errors_before = diag_.errors().size();
  Draft draft;
  if (!node.IsNull() && !diag_.expect_map(file, node, "policy")) {
    done_[name] = std::nullopt;
    return nullptr;
  }
  diag_.check_keys(file, node,
                   {"description", "extends", "mode", "fail_open", "canary", "block_response",
                    "refusal_message", "flag_at", "block_at", "categories", "severities", "rules",
                    "input", "output", "allow", "deny"});
  std::string parent;
  if (read_scalar(diag_, file, node["extends"], "extends", parent)) {
    if (!nodes_.contains(parent)) {
      diag_.error(file, node["extends"], "extends unknown policy '" + parent + "'");
    } else {
      resolving_.insert(name);
      const Draft* base = resolve(parent);
      resolving_.erase(name);
      if (base) draft = *base;
    }
  }
  Policy& policy = draft.policy;
  policy.name = name;
  std::string mode;
  if (read_scalar(diag_, file, node["mode"], "mode", mode)) {
    if (mode == "enforce")
      policy.mode = PolicyMode::kEnforce;
    else if (mode == "monitor")
      policy.mode = PolicyMode::kMonitor;
    else
      diag_.error(file, node["mode"], "mode must be enforce or monitor");
  }
  read_scalar(diag_, file, node["fail_open"], "fail_open", policy.fail_open);
  read_scalar(diag_, file, node["canary"], "canary", policy.canary);
  std::string block_response;
  if (read_scalar(diag_, file, node["block_response"], "block_response", block_response)) {
    if (block_response == "error" || block_response == "answer")
      policy.refuse_as_answer = block_response == "answer";
    else
      diag_.error(file, node["block_response"], "block_response must be error or answer");
  }
  read_scalar(diag_, file, node["refusal_message"], "refusal_message", policy.refusal_message);
  const std::vector<PolicyRule> shared_rules = load_rules(file, node["rules"], name + ".");
  for (Direction direction : {Direction::kInput, Direction::kOutput}) {
    DirectionPolicy& out = direction == Direction::kInput ? policy.input : policy.output;
    const std::string section(to_string(direction));
    load_thresholds(file, node, out);
    load_severities(file, node["severities"], out);
    std::vector<PolicyRule> rules;
    const YAML::Node own = node[section];
    if (diag_.expect_map(file, own, section)) {
      diag_.check_keys(file, own, {"flag_at", "block_at", "categories", "severities", "rules"});
      load_thresholds(file, own, out);
      load_severities(file, own["severities"], out);
      rules = load_rules(file, own["rules"], name + "." + section + ".");
    }
    rules.insert(rules.end(), shared_rules.begin(), shared_rules.end());
    rules.insert(rules.end(), out.rules.begin(), out.rules.end());  // the parent's, last
    out.rules = std::move(rules);
  }
  load_list(file, node["allow"], "allow", draft.allow);
  load_list(file, node["deny"], "deny", draft.deny);
  if (diag_.errors().size() == errors_before && (!draft.allow.empty() || !draft.deny.empty())) {
    auto lists = PolicyLists::create(name, draft.allow, draft.deny);
    if (lists)
      policy.lists = std::make_shared<const PolicyLists>(std::move(*lists));
    else
      diag_.error(file, node, lists.error().message);
  }
  if (diag_.errors().size() != errors_before) {
    done_[name] = std::nullopt;
    return nullptr;
  }
  return &*(done_[name] = std::move(draft));
}

}  // namespace

std::map<std::string, Policy> load_policies(const PolicyNodes& nodes, const KnownNames& known,
                                            Diagnostics& diag) {
  PolicyLoader loader(nodes, known, diag);
  std::map<std::string, Policy> policies;
  for (const auto& [name, node] : nodes)
    if (const Draft* draft = loader.resolve(name)) policies[name] = draft->policy;
  return policies;
}

}  // namespace llmsec::config
