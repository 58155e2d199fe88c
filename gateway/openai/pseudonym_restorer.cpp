#include "gateway/openai/pseudonym_restorer.h"

#include <chrono>
#include <map>
#include <optional>

#include <boost/json.hpp>

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxBufferedBody = 64 * 1024 * 1024;
constexpr std::size_t kMaxEventLine = 4 * 1024 * 1024;

// Every string in `value`, restored.
void restore_strings(json::value& value, const Pseudonyms& names) {
  if (value.is_string()) {
    const json::string& s = value.get_string();
    if (s.find('[') != json::string::npos) value = names.restore(std::string_view(s));
  } else if (value.is_array()) {
    for (json::value& v : value.get_array()) restore_strings(v, names);
  } else if (value.is_object()) {
    for (auto& entry : value.get_object()) restore_strings(entry.value(), names);
  }
}

std::string json_escaped(std::string_view value) {
  const std::string quoted = json::serialize(json::string(value));
  return quoted.substr(1, quoted.size() - 2);
}

// A whole JSON answer: restored once it is complete.
class JsonRestorer final : public BodyRewriter {
 public:
  explicit JsonRestorer(const Pseudonyms& names) : names_(names) {}

  std::string push(std::string_view bytes) override {
    if (body_.size() + bytes.size() > kMaxBufferedBody) {  // too large to parse: stream it
      std::string out = names_.restore(body_, json_escaped) + names_.restore(bytes, json_escaped);
      body_.clear();
      overflowed_ = true;
      return out;
    }
    if (overflowed_) return names_.restore(bytes, json_escaped);
    body_.append(bytes);
    return {};
  }

  std::string finish() override {
    boost::system::error_code ec;
    json::value value = json::parse(body_, ec);
    if (ec) return names_.restore(body_, json_escaped);
    restore_strings(value, names_);
    return json::serialize(value);
  }

 private:
  const Pseudonyms& names_;
  std::string body_;
  bool overflowed_ = false;
};

// A server-sent event stream of chat completion chunks.
class EventStreamRestorer final : public BodyRewriter {
 public:
  explicit EventStreamRestorer(const Pseudonyms& names) : names_(names) {}

