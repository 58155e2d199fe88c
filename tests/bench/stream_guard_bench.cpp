// The output guard's cost on streamed answers: the shipped configuration and default
// policy, a chat completion stream of English text in word-like deltas (as models stream),
// each event arriving on its own. Reported per KB of answer text, for a 10 KB and a 1 MB
// answer: the cost per KB should not grow with the answer.
//   build/bench_stream_guard
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "english_text.h"

#include "config/snapshot.h"
#include "core/stream_scanner.h"
#include "gateway/openai/answer_guard.h"

namespace {

const llmsec::config::Snapshot& snapshot() {
  static const auto loaded =
      llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  return **loaded;
}

// Word-like tokens: " word", ",", " 42".
std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = text[i] == ' ' ? i + 1 : i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || (j == i + 1 && text[i] == ' ')) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> chat_events(const std::vector<std::string>& tokens) {
  std::vector<std::string> events;
  for (const std::string& token : tokens)
    events.push_back("data: " +
                     boost::json::serialize(boost::json::object{
                         {"id", "chatcmpl-bench"},
                         {"object", "chat.completion.chunk"},
                         {"created", 1700000000},
                         {"model", "gpt-4o-mini"},
                         {"choices", boost::json::array{{{"index", 0},
                                                         {"delta", {{"content", token}}},
                                                         {"logprobs", nullptr},
                                                         {"finish_reason", nullptr}}}}}) +
                     "\n\n");
  return events;
}

// Throughput in text bytes, and microseconds per KB of answer text.
void report(benchmark::State& state, std::size_t text_bytes) {
  const double kb =
      static_cast<double>(text_bytes) / 1024.0 * static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text_bytes));
  state.counters["us_per_KB"] =
      benchmark::Counter(kb / 1e6, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The whole guard: SSE parsing, JSON per event, scanning, re-serialising.
void BM_EventStreamGuard(benchmark::State& state) {
  const std::string text = english_prompt(static_cast<std::size_t>(state.range(0)));
  const std::vector<std::string> events = chat_events(tokens_of(text));
  const llmsec::Policy& policy = snapshot().default_policy();
  for (auto _ : state) {
    auto guard = llmsec::gateway::make_event_stream_guard(
        {.pipeline = &snapshot().pipeline, .policy = &policy});
    std::size_t out = 0;
    for (const std::string& e : events) out += guard->push(e).size();
    out += guard->finish().size();
    benchmark::DoNotOptimize(out);
  }
  report(state, text.size());
}

// The scanning alone (core::StreamScanner), one release per token.
void BM_StreamScanner(benchmark::State& state) {
  const std::string text = english_prompt(static_cast<std::size_t>(state.range(0)));
  const std::vector<std::string> tokens = tokens_of(text);
  const llmsec::Policy& policy = snapshot().default_policy();
  for (auto _ : state) {
    llmsec::StreamScanner scanner(snapshot().pipeline, policy);
    std::size_t out = 0;
    for (const std::string& t : tokens) {
      scanner.append(t);
      out += scanner.release().text.size();
    }
    out += scanner.finish().text.size();
    benchmark::DoNotOptimize(out);
  }
  report(state, text.size());
}

}  // namespace

BENCHMARK(BM_EventStreamGuard)->Arg(10 * 1024)->Arg(1024 * 1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StreamScanner)
    ->Arg(128)
    ->Arg(10 * 1024)
    ->Arg(1024 * 1024)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
