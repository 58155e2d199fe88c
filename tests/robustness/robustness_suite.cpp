// The obfuscation robustness suite: every attack that the shipped pipeline detects in
// plain form is obfuscated with each transform (and pairs of them) and must still be
// detected, in the same categories, at no less than 95% of the plain-form rate. Two sets:
// the development attacks (../shared/datasets, which the canonicaliser was tuned on) and
// attacks written for this suite (written_attacks.jsonl, never used for tuning).
//
//   build/robustness_suite                 prints one line per transform; exit 1 below target
//   build/robustness_suite --show-misses N also prints N missed samples per transform
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "config/snapshot.h"
#include "dataset.h"
#include "obfuscations.h"

using namespace llmsec;

namespace {

constexpr double kTarget = 0.95;
const char* kCategories[] = {"prompt_injection", "jailbreak", "indirect_injection"};

struct Sample {
  std::string text;
  Role role;
};

bool detected(const config::Snapshot& snapshot, const Sample& sample) {
  const std::vector<Segment> segments{{sample.role, sample.text, "/text"}};
  const ScanReport report = snapshot.pipeline.scan(segments, Direction::kInput);
  const Policy& policy = snapshot.default_policy();
  for (const char* category : kCategories) {
    auto it = report.scores.find(category);
    if (it != report.scores.end() && it->second >= policy.input.thresholds_for(category).flag)
      return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const int show_misses =
      argc == 3 && std::string(argv[1]) == "--show-misses" ? std::atoi(argv[2]) : 0;
  auto snapshot = config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  if (!snapshot) {
    std::cerr << snapshot.error().message;
    return 2;
  }
  std::vector<Sample> development, written;
  for (const char* file : {"injection-dev.jsonl", "jailbreak-dev.jsonl"}) {
    for (const auto& row : read_jsonl(dataset_path(file))) {
      if (row.at("label").to_number<int>() != 1) continue;
      Role role = Role::kUser;
      if (const auto* r = row.if_contains("role"))
        role = parse_role(r->as_string()).value_or(Role::kUser);
      development.push_back({text_of(row), role});
    }
  }
  for (const auto& row : read_jsonl(LLMSEC_SOURCE_DIR "/tests/robustness/written_attacks.jsonl"))
    written.push_back({text_of(row), Role::kUser});

  bool ok = true;
  for (const auto& [name, attacks] :
       {std::pair{"development attacks", &development}, std::pair{"written attacks", &written}}) {
    std::vector<const Sample*> plain;
    for (const Sample& s : *attacks)
      if (detected(**snapshot, s)) plain.push_back(&s);
    std::printf("%s: %zu, detected in plain form: %zu (%.1f%%)\n", name, attacks->size(),
                plain.size(), 100.0 * plain.size() / attacks->size());
    std::printf("%-34s %9s %9s %8s\n", "transform", "detected", "of plain", "ms");
    for (const Obfuscation& o : obfuscations()) {
      const auto start = std::chrono::steady_clock::now();
      std::size_t still = 0;
      int shown = 0;
      for (const Sample* s : plain) {
        const Sample obfuscated{o.apply(s->text), s->role};
        const bool hit = detected(**snapshot, obfuscated);
        still += hit;
        if (!hit && shown++ < show_misses)
          std::printf("  missed: %s\n     as: %s\n", s->text.substr(0, 300).c_str(),
                      obfuscated.text.substr(0, 300).c_str());
      }
      const double rate = plain.empty() ? 1.0 : static_cast<double>(still) / plain.size();
      const auto ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      std::printf("%-34s %9zu %8.1f%% %8.0f%s\n", o.name.c_str(), still, 100.0 * rate, ms,
                  !o.gated         ? "  (reported, not gated)"
                  : rate < kTarget ? "  BELOW TARGET"
                                   : "");
      ok &= !o.gated || rate >= kTarget;
    }
  }
  std::printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
