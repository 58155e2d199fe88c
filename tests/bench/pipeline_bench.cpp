// The default input pipeline (the shipped config/gateway.yaml) on English prompts: the
// benchmarks' five sentences repeated, and real prose (the honest user prompts of the
// development corpora, one after the other), whose words repeat far less.
//   build/bench_pipeline
#include <benchmark/benchmark.h>

#include "dataset.h"
#include "english_text.h"

#include "config/snapshot.h"
#include "core/policy.h"

namespace {

// The text as a user prompt, or as a tool result (which the indirect injection pack and the
// directives detector read too).
void run(benchmark::State& state, llmsec::Role role, const std::string& text) {
  static const auto snapshot =
      llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  if (!snapshot) {
    state.SkipWithError(snapshot.error().message.c_str());
    return;
  }
  const std::vector<llmsec::Segment> segments{{role, text, "/text"}};
  for (auto _ : state) {
    auto outcome = llmsec::evaluate((*snapshot)->pipeline, segments, (*snapshot)->default_policy(),
                                    llmsec::Direction::kInput);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

std::size_t size_of(const benchmark::State& state) {
  return static_cast<std::size_t>(state.range(0));
}

void BM_DefaultInputPipeline(benchmark::State& state) {
  run(state, llmsec::Role::kUser, english_prompt(size_of(state)));
}
void BM_DefaultInputPipeline_ToolResult(benchmark::State& state) {
  run(state, llmsec::Role::kTool, english_prompt(size_of(state)));
}
void BM_DefaultInputPipeline_HonestProse(benchmark::State& state) {
  run(state, llmsec::Role::kUser, honest_prose(size_of(state)));
}
BENCHMARK(BM_DefaultInputPipeline)->Arg(256)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_DefaultInputPipeline_ToolResult)->Arg(4096)->Arg(1 << 20);
BENCHMARK(BM_DefaultInputPipeline_HonestProse)->Arg(4096)->Arg(65536);

}  // namespace

BENCHMARK_MAIN();
