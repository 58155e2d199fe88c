// The event stream half of AnswerGuard (answer_guard.h). Server-sent events are parsed
// here rather than by a library: the format is a dozen lines of grammar, and the guard
// needs each event whole, in order, with its bytes under its own bound.
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <boost/json.hpp>

#include "gateway/json_text.h"
#include "gateway/openai/answer_guard.h"
#include "gateway/openai/sse.h"

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

// An event larger than this is not OpenAI's; the stream is stopped rather than relayed
// unscanned.
constexpr std::size_t kMaxEventBytes = 4 * 1024 * 1024;

std::int64_t int_field(const json::object& object, const char* field) {
  const json::value* v = object.if_contains(field);
  return v && v->is_int64() ? v->get_int64() : 0;
}

const json::string* string_field(const json::object& object, const char* field) {
  const json::value* v = object.if_contains(field);
  return v && v->is_string() ? &v->get_string() : nullptr;
}

class EventStreamGuard final : public AnswerGuard {
 public:
  explicit EventStreamGuard(const AnswerGuardOptions& options) : options_(options) {
    options_.stream.exchange_detector = options_.exchange_detector.get();
  }

  std::string push(std::string_view bytes) override {
    std::string out;
    // CRLF and LF lines alike; JSON never holds a raw CR.
    if (bytes.find('\r') == std::string_view::npos)
      buffer_.append(bytes);
    else
      for (char c : bytes)
        if (c != '\r') buffer_ += c;
    std::size_t start = 0;
    for (std::size_t end; !stopped_ && (end = buffer_.find("\n\n", start)) != std::string::npos;
         start = end + 2)
      out += on_event(std::string_view(buffer_).substr(start, end - start));
    buffer_.erase(0, stopped_ ? buffer_.size() : start);
    if (buffer_.size() > kMaxEventBytes) out += stop_stream();
    track_hold();
    return out;
  }

  std::string finish() override {
    std::string out;
    if (!stopped_ && buffer_.find_first_not_of('\n') != std::string::npos) out += on_event(buffer_);
    buffer_.clear();
    if (!stopped_) out += flush_all();  // a stream cut short: what is still held back
    holding_since_.reset();
    return out;
  }

  bool stopped() const override { return stopped_; }
  std::size_t max_held_back() const override { return max_held_back_; }
  double max_held_back_seconds() const override { return max_held_seconds_; }
  const Decision& decision() const override { return decision_; }
  const std::vector<Finding>& findings() const override { return findings_; }
  double scan_seconds() const override { return scan_seconds_; }

 private:
  enum class Part { kContent, kRefusal, kTool, kText };
  // (choice or output index, part, tool call or content index)
  using Key = std::tuple<std::int64_t, Part, std::int64_t>;

  struct Channel {
    std::unique_ptr<StreamScanner> scanner;
    std::unique_ptr<StreamRestorer> restorer;
    std::string released;  // all of it, for the events that repeat a whole text
    bool finished = false;
    std::size_t held_back() const {
      return (scanner ? scanner->held_back() : 0) + (restorer ? restorer->held_back() : 0);
    }
  };

  Channel& channel(const Key& key) {
    auto& slot = channels_[key];
    if (!slot) {
      slot = std::make_unique<Channel>();
      if (options_.pipeline)
        slot->scanner =
            std::make_unique<StreamScanner>(*options_.pipeline, *options_.policy, options_.stream);
      if (options_.names && !options_.names->empty())
        slot->restorer = std::make_unique<StreamRestorer>(*options_.names);
    }
    return *slot;
  }

  // `text` through the channel's scanner and restorer; `last` ends the channel.
  std::string pass(const Key& key, std::string_view text, bool last) {
    Channel& c = channel(key);
    if (c.finished) return std::string(text);
    std::string out(text);
    if (c.scanner) {
      const auto started = std::chrono::steady_clock::now();
      c.scanner->append(text);
      StreamRelease r = last ? c.scanner->finish() : c.scanner->release();
      scan_seconds_ +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      record(r, std::get<0>(key));
      if (r.blocked) {
        blocked_ = true;
        return {};
      }
      out = std::move(r.text);
    }
    if (c.restorer) {
      out = c.restorer->push(out);
      if (last) out += c.restorer->finish();
    }
    c.released += out;
    c.finished = last;
    if (last && std::get<1>(key) == Part::kContent) check_format(c.released, std::get<0>(key));
    return out;
  }

