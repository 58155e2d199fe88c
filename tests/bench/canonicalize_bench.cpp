// Canonicalisation throughput: plain ASCII English (the fast path), mixed multilingual text
// with emoji (the ICU path), and text full of encoded candidates (the decoders).
//   build/bench_canonicalize
#include <benchmark/benchmark.h>

#include <string>

#include "core/text/canonicalizer.h"

namespace {

std::string repeat_to(const std::string& unit, std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) text += unit;
  return text;
}

const std::string kEnglish =
    "Could you help me write a short report about the history of the railway in my town? "
    "The first station opened in 1862 and the line was extended twice before the war. "
    "Please keep the tone friendly and add a list of sources at the end of the text.\n";

// clang-format 14 re-splits these emoji literals on every run.
// clang-format off
const std::string kMultilingual =
    "Grüße aus Köln! Привет, как дела? Καλημέρα. 今天天气很好。東京の天気は晴れです。"
    "안녕하세요. مرحبا بالعالم. नमस्ते दुनिया। Family 👨‍👩‍👧‍👦 👍🏽 "
    "🇩🇪. ";
// clang-format on

const std::string kEncoded =
    "token aGVsbG8gd29ybGQgdGhpcyBpcyBmaW5l sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b "
    "url %68%65%6c%6c%6f%20%77%6f%72%6c%64 id 550e8400-e29b-41d4-a716-446655440000 "
    "&#104;&#101;&#108;&#108;&#111; \\u0068\\u0065\\u006c\\u006c\\u006f "
    "NFTW433SMUQHI2DFEBZHK3DFOM== ";

void run(benchmark::State& state, const std::string& unit) {
  const std::string text = repeat_to(unit, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto views = llmsec::canonicalize(text);
    benchmark::DoNotOptimize(views);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

void BM_CanonicalizeAsciiEnglish(benchmark::State& state) {
  run(state, kEnglish);
}
void BM_CanonicalizeMultilingual(benchmark::State& state) {
  run(state, kMultilingual);
}
void BM_CanonicalizeEncodedCandidates(benchmark::State& state) {
  run(state, kEncoded);
}

BENCHMARK(BM_CanonicalizeAsciiEnglish)->Arg(4096)->Arg(65536);
BENCHMARK(BM_CanonicalizeMultilingual)->Arg(4096)->Arg(65536);
BENCHMARK(BM_CanonicalizeEncodedCandidates)->Arg(4096)->Arg(65536);

}  // namespace

BENCHMARK_MAIN();
