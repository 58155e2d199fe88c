// llmsec eval [--config FILE] [--policy NAME] [--categories a,b,...] FILE.jsonl...
//
// Runs labeled JSONL ({"text", "label": 0|1, "source", "role"}) through the pipeline and
// prints, per source and overall: TPR and FPR of the policy's decision (flag or block counts
// as detected), recall at 1% FPR and ROC AUC of the detection score (the highest score of
// the chosen categories), and the median and p99 scan time per sample. Times are steady
// state: every sample is scanned once untimed first, so lazily built RE2 automata and ICU
// data do not count against the first samples.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "config/snapshot.h"
#include "core/evaluation.h"
#include "core/policy.h"
#include "gateway/cli/cli.h"

namespace llmsec::cli {
namespace json = boost::json;

namespace {

struct Sample {
  std::string source;
  bool attack = false;
  bool detected = false;  // the policy flagged or blocked it
  double score = 0.0;
  double micros = 0.0;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

// A percentage or ratio, or "-" where it is undefined (no attacks, or no benign samples).
std::string figure(double value, bool percent) {
  if (value != value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, percent ? "%.1f%%" : "%.3f",
                percent ? 100.0 * value : value);
  return buffer;
}

void print_row(const std::string& name, const std::vector<const Sample*>& samples) {
  double tp = 0, fp = 0, positives = 0, negatives = 0;
  std::vector<double> times;
  std::vector<ScoredSample> scored;
  for (const Sample* s : samples) {
    scored.push_back({s->score, s->attack});
    (s->attack ? positives : negatives) += 1;
    if (s->detected) (s->attack ? tp : fp) += 1;
    times.push_back(s->micros);
  }
  const auto rate = [](double a, double b) { return b > 0 ? a / b : 0.0 / 0.0; };
  std::printf(
      "%-28s %6zu %6.0f %6.0f %8s %8s %10s %7s %9.1f %9.1f\n", name.c_str(), samples.size(),
      positives, negatives, figure(rate(tp, positives), true).c_str(),
      figure(rate(fp, negatives), true).c_str(), figure(recall_at_fpr(scored, 0.01), true).c_str(),
      figure(roc_auc(scored), false).c_str(), percentile(times, 0.5), percentile(times, 0.99));
}

}  // namespace

int eval_command(std::span<const std::string_view> args) {
  std::optional<std::string> config_path, policy_name;
  std::vector<std::string> categories = {"prompt_injection", "jailbreak", "indirect_injection",
                                         "evasion"};
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--config" || a == "--policy" || a == "--categories") {
      if (i + 1 >= args.size()) return usage_error(std::string(a) + " needs a value");
      const std::string value(args[++i]);
      if (a == "--config")
        config_path = value;
      else if (a == "--policy")
        policy_name = value;
      else {
        categories.clear();
        std::stringstream list(value);
        for (std::string c; std::getline(list, c, ',');) categories.push_back(c);
      }
    } else if (a.starts_with("--")) {
      return usage_error("eval: unknown option " + std::string(a));
    } else {
      files.emplace_back(a);
    }
  }
  if (files.empty())
    return usage_error(
        "usage: eval [--config FILE] [--policy NAME] [--categories a,b] FILE.jsonl...");
  const auto snapshot = load_cli_snapshot(config_path);
  if (!snapshot) return kExitUsage;
  const Policy* policy =
      snapshot->find_policy(policy_name.value_or(snapshot->config.default_policy));
  if (!policy) return usage_error("unknown policy");

  std::vector<Sample> samples;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) return usage_error("cannot read " + file);
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      boost::system::error_code ec;
      const json::value row = json::parse(line, ec);
      const json::object* o = ec ? nullptr : row.if_object();
      if (!o || !o->contains("text") || !o->at("text").is_string() || !o->contains("label"))
        return usage_error(file + ":" + std::to_string(line_number) +
                           ": expected {\"text\", \"label\"}");
      Segment segment{
          .role = Role::kUser, .text = std::string(o->at("text").as_string()), .source = "/text"};
      if (const json::value* r = o->if_contains("role"); r && r->is_string())
        segment.role = parse_role(r->as_string()).value_or(Role::kUser);
      Sample sample;
      sample.source = o->contains("source") && o->at("source").is_string()
                          ? std::string(o->at("source").as_string())
                          : file;
      sample.attack = o->at("label").to_number<int>() == 1;
      (void)evaluate(snapshot->pipeline, std::span(&segment, 1), *policy,
                     Direction::kInput);  // warm-up
      const auto start = std::chrono::steady_clock::now();
      const auto [report, decision] =
          evaluate(snapshot->pipeline, std::span(&segment, 1), *policy, Direction::kInput);
      sample.micros =
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
              .count();
      for (const std::string& c : categories)
        if (auto it = report.scores.find(c); it != report.scores.end())
          sample.score = std::max(sample.score, it->second);
      sample.detected =
          std::any_of(decision.reasons.begin(), decision.reasons.end(), [&](const Reason& r) {
            return !r.shadow && (r.action == Action::kBlock || r.action == Action::kFlag) &&
                   std::find(categories.begin(), categories.end(), r.category) != categories.end();
          });
      samples.push_back(std::move(sample));
    }
  }
  std::map<std::string, std::vector<const Sample*>> by_source;
  std::vector<const Sample*> all;
  for (const Sample& s : samples) {
    by_source[s.source].push_back(&s);
    all.push_back(&s);
  }
  std::printf("%-28s %6s %6s %6s %8s %8s %10s %7s %9s %9s\n", "source", "n", "pos", "neg", "TPR",
              "FPR", "R@1%FPR", "AUC", "p50 us", "p99 us");
  for (const auto& [source, list] : by_source) print_row(source, list);
  print_row("overall", all);
  return kExitOk;
}

}  // namespace llmsec::cli