  // A whole text against the JSON format the request asked for: a finding decided by the
  // policy like any other, which may end the stream.
  void check_format(const std::string& text, std::int64_t index) {
    if (!options_.json_format || !options_.policy) return;
    auto f = check_json_format(*options_.json_format, text, 0);
    if (!f) return;
    ScanReport report;
    report.findings.push_back(*f);
    report.roles = {Role::kAssistant};
    rescore(report);
    Decision d = decide(report, *options_.policy, Direction::kOutput);
    f->segment = static_cast<std::size_t>(std::max<std::int64_t>(index, 0));
    findings_.push_back(std::move(*f));
    if (d.action == Action::kBlock) blocked_ = true;
    merge(decision_, std::move(d));
  }

  // Whether `key` has text that only its end will release.
  bool unfinished(const Key& key) const {
    auto it = channels_.find(key);
    return it != channels_.end() && !it->second->finished;
  }

  // Keeps a release's decision and findings, with the channel as their segment.
  void record(StreamRelease& r, std::int64_t index) {
    merge(decision_, std::move(r.decision));
    for (Finding& f : r.findings) {
      f.segment = static_cast<std::size_t>(std::max<std::int64_t>(index, 0));
      findings_.push_back(std::move(f));
    }
  }

  std::string on_event(std::string_view event) {
    std::string name;
    std::string data;
    bool has_data = false;
    std::string other;  // comments, id: and retry: lines, kept in place
    for (std::size_t at = 0; at <= event.size();) {
      std::size_t nl = event.find('\n', at);
      if (nl == std::string_view::npos) nl = event.size();
      const std::string_view line = event.substr(at, nl - at);
      at = nl + 1;
      if (line.starts_with("data:")) {
        std::string_view value = line.substr(5);
        if (value.starts_with(' ')) value.remove_prefix(1);
        if (has_data) data += '\n';
        data += value;
        has_data = true;
      } else if (line.starts_with("event:")) {
        std::string_view value = line.substr(6);
        if (value.starts_with(' ')) value.remove_prefix(1);
        name = value;
      } else if (!line.empty()) {
        other += line;
        other += '\n';
      }
    }
    if (!has_data) return std::string(event) + "\n\n";
    if (data == "[DONE]") return flush_all() + other + std::string(kSseDone);
    boost::system::error_code ec;
    json::value value = json::parse(data, ec);
    if (ec || !value.is_object()) return std::string(event) + "\n\n";
    json::object& object = value.get_object();
    std::string before;  // events the guard adds ahead of this one
    if (object.contains("choices"))
      on_chat_chunk(object);
    else if (string_field(object, "type"))
      on_responses_event(object, before);
    if (blocked_) return before + stop_stream();
    std::string out = std::move(before);
    out += other;
    out += sse_event(value, name);
    return out;
  }

  // A chat completion chunk, or a legacy completion's.
  void on_chat_chunk(json::object& chunk) {
    template_ = chunk;
    template_.erase("choices");
    template_.erase("usage");
    json::value* choices = chunk.if_contains("choices");
    if (!choices->is_array()) return;
    for (json::value& v : choices->get_array()) {
      json::object* choice = v.if_object();
      if (!choice) continue;
      const std::int64_t i = int_field(*choice, "index");
      choice_indices_.insert(i);
      const json::value* reason = choice->if_contains("finish_reason");
      const bool last = reason && !reason->is_null();
      if (string_field(*choice, "text")) {
        completion_ = true;
        (*choice)["text"] = pass({i, Part::kText, 0}, *string_field(*choice, "text"), last);
      } else if (last && unfinished({i, Part::kText, 0})) {
        (*choice)["text"] = pass({i, Part::kText, 0}, "", true);
      }
      json::value* d = choice->if_contains("delta");
      if (d && d->is_object()) {
        json::object& delta = d->get_object();
        for (auto [field, part] :
             {std::pair{"content", Part::kContent}, {"refusal", Part::kRefusal}})
          if (const json::string* text = string_field(delta, field))
            delta[field] = pass({i, part, 0}, *text, last);
          else if (last && unfinished({i, part, 0}))
            delta[field] = pass({i, part, 0}, "", true);
        if (json::value* calls = delta.if_contains("tool_calls"); calls && calls->is_array())
          for (json::value& call : calls->get_array())
            if (json::object* c = call.if_object())
              if (json::value* fn = c->if_contains("function"); fn && fn->is_object())
                if (const json::string* args = string_field(fn->get_object(), "arguments"))
                  fn->get_object()["arguments"] =
                      pass({i, Part::kTool, int_field(*c, "index")}, *args, last);
        if (last) {  // tool calls whose arguments are still held back end with the choice
          for (auto& [key, channel] : channels_) {
            if (std::get<0>(key) != i || std::get<1>(key) != Part::kTool || channel->finished)
              continue;
            std::string rest = pass(key, "", true);
            if (rest.empty()) continue;
            json::value& list = delta["tool_calls"];
            if (!list.is_array()) list = json::array();
            list.get_array().push_back(
                {{"index", std::get<2>(key)}, {"function", {{"arguments", rest}}}});
          }
        }
      }
      if (blocked_) return;
    }
  }

