#include "config/feed_loader.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <boost/json.hpp>

namespace llmsec::config {

namespace json = boost::json;

std::optional<FeedSpec> load_feed(const std::string& path, Diagnostics& diag) {
  std::ifstream in(path);
  if (!in) {
    diag.error(path, "cannot read feed file");
    return std::nullopt;
  }
  FeedSpec feed;
  feed.name = std::filesystem::path(path).stem().string();
  const std::size_t errors_before = diag.errors().size();
  std::set<std::string> ids;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto fail = [&](std::size_t column, const std::string& message) {
      diag.error(path + ":" + std::to_string(number) + ":" + std::to_string(column), message);
    };
    json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t used = parser.write(line, ec);
    if (!ec) parser.finish(ec);
    if (ec) {
      fail(used + 1, "bad JSON: " + ec.message());
      continue;
    }
    const json::value row = parser.release();
    const json::object* object = row.if_object();
    const auto text_field = [&](std::string_view key) -> const json::string* {
      if (!object) return nullptr;
      const json::value* v = object->if_contains(key);
      return v ? v->if_string() : nullptr;
    };
    const json::string* id = text_field("id");
    const json::string* category = text_field("category");
    const json::string* text = text_field("text");
    if (!id || !category || !text || id->empty() || category->empty()) {
      fail(1, "expected {\"id\": \"...\", \"category\": \"...\", \"text\": \"...\"}");
      continue;
    }
    if (!ids.insert(std::string(*id)).second) {
      fail(1, "duplicate id '" + std::string(*id) + "'");
      continue;
    }
    feed.entries.push_back({std::string(*id), std::string(*category), std::string(*text)});
  }
  if (diag.errors().size() != errors_before) return std::nullopt;
  if (feed.entries.empty()) {
    diag.error(path, "empty feed");
    return std::nullopt;
  }
  return feed;
}

}  // namespace llmsec::config