  std::string push(std::string_view bytes) override {
    line_.append(bytes);
    std::string out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = line_.find('\n', start)) != std::string::npos; start = nl + 1)
      out += rewrite_line(std::string_view(line_).substr(start, nl + 1 - start));
    line_.erase(0, start);
    std::size_t held = 0;
    for (const auto& [key, r] : restorers_) held += r->held_back();
    max_held_back_ = std::max(max_held_back_, held);
    track_hold(held > 0);
    if (line_.size() > kMaxEventLine) {  // not an event stream we understand
      out += line_;
      line_.clear();
    }
    return out;
  }

  std::string finish() override {
    std::string out = rewrite_line(line_);
    line_.clear();
    track_hold(false);
    // Whatever a stream cut short still holds back.
    for (auto& [key, restorer] : restorers_) out += restorer->finish();
    return out;
  }

 private:
  using Key = std::pair<std::int64_t, std::int64_t>;  // choice index, tool call index (-1)

  StreamRestorer& restorer(Key key) {
    auto& slot = restorers_[key];
    if (!slot) slot = std::make_unique<StreamRestorer>(names_);
    return *slot;
  }

  // Restores `field` of `object` through the restorer of `key`; with `last`, flushes it.
  void restore_field(json::object& object, const char* field, Key key, bool last) {
    json::value* v = object.if_contains(field);
    std::string text = v && v->is_string() ? std::string(v->get_string()) : std::string();
    if (!v && !last && !restorers_.contains(key)) return;
    std::string restored = restorer(key).push(text);
    if (last) restored += restorer(key).finish();
    if (v || !restored.empty()) object[field] = restored;
  }

  std::string rewrite_line(std::string_view line) {
    if (!line.starts_with("data:")) return std::string(line);
    std::string_view payload = line.substr(5);
    const bool crlf = payload.ends_with("\r\n");
    while (!payload.empty() && (payload.back() == '\n' || payload.back() == '\r'))
      payload.remove_suffix(1);
    boost::system::error_code ec;
    json::value event = json::parse(payload, ec);
    json::array* choices = nullptr;
    if (!ec && event.is_object())
      if (json::value* c = event.get_object().if_contains("choices"); c && c->is_array())
        choices = &c->get_array();
    if (!ec && event.is_object() && !choices) {
      // Responses API events carry text in "delta" (and whole in "text" when done). Each
      // delta is restored on its own: a placeholder split across two deltas stays as is.
      json::object& e = event.get_object();
      for (const char* field : {"delta", "text"})
        if (json::value* v = e.if_contains(field); v && v->is_string())
          *v = names_.restore(std::string_view(v->get_string()));
      return "data: " + json::serialize(event) + (crlf ? "\r\n" : "\n");
    }
    if (!choices) return std::string(line);
    for (json::value& choice_value : *choices) {
      json::object* choice = choice_value.if_object();
      if (!choice) continue;
      const std::int64_t index = choice->contains("index") && choice->at("index").is_int64()
                                     ? choice->at("index").get_int64()
                                     : 0;
      const bool last = choice->contains("finish_reason") && !choice->at("finish_reason").is_null();
      // Legacy completions stream "text" in the choice itself.
      if (choice->contains("text")) restore_field(*choice, "text", {index, -2}, last);
      json::value* delta = choice->if_contains("delta");
      if (!delta || !delta->is_object()) continue;
      json::object& d = delta->get_object();
      restore_field(d, "content", {index, -1}, last);
      if (json::value* calls = d.if_contains("tool_calls"); calls && calls->is_array()) {
        for (json::value& call : calls->get_array()) {
          json::object* c = call.if_object();
          if (!c) continue;
          const std::int64_t tool =
              c->contains("index") && c->at("index").is_int64() ? c->at("index").get_int64() : 0;
          if (json::value* fn = c->if_contains("function"); fn && fn->is_object())
            restore_field(fn->get_object(), "arguments", {index, tool}, last);
        }
      }
      if (last) {  // tool-call arguments still held back end with the choice too
        for (auto& [key, r] : restorers_) {
          if (key.first != index || key.second < 0 || r->held_back() == 0) continue;
          json::value& calls = d["tool_calls"];
          if (!calls.is_array()) calls = json::array();
          calls.get_array().push_back(
              {{"index", key.second}, {"function", {{"arguments", r->finish()}}}});
        }
      }
    }
    return "data: " + json::serialize(event) + (crlf ? "\r\n" : "\n");
  }

  std::size_t max_held_back() const override { return max_held_back_; }
  double max_held_back_seconds() const override { return max_held_seconds_; }

  // Times each stretch during which some text was held back.
  void track_hold(bool holding) {
    const auto now = std::chrono::steady_clock::now();
    if (holding && !holding_since_) holding_since_ = now;
    if (!holding && holding_since_) {
      max_held_seconds_ =
          std::max(max_held_seconds_, std::chrono::duration<double>(now - *holding_since_).count());
      holding_since_.reset();
    }
  }

  const Pseudonyms& names_;
  std::string line_;
  std::map<Key, std::unique_ptr<StreamRestorer>> restorers_;
  std::size_t max_held_back_ = 0;
  std::optional<std::chrono::steady_clock::time_point> holding_since_;
  double max_held_seconds_ = 0.0;
};

}  // namespace

std::unique_ptr<BodyRewriter> make_pseudonym_restorer(const Pseudonyms& names, bool event_stream) {
  if (event_stream) return std::make_unique<EventStreamRestorer>(names);
  return std::make_unique<JsonRestorer>(names);
}

}  // namespace llmsec::gateway