  // A responses API event: text deltas pass through their channel, and events that repeat
  // a whole text get what was released instead.
  void on_responses_event(json::object& event, std::string& before) {
    const std::string type(*string_field(event, "type"));
    const std::int64_t output = int_field(event, "output_index");
    const std::int64_t content = int_field(event, "content_index");
    if (type == "response.created" || type == "response.in_progress") {
      if (const json::value* r = event.if_contains("response")) response_ = *r;
      sequence_ = int_field(event, "sequence_number");
      return;
    }
    sequence_ = std::max(sequence_, int_field(event, "sequence_number"));
    struct Stream {
      const char* delta_type;
      const char* done_type;
      const char* done_field;
      Part part;
    };
    for (const Stream& s :
         {Stream{"response.output_text.delta", "response.output_text.done", "text", Part::kContent},
          Stream{"response.refusal.delta", "response.refusal.done", "refusal", Part::kRefusal},
          Stream{"response.function_call_arguments.delta", "response.function_call_arguments.done",
                 "arguments", Part::kTool}}) {
      const Key key{output, s.part, s.part == Part::kTool ? 0 : content};
      if (type == s.delta_type) {
        if (const json::string* delta = string_field(event, "delta"))
          event["delta"] = pass(key, *delta, false);
        return;
      }
      if (type == s.done_type) {
        const json::string* whole = string_field(event, s.done_field);
        std::string rest = whole_text(key, whole ? std::string_view(*whole) : std::string_view());
        if (!rest.empty() && !blocked_) {  // what only the end released goes out as a delta
          json::object delta = event;
          delta["type"] = s.delta_type;
          delta.erase(s.done_field);
          delta["delta"] = rest;
          before += sse_event(delta, s.delta_type);
        }
        event[s.done_field] = channel(key).released;
        return;
      }
    }
    if (type == "response.content_part.added" || type == "response.content_part.done") {
      if (json::value* part = event.if_contains("part"); part && part->is_object())
        rewrite_part(part->get_object(), output, content, type.ends_with(".done"));
    } else if (type == "response.output_item.added" || type == "response.output_item.done") {
      if (json::value* item = event.if_contains("item"); item && item->is_object())
        rewrite_item(item->get_object(), output, type.ends_with(".done"));
    } else if (type == "response.completed" || type == "response.incomplete" ||
               type == "response.failed") {
      json::value* r = event.if_contains("response");
      json::value* items = r && r->is_object() ? r->get_object().if_contains("output") : nullptr;
      if (items && items->is_array())
        for (std::size_t k = 0; k < items->get_array().size(); ++k)
          if (json::object* item = items->get_array()[k].if_object())
            rewrite_item(*item, static_cast<std::int64_t>(k), true);
      if (r && r->is_object()) r->get_object().erase("output_text");
    }
  }

  // Ends the channel with `whole` when nothing of it was streamed (so that it is scanned
  // all the same); returns what the end released.
  std::string whole_text(const Key& key, std::string_view whole) {
    if (!channels_.contains(key)) return pass(key, whole, true);
    return unfinished(key) ? pass(key, "", true) : std::string();
  }

  void rewrite_text(json::object& object, const char* field, const Key& key, bool done) {
    const json::string* text = string_field(object, field);
    if (!text || (!done && text->empty())) return;
    whole_text(key, *text);
    object[field] = channel(key).released;
  }

  void rewrite_part(json::object& part, std::int64_t output, std::int64_t content, bool done) {
    rewrite_text(part, "text", {output, Part::kContent, content}, done);
    rewrite_text(part, "refusal", {output, Part::kRefusal, content}, done);
  }

