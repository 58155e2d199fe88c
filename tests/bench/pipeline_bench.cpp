// The default input pipeline (the shipped config/gateway.yaml) on English prompts.
//   build/bench_pipeline
#include <benchmark/benchmark.h>

#include "english_text.h"

#include "config/snapshot.h"
#include "core/policy.h"

namespace {

// The same English text as a user prompt, or as a tool result (which the indirect
// injection pack and the directives detector read too).
void run(benchmark::State& state, llmsec::Role role) {
  static const auto snapshot =
      llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  if (!snapshot) {
    state.SkipWithError(snapshot.error().message.c_str());
    return;
  }
  const std::vector<llmsec::Segment> segments{
      {role, english_prompt(static_cast<std::size_t>(state.range(0))), "/text"}};
  for (auto _ : state) {
    auto outcome = llmsec::evaluate((*snapshot)->pipeline, segments, (*snapshot)->default_policy(),
                                    llmsec::Direction::kInput);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

void BM_DefaultInputPipeline(benchmark::State& state) {
  run(state, llmsec::Role::kUser);
}
void BM_DefaultInputPipeline_ToolResult(benchmark::State& state) {
  run(state, llmsec::Role::kTool);
}
BENCHMARK(BM_DefaultInputPipeline)->Arg(256)->Arg(4096)->Arg(65536)->Arg(1 << 20);
BENCHMARK(BM_DefaultInputPipeline_ToolResult)->Arg(4096)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
