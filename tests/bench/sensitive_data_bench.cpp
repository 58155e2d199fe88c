// The sensitive-data stage on English text: the PII detector and the shipped secrets rule
// pack, each over the original text (canonicalisation is the shared stage, measured by
// bench_canonicalize). Text with some PII in it, so validation runs too.
//   build/bench_sensitive_data
#include <benchmark/benchmark.h>

#include "english_text.h"

#include "config/diagnostics.h"
#include "config/rule_pack_loader.h"
#include "core/detectors/pii_detector.h"
#include "core/detectors/rule_pack_detector.h"
#include "core/text/text_view.h"

namespace {

// About `bytes` bytes of a support conversation dense with personal data: an e-mail
// address, a phone number and an order number in every 240 bytes. The worst case.
std::string support_text(std::size_t bytes) {
  static const char* sentences[] = {
      "Hello, I ordered a pair of running shoes last week and they have not arrived yet. ",
      "The order number is 4417-2291 and it was supposed to ship on Monday morning. ",
      "You can reach me at maria.lopez@example.com or call +1 415 555 0132 after six. ",
      "Could you check the tracking status and tell me when I should expect the parcel? ",
      "If the shoes are out of stock, I would rather have a refund than wait a month. ",
      "Thank you for your help, and please keep me posted on any change to the delivery. ",
      "I have been a customer for years and this is the first time something went wrong. ",
  };
  std::string text;
  for (std::size_t i = 0; text.size() < bytes; ++i) text += sentences[i % 7];
  text.resize(bytes);
  return text;
}

template <class MakeDetector>
void run(benchmark::State& state, MakeDetector make, bool dense) {
  const auto detector = make();
  if (!detector) {
    state.SkipWithError("detector did not build");
    return;
  }
  const auto bytes = static_cast<std::size_t>(state.range(0));
  const std::string text = dense ? support_text(bytes) : english_prompt(bytes);
  const llmsec::Segment segment{.text = text};
  const std::vector<llmsec::TextView> views{llmsec::TextView::identity("original", text)};
  std::vector<llmsec::Finding> findings;
  for (auto _ : state) {
    findings.clear();
    detector->scan({segment, 0, views, llmsec::Direction::kInput}, findings);
    benchmark::DoNotOptimize(findings.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
  state.counters["findings"] = static_cast<double>(findings.size());
}

std::unique_ptr<llmsec::PiiDetector> pii() {
  auto d = llmsec::PiiDetector::create({});
  return d ? std::move(*d) : nullptr;
}

void BM_PiiDetector_English(benchmark::State& state) {
  run(state, pii, false);
}
void BM_PiiDetector_DensePii(benchmark::State& state) {
  run(state, pii, true);
}

std::unique_ptr<llmsec::RulePackDetector> secrets() {
  llmsec::config::Diagnostics diag;
  auto spec = llmsec::config::load_rule_pack(LLMSEC_SOURCE_DIR "/config/rules/secrets.yaml", diag);
  if (!spec) return nullptr;
  spec->views = {"original"};
  auto d = llmsec::RulePackDetector::create(*spec);
  return d ? std::move(*d) : nullptr;
}

void BM_SecretsRulePack_English(benchmark::State& state) {
  run(state, secrets, false);
}

// The whole stage as the pipeline runs it: both detectors, one after the other.
class SensitiveDataStage final : public llmsec::Detector {
 public:
  std::string_view name() const override { return "sensitive_data"; }
  bool applies_to(llmsec::Direction) const override { return true; }
  std::vector<std::string> categories() const override { return {}; }
  void scan(const llmsec::ScanInput& input, std::vector<llmsec::Finding>& out) const override {
    pii_->scan(input, out);
    secrets_->scan(input, out);
  }
  bool ok() const { return pii_ && secrets_; }

 private:
  std::unique_ptr<llmsec::PiiDetector> pii_ = pii();
  std::unique_ptr<llmsec::RulePackDetector> secrets_ = secrets();
};

void BM_SensitiveDataStage_English(benchmark::State& state) {
  run(
      state,
      [] {
        auto stage = std::make_unique<SensitiveDataStage>();
        return stage->ok() ? std::move(stage) : nullptr;
      },
      false);
}

BENCHMARK(BM_PiiDetector_English)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_PiiDetector_DensePii)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_SecretsRulePack_English)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_SensitiveDataStage_English)->Arg(4096)->Arg(65536)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
