#include "gateway/scan_api.h"

#include <algorithm>
#include <cmath>

#include "core/policy.h"
#include "core/redaction.h"

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

// OpenAI message content is a string or an array of parts; the text parts are what the
// model reads.
Result<std::string> message_text(const json::value& content) {
  if (content.is_string()) return std::string(content.get_string());
  if (content.is_null()) return std::string();
  if (!content.is_array()) return Error{"message content must be a string or an array of parts"};
  std::string text;
  for (const json::value& part : content.get_array()) {
    const json::object* object = part.if_object();
    if (!object) return Error{"content parts must be objects"};
    const json::value* t = object->if_contains("text");
    if (t && t->is_string()) {
      if (!text.empty()) text += '\n';
      text += t->get_string();
    }
  }
  return text;
}

double round3(double x) {
  return std::round(x * 1000.0) / 1000.0;
}

}  // namespace

Result<ScanRequest> parse_scan_request(const json::value& body) {
  const json::object* object = body.if_object();
  if (!object) return Error{"expected a JSON object"};
  ScanRequest request;
  if (const json::value* id = object->if_contains("id")) request.id = *id;

  if (const json::value* d = object->if_contains("direction")) {
    if (!d->is_string()) return Error{"'direction' must be \"input\" or \"output\""};
    request.direction = parse_direction(d->get_string());
    if (!request.direction) return Error{"'direction' must be \"input\" or \"output\""};
  }
  if (const json::value* p = object->if_contains("policy")) {
    if (!p->is_string()) return Error{"'policy' must be a string"};
    request.policy = std::string(p->get_string());
  }

  const json::value* text = object->if_contains("text");
  const json::value* messages = object->if_contains("messages");
  if (text && messages) return Error{"give either 'text' or 'messages', not both"};
  if (text) {
    if (!text->is_string()) return Error{"'text' must be a string"};
    Segment segment{
        .role = Role::kUser, .text = std::string(text->get_string()), .source = "/text"};
    if (const json::value* r = object->if_contains("role")) {
      auto role = r->is_string() ? parse_role(r->get_string()) : std::nullopt;
      if (!role) return Error{"unknown 'role'"};
      segment.role = *role;
    }
    request.segments.push_back(std::move(segment));
    return request;
  }
  if (!messages) return Error{"missing 'text' or 'messages'"};
  if (!messages->is_array()) return Error{"'messages' must be an array"};
  request.messages_form = true;
  const json::array& list = messages->get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json::object* message = list[i].if_object();
    if (!message) return Error{"messages[" + std::to_string(i) + "] must be an object"};
    Segment segment{.role = Role::kUser, .source = "/messages/" + std::to_string(i) + "/content"};
    if (const json::value* r = message->if_contains("role")) {
      auto role = r->is_string() ? parse_role(r->get_string()) : std::nullopt;
      if (!role) return Error{"messages[" + std::to_string(i) + "]: unknown role"};
      segment.role = *role;
    }
    const json::value* content = message->if_contains("content");
    auto content_text = content ? message_text(*content) : Result<std::string>(std::string());
    if (!content_text)
      return Error{"messages[" + std::to_string(i) + "]: " + content_text.error().message};
    segment.text = std::move(*content_text);
    request.segments.push_back(std::move(segment));
  }
  return request;
}

Result<json::object> run_scan(const config::Snapshot& snapshot, const ScanRequest& request,
                              const std::string& policy_name, Direction default_direction) {
  const std::string& name = request.policy ? *request.policy : policy_name;
  const Policy* policy = snapshot.find_policy(name);
  if (!policy) return Error{"unknown policy '" + name + "'"};
  const Direction direction = request.direction.value_or(default_direction);

  const auto [report, decision] = evaluate(snapshot.pipeline, request.segments, *policy, direction);

  json::object out;
  out["id"] = request.id;
  out["action"] = to_string(decision.action);
  // Monitor mode forwards everything; what the policy would have done stays visible.
  if (decision.verdict != decision.action) out["would_action"] = to_string(decision.verdict);
  out["policy"] = policy->name;
  out["risk"] = round3(report.risk);
  json::object scores;
  for (const auto& [category, score] : report.scores) scores[category] = round3(score);
  out["scores"] = std::move(scores);

  std::vector<const Finding*> ordered;
  for (const Finding& f : report.findings) ordered.push_back(&f);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->segment, a->start, a->end) < std::tie(b->segment, b->start, b->end);
  });
  json::array findings;
  for (const Finding* f : ordered) {
    json::object item{
        {"detector", f->detector},
        {"category", f->category},
        {"rule", f->rule},
        {"severity", to_string(f->severity)},
        {"score", round3(f->score)},
        {"start", f->start},
        {"end", f->end},
    };
    if (request.messages_form) item["segment"] = f->segment;
    findings.push_back(std::move(item));
  }
  out["findings"] = std::move(findings);
  if (const Reason* top = decision.deciding()) {
    out["reason"] = {{"category", top->category},
                     {"detector", top->detector},
                     {"rule", top->rule},
                     {"policy_rule", top->policy_rule}};
  }
  json::array shadow;
  for (const Reason& r : decision.reasons)
    if (r.shadow)
      shadow.push_back({{"policy_rule", r.policy_rule},
                        {"action", to_string(r.action)},
                        {"category", r.category}});
  if (!shadow.empty()) out["shadow"] = std::move(shadow);

  if (decision.action == Action::kRedact) {
    Pseudonyms names;  // consistent placeholders across the messages of one scan
    const auto redacted = redact_segments(request.segments, decision.redactions, &names);
    auto text_of = [&](std::size_t i) { return redacted[i].value_or(request.segments[i].text); };
    if (!request.messages_form) {
      out["text"] = text_of(0);
    } else {
      json::array messages;
      for (std::size_t i = 0; i < request.segments.size(); ++i)
        messages.push_back(
            {{"role", to_string(request.segments[i].role)}, {"content", text_of(i)}});
      out["messages"] = std::move(messages);
    }
  }
  return out;
}

json::object scan_error(const json::value& id, std::string_view message) {
  return json::object{{"id", id}, {"error", message}};
}

}  // namespace llmsec::gateway
