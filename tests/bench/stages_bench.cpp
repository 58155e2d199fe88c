// Where the default input pipeline's time goes, stage by stage: the median over many runs
// of each stage's own timing (ScanReport::canonicalize_seconds and detector_seconds, what
// the llmsec_scan_stage_duration_seconds metric shows), on real prose or on the
// benchmarks' English prompt.
//   build/bench_stages [bytes=4096] [runs=1000] [prose|english]
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "dataset.h"
#include "english_text.h"

#include "config/snapshot.h"
#include "core/pipeline.h"

int main(int argc, char** argv) {
  const std::size_t bytes = argc > 1 ? std::stoul(argv[1]) : 4096;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 1000;
  const bool english = argc > 3 && std::string(argv[3]) == "english";
  const auto snapshot = llmsec::config::load_snapshot(LLMSEC_SOURCE_DIR "/config/gateway.yaml");
  if (!snapshot) {
    std::fprintf(stderr, "%s\n", snapshot.error().message.c_str());
    return 1;
  }
  const std::string text = english ? english_prompt(bytes) : honest_prose(bytes);
  const std::vector<llmsec::Segment> segments{{llmsec::Role::kUser, text, "/text"}};
  std::map<std::string, std::vector<double>> seconds;
  for (int run = 0; run < runs; ++run) {
    const auto report = (*snapshot)->pipeline.scan(segments, llmsec::Direction::kInput);
    double total = report.canonicalize_seconds;
    seconds["canonicalize"].push_back(report.canonicalize_seconds);
    for (const auto& [stage, s] : report.detector_seconds) {
      seconds[std::string(stage)].push_back(s);
      total += s;
    }
    seconds["(all stages)"].push_back(total);
  }
  std::printf("%zu bytes of %s, median of %d runs\n", text.size(),
              english ? "the English prompt" : "real prose", runs);
  for (auto& [stage, values] : seconds) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    std::printf("%-36s %10.1f us\n", stage.c_str(), values[values.size() / 2] * 1e6);
  }
}