  void rewrite_item(json::object& item, std::int64_t output, bool done) {
    rewrite_text(item, "arguments", {output, Part::kTool, 0}, done);
    json::value* parts = item.if_contains("content");
    if (!parts || !parts->is_array()) return;
    for (std::size_t p = 0; p < parts->get_array().size(); ++p)
      if (json::object* part = parts->get_array()[p].if_object())
        rewrite_part(*part, output, static_cast<std::int64_t>(p), done);
  }

  // Every channel still holding text, ended, as events of the stream's kind.
  std::string flush_all() {
    std::string out;
    for (auto& [key, c] : channels_) {
      if (c->finished) continue;
      const std::string rest = pass(key, "", true);
      if (blocked_) return stop_stream();
      if (rest.empty()) continue;
      const auto [index, part, sub] = key;
      if (!response_.is_null()) {
        const bool tool = part == Part::kTool;
        json::object delta{{"type", tool ? "response.function_call_arguments.delta"
                                         : "response.output_text.delta"},
                           {"output_index", index},
                           {"delta", rest}};
        if (!tool) delta["content_index"] = sub;
        out += sse_event(delta, std::string(delta["type"].get_string()));
        continue;
      }
      json::object choice{{"index", index}, {"finish_reason", nullptr}};
      if (part == Part::kText) {
        choice["text"] = rest;
      } else {
        json::object delta;
        if (part == Part::kTool)
          delta["tool_calls"] = {{{"index", sub}, {"function", {{"arguments", rest}}}}};
        else
          delta[part == Part::kContent ? "content" : "refusal"] = rest;
        choice["delta"] = std::move(delta);
      }
      json::object chunk = template_;
      chunk["choices"] = json::array{std::move(choice)};
      out += sse_event(chunk);
    }
    return out;
  }

  // The end of a blocked stream, in the form OpenAI's clients understand.
  std::string stop_stream() {
    stopped_ = true;
    if (!response_.is_null()) {
      json::value response = response_;
      if (json::object* r = response.if_object()) {
        (*r)["status"] = "incomplete";
        (*r)["incomplete_details"] = {{"reason", "content_filter"}};
        (*r)["output"] = json::array();
      }
      return sse_event({{"type", "response.incomplete"},
                        {"sequence_number", sequence_ + 1},
                        {"response", std::move(response)}},
                       "response.incomplete");
    }
    json::object chunk = template_;
    json::array choices;
    if (choice_indices_.empty()) choice_indices_.insert(0);
    for (const std::int64_t index : choice_indices_) {
      json::object choice{{"index", index}, {"finish_reason", "content_filter"}};
      if (completion_)
        choice["text"] = "";
      else
        choice["delta"] = json::object();
      choices.push_back(std::move(choice));
    }
    chunk["choices"] = std::move(choices);
    return sse_event(chunk) + std::string(kSseDone);
  }

  // The most one channel held back, and for how long text was held back at a stretch.
  void track_hold() {
    std::size_t held = 0;
    for (const auto& [key, c] : channels_) held = std::max(held, c->held_back());
    max_held_back_ = std::max(max_held_back_, held);
    const auto now = std::chrono::steady_clock::now();
    if (held > 0 && !holding_since_) holding_since_ = now;
    if (held == 0 && holding_since_) {
      max_held_seconds_ =
          std::max(max_held_seconds_, std::chrono::duration<double>(now - *holding_since_).count());
      holding_since_.reset();
    }
  }

  AnswerGuardOptions options_;
  std::string buffer_;
  std::map<Key, std::unique_ptr<Channel>> channels_;
  bool blocked_ = false;
  bool stopped_ = false;
  // What the block ending is built from: a chat chunk's id, model and object, or the
  // response the responses stream began with.
  json::object template_;
  std::set<std::int64_t> choice_indices_;
  bool completion_ = false;
  json::value response_;
  std::int64_t sequence_ = 0;
  Decision decision_;
  std::vector<Finding> findings_;
  double scan_seconds_ = 0.0;
  std::size_t max_held_back_ = 0;
  std::optional<std::chrono::steady_clock::time_point> holding_since_;
  double max_held_seconds_ = 0.0;
};

}  // namespace

std::unique_ptr<AnswerGuard> make_event_stream_guard(const AnswerGuardOptions& options) {
  return std::make_unique<EventStreamGuard>(options);
}

}  // namespace llmsec::gateway
