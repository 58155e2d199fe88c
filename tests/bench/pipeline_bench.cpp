// The default input pipeline (the shipped config/gateway.yaml) on English prompts.
//   build/bench_pipeline
#include <benchmark/benchmark.h>

#include "config/snapshot.h"
#include "core/policy.h"

namespace {

// An honest English prompt of about `bytes` bytes, built from ordinary sentences.
std::string english_prompt(std::size_t bytes) {
  static const char* sentences[] = {
      "Could you help me write a short report about the history of the railway in my town? ",
      "The first station opened in 1862 and the line was extended twice before the war. ",
      "Please keep the tone friendly and add a list of sources at the end of the text. ",
      "I would also like a paragraph on how the timetable changed after electrification. ",
      "Summarise the previous section in two sentences and suggest a title for the piece. ",
  };
  std::string text;
  for (std::size_t i = 0; text.size() < bytes; ++i) text += sentences[i % 5];
  text.resize(bytes);
  return text;
}

void BM_DefaultInputPipeline(benchmark::State& state) {
  static const auto snapshot =
      llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  if (!snapshot) {
    state.SkipWithError(snapshot.error().message.c_str());
    return;
  }
  const std::vector<llmsec::Segment> segments{
      {llmsec::Role::kUser, english_prompt(static_cast<std::size_t>(state.range(0))), "/text"}};
  for (auto _ : state) {
    auto outcome = llmsec::evaluate((*snapshot)->pipeline, segments, (*snapshot)->default_policy(),
                                    llmsec::Direction::kInput);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_DefaultInputPipeline)->Arg(256)->Arg(4096)->Arg(65536)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
