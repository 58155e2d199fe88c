// Reading the labeled development corpora in ../shared/datasets (JSONL, one object a line).
//
//   for (const auto& row : read_jsonl(dataset_path("injection-dev.jsonl"))) row.at("text") ...
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

inline std::string dataset_path(const std::string& name) {
  return std::string(LLMSEC_DATASETS_DIR) + "/" + name;
}

inline std::vector<boost::json::object> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<boost::json::object> rows;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(boost::json::parse(line).as_object());
  return rows;
}

inline std::string text_of(const boost::json::object& row) {
  return std::string(row.at("text").as_string());
}

// `bytes` of real prose: the honest user prompts of the development corpora, one after the
// other, joined by blank lines (the benchmarks' text whose words repeat as little as prose's).
inline std::string honest_prose(std::size_t bytes) {
  std::string text;
  for (const char* corpus : {"jailbreak-dev.jsonl", "injection-dev.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(corpus))) {
      if (row.at("label").to_number<int>() != 0 || row.contains("role")) continue;
      text += text_of(row);
      text += "\n\n";
      if (text.size() >= bytes) return text.substr(0, bytes);
    }
  return text;
}
