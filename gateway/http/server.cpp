#include "gateway/http/server.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <variant>
#include <vector>

#include <unistd.h>

#include <openssl/crypto.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json.hpp>

#include "core/detectors/leakage_detector.h"
#include "core/policy.h"
#include "gateway/audit_log.h"
#include "gateway/audit_record.h"
#include "gateway/client_keys.h"
#include "gateway/emergency.h"
#include "gateway/http/upstream_client.h"
#include "gateway/json_text.h"
#include "gateway/metrics.h"
#include "gateway/notifier.h"
#include "gateway/openai/answer_guard.h"
#include "gateway/openai/errors.h"
#include "gateway/openai/refusal.h"
#include "gateway/openai/request_segments.h"
#include "gateway/remote_classifier.h"
#include "gateway/scan_api.h"
#include "gateway/shared_state.h"

namespace llmsec::gateway {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using SnapshotPtr = std::shared_ptr<const config::Snapshot>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Server::State {
  ServerOptions options;
  std::atomic<SnapshotPtr> snapshot;
  asio::io_context io;
  // One more context per extra I/O thread. Each connection lives on the context whose
  // thread accepted it, so its work never hops between cores; `io` also runs the admin
  // listener and the timers.
  std::vector<std::unique_ptr<asio::io_context>> more_io;
  asio::ssl::context tls{asio::ssl::context::tls_client};  // to upstreams
  // To upstreams with a CA file of their own, one context per file, made on first use.
  std::mutex ca_mutex;
  std::map<std::string, std::unique_ptr<asio::ssl::context>> ca_contexts;
  UpstreamPool upstream_pool;
  asio::ssl::context server_tls{asio::ssl::context::tls_server};  // from clients, when configured
  asio::thread_pool reload_pool{1};  // snapshots are built here, never on an I/O thread
  std::mutex reload_mutex;
  Metrics metrics;
  std::unique_ptr<AuditLog> audit;                // built at start-up from the first configuration
  std::unique_ptr<Notifier> notifier;             // likewise
  std::unique_ptr<SharedState> shared;            // the emergency switch, maybe shared via Redis
  RemoteClassifiers remote_classifiers{metrics};  // circuits outlive requests and reloads
  std::atomic<int> in_flight{0};
  std::atomic<int> connections{0};
  std::atomic<std::uint64_t> request_counter{0};
  std::string request_id_prefix;
};

namespace {

struct ReloadResult {
  bool ok = false;
  std::string message;
};

// Builds a snapshot from the files and swaps it in; the old one keeps serving on errors.
ReloadResult reload_now(Server::State& state) {
  std::lock_guard lock(state.reload_mutex);
  auto loaded = config::load_snapshot(state.options.config_path, state.options.overrides);
  state.metrics.count_reload(loaded.ok());
  if (!loaded) {
    std::cerr << "llmsec: reload failed; the previous configuration keeps serving:\n"
              << loaded.error().message << std::flush;
    state.notifier->notify(Severity::kHigh,
                           {{"event", "reload_failure"},
                            {"config", state.options.config_path},
                            {"errors", loaded.error().message}},
                           "llmsec: configuration reload failed; the previous configuration "
                           "keeps serving. " +
                               loaded.error().message);
    return {false, loaded.error().message};
  }
  const SnapshotPtr old = state.snapshot.exchange(*loaded);
  std::string message = "reloaded " + state.options.config_path;
  // Listeners and threads are bound once; say so rather than pretend.
  const auto& before = old->config.server;
  const auto& after = (*loaded)->config.server;
  if (before.listen != after.listen || before.admin != after.admin ||
      before.threads != after.threads || before.tls_cert != after.tls_cert ||
      before.tls_key != after.tls_key)
    message +=
        "; server.listen, server.admin, server.threads and server.tls take effect on restart";
  if (!(old->config.state == (*loaded)->config.state)) message += "; state takes effect on restart";
  std::cerr << "llmsec: " << message << std::endl;
  return {true, message};
}

asio::awaitable<ReloadResult> reload(Server::State& state) {
  co_return co_await asio::co_spawn(
      state.reload_pool,
      [&state]() -> asio::awaitable<ReloadResult> { co_return reload_now(state); },
      asio::use_awaitable);
}

Result<tcp::endpoint> parse_endpoint(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) return Error{"expected HOST:PORT, got '" + text + "'"};
  std::string host = text.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) return Error{"'" + host + "' is not an IP address"};
  unsigned long port = 0;
  try {
    port = std::stoul(text.substr(colon + 1));
  } catch (...) {
    return Error{"bad port in '" + text + "'"};
  }
  if (port > 65535) return Error{"bad port in '" + text + "'"};
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

Response make_response(const Request& request, http::status status, std::string body,
                       std::string_view content_type, const std::string& request_id) {
  Response response(status, request.version());
  response.set(http::field::content_type, content_type);
  response.set("x-request-id", request_id);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response error_response(const Request& request, http::status status, std::string_view message,
                        std::string_view type, std::string_view code, const std::string& id) {
  return make_response(request, status, openai_error_body(message, type, code), "application/json",
                       id);
}

Response json_response(const Request& request, http::status status, const json::object& body,
                       const std::string& id) {
  return make_response(request, status, json_text(body) + "\n", "application/json", id);
}

// The OpenAI error code a block of this category carries.
std::string block_code(std::string_view category) {
  return std::string(category) + "_detected";
}

// Headers that describe one hop, not the message (RFC 9110 section 7.6.1).
void strip_hop_by_hop(Request& request) {
  for (auto field :
       {http::field::connection, http::field::keep_alive, http::field::proxy_authenticate,
        http::field::proxy_authorization, http::field::te, http::field::trailer,
        http::field::transfer_encoding, http::field::upgrade, http::field::accept_encoding})
    request.erase(field);
}

std::string new_request_id(Server::State& state) {
  return state.request_id_prefix + std::to_string(++state.request_counter);
}

std::string next_request_id(Server::State& state, const Request& request) {
  if (auto it = request.find("x-request-id");
      it != request.end() && !it->value().empty() && it->value().size() <= 128)
    return std::string(it->value());
  return new_request_id(state);
}

Result<json::value> parse_json_body(const std::string& body, unsigned max_depth) {
  json::parse_options limits;
  limits.max_depth = max_depth;
  boost::system::error_code ec;
  json::value value = json::parse(body, ec, {}, limits);
  if (ec) return Error{"The request body is not valid JSON: " + ec.message()};
  return value;
}

struct Guarded {
  std::optional<Response> local;      // the answer to send instead of forwarding
  std::unique_ptr<Pseudonyms> names;  // placeholders to put back into the answer
  bool stream = false;
  std::vector<std::string> instructions;  // system and developer texts, to spot leaks
  std::string canary;                     // added to the instructions; empty: none
  std::optional<JsonFormat> json_format;  // the request asked for JSON
};

// What the gateway knows of a scanned exchange when its answer comes back.
struct Exchange {
  EndpointKind endpoint;
  const Policy* policy;
  AuditContext audit;
};

// The output guard of an exchange's answer: the output policy (monitor-only while the
// emergency switch says so) and the request's pseudonyms to put back.
std::unique_ptr<AnswerGuard> guard_answer(const config::Snapshot& snapshot,
                                          const Exchange& exchange, const Policy& policy,
                                          const Guarded& guarded) {
  AnswerGuardOptions options{
      .pipeline = &snapshot.pipeline,
      .policy = &policy,
      .endpoint = exchange.endpoint,
      .names = guarded.names.get(),
      .json_format = guarded.json_format,
      .stream = {.max_hold_back = snapshot.config.server.max_stream_hold_back}};
  if (!guarded.instructions.empty() || !guarded.canary.empty())
    options.exchange_detector =
        LeakageDetector::create({.instructions = guarded.instructions, .canary = guarded.canary});
  return guarded.stream ? make_event_stream_guard(options) : make_json_answer_guard(options);
}

// Metrics, audit line and notification for what the output guard did with an answer.
void record_answer(Server::State& state, const Exchange& exchange, const AnswerGuard& guard) {
  const Decision& decision = guard.decision();
  const std::vector<Finding>& findings = guard.findings();
  state.metrics.observe_scan(Direction::kOutput, guard.scan_seconds(), ScanReport{});
  state.metrics.count_findings(Direction::kOutput, findings);
  state.metrics.count_action(Direction::kOutput, decision);
  AuditContext audit = exchange.audit;
  audit.direction = Direction::kOutput;
  audit.policy = exchange.policy->name;
  audit.body = {};
  if (state.audit->enabled() && (state.audit->every_exchange() || !findings.empty())) {
    ScanReport report;
    report.findings = findings;
    rescore(report);
    state.audit->submit(audit_record(audit, report, decision));
  }
  const Reason* reason = decision.deciding();
  if (decision.action != Action::kBlock || !reason) return;
  state.metrics.count_tenant_block(audit.tenant);
  state.notifier->notify(reason->severity,
                         {{"event", "block"},
                          {"direction", "output"},
                          {"request_id", audit.request_id},
                          {"route", audit.route},
                          {"tenant", audit.tenant},
                          {"client", audit.client},
                          {"policy", exchange.policy->name},
                          {"rule", reason->policy_rule},
                          {"category", reason->category},
                          {"detector", reason->detector},
                          {"score", reason->score}},
                         "llmsec stopped an answer for " + reason->category + " (" +
                             std::string(to_string(reason->severity)) + ") by rule " +
                             reason->policy_rule + ", request " + std::string(audit.request_id));
}

// The segments with every secret and every kind of personal data tagged out ("[SECRET]",
// "[EMAIL]"), whatever the policy did with them: what prompt logging may write.
std::vector<Segment> redacted_for_logging(const std::vector<Segment>& segments,
                                          const ScanReport& report) {
  static const std::vector<std::string> kPii = PiiDetector::all_types();
  std::vector<Redaction> redactions;
  for (const Finding& f : report.findings)
    if (f.category == "secret" || std::find(kPii.begin(), kPii.end(), f.category) != kPii.end())
      redactions.push_back({.segment = f.segment,
                            .start = f.start,
                            .end = f.end,
                            .replacement = redaction_tag(f.category)});
  std::vector<Segment> out = segments;
  const auto redacted = redact_segments(segments, redactions);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (redacted[i]) out[i].text = *redacted[i];
  return out;
}

// The request format of a scanned route; nullopt for pass-through and not-found routes.
std::optional<EndpointKind> endpoint_of(config::RouteKind kind) {
  switch (kind) {
    case config::RouteKind::kChatCompletions:
      return EndpointKind::kChatCompletions;
    case config::RouteKind::kResponses:
      return EndpointKind::kResponses;
    case config::RouteKind::kCompletions:
      return EndpointKind::kCompletions;
    case config::RouteKind::kEmbeddings:
      return EndpointKind::kEmbeddings;
    default:
      return std::nullopt;
  }
}

// An OpenAI request's body and the segments to scan in it.
struct ParsedRequest {
  json::value body;
  std::vector<Segment> segments;
};

// The request's JSON and segments, or the 400 that says what is wrong with them.
std::variant<ParsedRequest, Response> parse_request(const config::Snapshot& snapshot,
                                                    EndpointKind endpoint, const Request& request,
                                                    const std::string& id) {
  auto body = parse_json_body(request.body(), snapshot.config.server.max_json_depth);
  if (!body || !body->is_object())
    return error_response(request, http::status::bad_request,
                          body ? "The request body must be a JSON object." : body.error().message,
                          "invalid_request_error", "invalid_json", id);
  auto segments = extract_segments(endpoint, body->get_object());
  if (!segments)
    return error_response(request, http::status::bad_request, segments.error().message,
                          "invalid_request_error", "invalid_request", id);
  return ParsedRequest{std::move(*body), std::move(*segments)};
}

// Scans an OpenAI request under `policy`, with the remote classifiers' verdicts as
// `extra` detectors; answers locally when blocked, rewrites it when redacted; writes the
// audit line.
Guarded guard_request(Server::State& state, const config::Snapshot& snapshot, EndpointKind endpoint,
                      const Policy& policy, Request& request, AuditContext audit,
                      ParsedRequest& parsed, std::span<const Detector* const> extra) {
  const std::string id(audit.request_id);
  json::object& body = parsed.body.get_object();
  const std::vector<Segment>& segments = parsed.segments;
  const auto scan_started = std::chrono::steady_clock::now();
  Outcome outcome = evaluate(snapshot.pipeline, segments, policy, Direction::kInput, extra);
  state.metrics.observe_scan(
      Direction::kInput,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - scan_started).count(),
      outcome.report);
  state.metrics.count_findings(Direction::kInput, outcome.report.findings);
  Decision& decision = outcome.decision;
  if (state.shared->emergency() == EmergencyMode::kMonitorAll) monitor_only(decision);
  state.metrics.count_action(Direction::kInput, decision);
  if (state.audit->enabled() &&
      (state.audit->every_exchange() || !outcome.report.findings.empty())) {
    audit.policy = policy.name;
    audit.body = request.body();
    std::vector<Segment> redacted;
    if (state.audit->log_prompts()) {
      redacted = redacted_for_logging(segments, outcome.report);
      audit.redacted_segments = &redacted;
    }
    state.audit->submit(audit_record(audit, outcome.report, decision));
  }
  if (decision.action == Action::kBlock) {
    const Reason& reason = *decision.deciding();
    state.metrics.count_tenant_block(audit.tenant);
    state.notifier->notify(
        reason.severity,
        {{"event", "block"},
         {"request_id", audit.request_id},
         {"route", audit.route},
         {"tenant", audit.tenant},
         {"client", audit.client},
         {"policy", policy.name},
         {"rule", reason.policy_rule},
         {"category", reason.category},
         {"detector", reason.detector},
         {"score", reason.score}},
        "llmsec blocked " + reason.category + " (" + std::string(to_string(reason.severity)) +
            ") by rule " + reason.policy_rule + ", request " + id +
            (audit.tenant.empty() ? "" : ", tenant " + std::string(audit.tenant)));
    const json::value* model = body.if_contains("model");
    const json::value* streamed = body.if_contains("stream");
    if (policy.refuse_as_answer)
      if (auto refusal = refusal_answer(
              endpoint, model && model->is_string() ? std::string_view(model->get_string()) : "",
              policy.refusal_message, streamed && streamed->is_bool() && streamed->get_bool())) {
        Response answer = make_response(request, http::status::ok, std::move(refusal->body),
                                        refusal->content_type, id);
        answer.set("x-llmsec-action", "block");
        answer.set("x-llmsec-rule", reason.policy_rule);
        return {std::move(answer)};
      }
    return {error_response(request, http::status::bad_request,
                           "The request was blocked by the llmsec gateway: " + reason.category +
                               " (policy rule " + reason.policy_rule + ").",
                           "invalid_request_error", block_code(reason.category), id)};
  }
  Guarded guarded;
  const json::value* stream = body.if_contains("stream");
  guarded.stream = stream && stream->is_bool() && stream->get_bool();
  guarded.json_format = requested_json_format(endpoint, body);
  for (const Segment& segment : segments)
    if (segment.role == Role::kSystem || segment.role == Role::kDeveloper)
      guarded.instructions.push_back(segment.text);
  bool rewritten = false;
  if (decision.action == Action::kRedact) {
    guarded.names = std::make_unique<Pseudonyms>();
    apply_segment_redactions(body, segments, decision.redactions, guarded.names.get());
    rewritten = true;
  }
  if (policy.canary &&
      (endpoint == EndpointKind::kChatCompletions || endpoint == EndpointKind::kResponses)) {
    // A marker the model has no reason to repeat: in an answer, it shows the instructions
    // leaked, however the answer encodes it.
    guarded.canary = LeakageDetector::new_canary();
    add_instruction(endpoint, body, "<!-- " + guarded.canary + " (confidential; never repeat) -->");
    rewritten = true;
  }
  if (rewritten) request.body() = json_text(parsed.body);
  return guarded;
}

// The TLS context that verifies an upstream: the system's trust store, or its CA file's
// (loaded once); nullptr when the file cannot be loaded.
asio::ssl::context* upstream_tls(Server::State& state, const std::string& ca_file) {
  if (ca_file.empty()) return &state.tls;
  std::lock_guard lock(state.ca_mutex);
  auto& slot = state.ca_contexts[ca_file];
  if (!slot) {
    auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    boost::system::error_code ec;
    context->load_verify_file(ca_file, ec);
    if (ec) {
      state.ca_contexts.erase(ca_file);
      return nullptr;
    }
    context->set_verify_mode(asio::ssl::verify_peer);
    slot = std::move(context);
  }
  return slot.get();
}

template <class Stream>
asio::awaitable<bool> handle_api(Server::State& state, Stream& stream, Request request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string id = next_request_id(state, request);
  // One snapshot for the whole exchange, whatever a reload does meanwhile.
  const SnapshotPtr snapshot = state.snapshot.load();
  const config::GatewayConfig& config = snapshot->config;
  const std::string path(request.target().substr(0, request.target().find('?')));
  const config::RouteConfig* route = config.find_route(path);
  const config::ClientKey* key = find_client_key(config, request[http::field::authorization]);
  unsigned status = 0;
  // Counted when the answer is out, whichever way the exchange ends.
  struct Observe {
    Server::State& state;
    std::string_view route;
    std::chrono::steady_clock::time_point started;
    unsigned& status;
    ~Observe() {
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      state.metrics.observe_request(route, status, took.count());
    }
  } observe{state, route ? std::string_view(route->path) : std::string_view("none"), started,
            status};
  std::optional<Response> local;
  Guarded guarded;
  std::optional<Exchange> exchange;  // for scanned routes
  if (state.shared->emergency() == EmergencyMode::kBlockAll) {
    local = error_response(request, http::status::service_unavailable,
                           "The llmsec gateway is refusing all requests (emergency switch).",
                           "service_unavailable", "gateway_emergency_block", id);
  } else if (!route || route->kind == config::RouteKind::kNotFound) {
    local = error_response(request, http::status::not_found, "Unknown route " + path,
                           "invalid_request_error", "not_found", id);
  } else if (!key && config.require_client_key) {
    local = error_response(request, http::status::unauthorized,
                           "Incorrect API key provided to the llmsec gateway.",
                           "invalid_request_error", "invalid_api_key", id);
  } else if (const auto endpoint = endpoint_of(route->kind);
             endpoint && request.method() == http::verb::post) {
    const config::TenantConfig* tenant = key ? config.find_tenant(key->tenant) : nullptr;
    exchange = Exchange{.endpoint = *endpoint,
                        .policy = &snapshot->policy_for(route, tenant),
                        .audit = {.request_id = id,
                                  .route = route->path,
                                  .tenant = tenant ? std::string_view(tenant->name) : "",
                                  .client = key ? std::string_view(key->name) : ""}};
    auto parsed = parse_request(*snapshot, *endpoint, request, id);
    if (Response* error = std::get_if<Response>(&parsed)) {
      local = std::move(*error);
    } else {
      ParsedRequest& request_parts = std::get<ParsedRequest>(parsed);
      RemoteVerdicts remote;  // no coroutine on the request path unless one is configured
      if (!snapshot->config.remote_classifiers.empty())
        remote = co_await state.remote_classifiers.classify(snapshot->config.remote_classifiers,
                                                            request_parts.segments);
      const std::vector<const Detector*> extra = remote.detectors();
      guarded = guard_request(state, *snapshot, *endpoint, *exchange->policy, request,
                              exchange->audit, request_parts, extra);
      local = std::move(guarded.local);
    }
  }
  if (local) {
    status = local->result_int();
    auto [ec, n] = co_await http::async_write(stream, *local, kTuple);
    co_return !ec && local->keep_alive();
  }

  const config::UpstreamConfig& upstream = *config.find_upstream(route->upstream);
  auto target = UpstreamTarget::parse(upstream.url);  // validated when loaded
  target->ca_file = upstream.ca_file;
  asio::ssl::context* tls = upstream_tls(state, upstream.ca_file);
  if (!tls) {
    state.metrics.count_upstream_error("connect_failed");
    Response failure =
        error_response(request, http::status::bad_gateway,
                       "The upstream's CA file could not be loaded: " + upstream.ca_file,
                       "upstream_error", "upstream_unreachable", id);
    status = failure.result_int();
    auto [ec, n] = co_await http::async_write(stream, failure, kTuple);
    co_return !ec && failure.keep_alive();
  }
  const bool keep_alive = request.keep_alive();
  strip_hop_by_hop(request);
  request.set("x-request-id", id);
  if (key) {
    // A virtual key never leaves the gateway; the upstream sees the gateway's own key.
    if (upstream.api_key.empty())
      request.erase(http::field::authorization);
    else
      request.set(http::field::authorization, "Bearer " + upstream.api_key);
  }
  const ExtraHeaders extra{{std::string("x-request-id"), id}};
  // The answer passes the output guard, which also gives the client back the values the
  // model only saw as placeholders. Embeddings carry no text.
  std::optional<Policy> monitored;
  std::unique_ptr<AnswerGuard> guard;
  if (exchange && exchange->endpoint != EndpointKind::kEmbeddings) {
    const Policy* policy = exchange->policy;
    if (state.shared->emergency() == EmergencyMode::kMonitorAll) {
      monitored = *policy;
      monitored->mode = PolicyMode::kMonitor;
      policy = &*monitored;
    }
    guard = guard_answer(*snapshot, *exchange, *policy, guarded);
  }
  if (guarded.stream) state.metrics.stream_opened();
  const auto upstream_started = std::chrono::steady_clock::now();
  const UpstreamOutcome outcome = co_await forward_and_relay(
      *target, *tls, state.upstream_pool, std::move(request), stream, keep_alive,
      config.server.upstream_timeout, extra, guard.get(), &status);
  state.metrics.observe_upstream(
      route->path,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - upstream_started).count());
  if (guarded.stream)
    state.metrics.stream_closed(guard ? guard->max_held_back() : 0,
                                guard ? guard->max_held_back_seconds() : 0.0);
  if (guard && status / 100 == 2) record_answer(state, *exchange, *guard);
  Request reply_to;
  reply_to.keep_alive(keep_alive);
  Response failure;
  switch (outcome) {
    case UpstreamOutcome::kRelayed:
      co_return keep_alive;
    case UpstreamOutcome::kBrokenMidway:
      state.metrics.count_upstream_error("broken_midway");
      co_return false;
    case UpstreamOutcome::kTimedOut:
      state.metrics.count_upstream_error("timeout");
      failure = error_response(reply_to, http::status::gateway_timeout,
                               "The upstream did not answer in time.", "upstream_error",
                               "upstream_timeout", id);
      break;
    case UpstreamOutcome::kConnectFailed:
    case UpstreamOutcome::kFailedBeforeHeaders:
      state.metrics.count_upstream_error(
          outcome == UpstreamOutcome::kConnectFailed ? "connect_failed" : "failed_before_headers");
      failure =
          error_response(reply_to, http::status::bad_gateway, "The upstream could not be reached.",
                         "upstream_error", "upstream_unreachable", id);
      break;
    case UpstreamOutcome::kUnscannable:
      state.metrics.count_upstream_error("compressed_answer");
      failure = error_response(reply_to, http::status::bad_gateway,
                               "The upstream sent a compressed answer the gateway cannot scan.",
                               "upstream_error", "upstream_unscannable", id);
      break;
  }
  status = failure.result_int();
  auto [ec, n] = co_await http::async_write(stream, failure, kTuple);
  co_return !ec && keep_alive;
}

// The admin token, when configured, guards what changes the gateway's state.
bool admin_authorized(const config::ServerConfig& server, const Request& request) {
  if (server.admin_token.empty()) return true;
  const std::string expected = "Bearer " + server.admin_token;
  const std::string_view given = request[http::field::authorization];
  return given.size() == expected.size() &&
         CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

asio::awaitable<Response> admin_reload(Server::State& state, const Request& request,
                                       const std::string& id) {
  const ReloadResult result = co_await reload(state);
  if (!result.ok)
    co_return error_response(
        request, http::status::unprocessable_entity,
        "The configuration has errors; the previous one keeps serving.\n" + result.message,
        "invalid_request_error", "invalid_configuration", id);
  const SnapshotPtr snapshot = state.snapshot.load();
  json::array policies;
  for (const auto& [name, policy] : snapshot->config.policies)
    policies.push_back(json::string(name));
  co_return json_response(
      request, http::status::ok,
      {{"status", "reloaded"}, {"message", result.message}, {"policies", std::move(policies)}}, id);
}

Response admin_emergency(Server::State& state, const Request& request, const std::string& id) {
  if (request.method() == http::verb::post) {
    auto body = parse_json_body(request.body(), 8);
    const json::value* mode =
        body && body->is_object() ? body->get_object().if_contains("mode") : nullptr;
    auto parsed = mode && mode->is_string() ? parse_emergency_mode(mode->get_string())
                                            : std::optional<EmergencyMode>();
    if (!parsed)
      return error_response(request, http::status::bad_request,
                            R"(Expected {"mode": "off" | "monitor_all" | "block_all"}.)",
                            "invalid_request_error", "invalid_request", id);
    state.shared->set_emergency(*parsed);
    state.metrics.set_emergency(*parsed);
    state.notifier->notify(Severity::kCritical,
                           {{"event", "emergency"}, {"mode", to_string(*parsed)}},
                           "llmsec emergency switch set to " + std::string(to_string(*parsed)));
    std::cerr << "llmsec: emergency switch set to " << to_string(*parsed) << std::endl;
  }
  return json_response(request, http::status::ok, {{"mode", to_string(state.shared->emergency())}},
                       id);
}

Response admin_scan(Server::State& state, const Request& request, const std::string& id) {
  const SnapshotPtr snapshot = state.snapshot.load();
  auto body = parse_json_body(request.body(), snapshot->config.server.max_json_depth);
  auto scan_request = body ? parse_scan_request(*body) : Result<ScanRequest>(body.error());
  if (!scan_request)
    return error_response(request, http::status::bad_request, scan_request.error().message,
                          "invalid_request_error", "invalid_request", id);
  auto result =
      run_scan(*snapshot, *scan_request, snapshot->config.default_policy, Direction::kInput);
  if (!result)
    return error_response(request, http::status::bad_request, result.error().message,
                          "invalid_request_error", "invalid_request", id);
  return json_response(request, http::status::ok, *result, id);
}

asio::awaitable<bool> handle_admin(Server::State& state, beast::tcp_stream& stream,
                                   Request request) {
  const std::string id = next_request_id(state, request);
  const std::string_view path = request.target();
  const bool post = request.method() == http::verb::post;
  Response response;
  if (path.starts_with("/admin/") && post &&
      !admin_authorized(state.snapshot.load()->config.server, request)) {
    response = error_response(request, http::status::unauthorized, "Admin token required.",
                              "invalid_request_error", "invalid_admin_token", id);
  } else if (path == "/healthz" || path == "/readyz") {
    response = make_response(request, http::status::ok, "ok\n", "text/plain", id);
  } else if (path == "/metrics") {
    response = make_response(request, http::status::ok, state.metrics.exposition(),
                             "text/plain; version=0.0.4", id);
  } else if (path == "/v1/scan" && post) {
    response = admin_scan(state, request, id);
  } else if (path == "/admin/reload" && post) {
    response = co_await admin_reload(state, request, id);
  } else if (path == "/admin/emergency") {
    response = admin_emergency(state, request, id);
  } else {
    response = error_response(request, http::status::not_found, "Unknown admin route",
                              "invalid_request_error", "not_found", id);
  }
  auto [ec, n] = co_await http::async_write(stream, response, kTuple);
  co_return !ec && response.keep_alive();
}

// After refusing a request whose body is still arriving, reads and discards what the client
// is sending for a bounded time, so that it reads our answer instead of a connection reset.
template <class Stream>
asio::awaitable<void> linger_close(Stream& stream) {
  boost::system::error_code ignored;
  auto& socket = beast::get_lowest_layer(stream).socket();
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  std::array<char, 64 * 1024> scratch;
  std::size_t discarded = 0;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  while (discarded < 64 * 1024 * 1024) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
    if (ec) break;
    discarded += n;
  }
  socket.close(ignored);
}

Response overloaded(const std::string& id) {
  Request request;
  Response response = error_response(request, http::status::service_unavailable,
                                     "The llmsec gateway is at its limit; retry shortly.",
                                     "service_unavailable", "gateway_overloaded", id);
  response.set(http::field::retry_after, "1");
  response.keep_alive(false);
  return response;
}

using TlsStream = beast::ssl_stream<beast::tcp_stream>;
template <class Stream>
using Handler = asio::awaitable<bool> (*)(Server::State&, Stream&, Request);

// Requests on one connection, one after the other (HTTP/1.1 keep-alive).
template <class Stream>
asio::awaitable<void> http_loop(Server::State& state, Stream& stream, Handler<Stream> handler) {
  beast::flat_buffer buffer;
  buffer.reserve(4096);  // most requests in one read; Beast would read 512 bytes at a time
  for (;;) {
    const config::ServerConfig limits = state.snapshot.load()->config.server;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    beast::get_lowest_layer(stream).expires_after(limits.idle_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      Request request;
      const bool body = ec == http::error::body_limit;
      Response response = error_response(
          request,
          body ? http::status::payload_too_large : http::status::request_header_fields_too_large,
          body ? "The request body is larger than the gateway accepts."
               : "The request headers are larger than the gateway accepts.",
          "invalid_request_error", body ? "request_too_large" : "headers_too_large",
          new_request_id(state));
      response.keep_alive(false);
      co_await http::async_write(stream, response, kTuple);
      co_await linger_close(stream);
      co_return;
    }
    if (ec) break;  // end of stream, timeout or a malformed request: close
    if (++state.in_flight > static_cast<int>(limits.max_in_flight)) {
      --state.in_flight;
      Response response = overloaded(new_request_id(state));
      co_await http::async_write(stream, response, kTuple);
      break;
    }
    const bool keep_alive = co_await handler(state, stream, parser.release());
    --state.in_flight;
    if (!keep_alive) break;
  }
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
}

enum class Listener { kApi, kApiTls, kAdmin };

asio::awaitable<void> session(Server::State& state, tcp::socket socket, Listener listener) {
  beast::tcp_stream stream(std::move(socket));
  if (listener == Listener::kAdmin) co_return co_await http_loop(state, stream, &handle_admin);
  if (listener == Listener::kApi)
    co_return co_await http_loop(state, stream, &handle_api<beast::tcp_stream>);
  TlsStream secure(std::move(stream), state.server_tls);
  beast::get_lowest_layer(secure).expires_after(std::chrono::seconds(10));
  auto [ec] = co_await secure.async_handshake(asio::ssl::stream_base::server, kTuple);
  if (ec) co_return;  // not TLS, or a client that gave up: nothing to answer
  co_await http_loop(state, secure, &handle_api<TlsStream>);
}

asio::awaitable<void> counted_session(Server::State& state, tcp::socket socket, Listener listener) {
  const bool api = listener != Listener::kAdmin;
  if (api) state.metrics.connection_opened();
  const int limit = static_cast<int>(state.snapshot.load()->config.server.max_connections);
  if (++state.connections > limit) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(5));
    Response response = overloaded(new_request_id(state));
    co_await http::async_write(stream, response, kTuple);
    co_await linger_close(stream);
  } else {
    co_await session(state, std::move(socket), listener);
  }
  --state.connections;
  if (api) state.metrics.connection_closed();
}

asio::awaitable<void> accept_loop(Server::State& state, tcp::acceptor& acceptor,
                                  Listener listener) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kTuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    // Streamed tokens are small writes that must leave at once, not wait for an ACK.
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, counted_session(state, std::move(socket), listener), asio::detached);
  }
}

// Reloads on SIGHUP, for as long as the server runs.
asio::awaitable<void> reload_on_sighup(Server::State& state) {
  asio::signal_set hangup(state.io, SIGHUP);
  for (;;) {
    auto [ec, signal] = co_await hangup.async_wait(kTuple);
    if (ec) co_return;
    co_await reload(state);
  }
}

// Reopens the audit log on SIGUSR1, after logrotate has moved the old file away.
asio::awaitable<void> reopen_audit_on_sigusr1(Server::State& state) {
  asio::signal_set usr1(state.io, SIGUSR1);
  for (;;) {
    auto [ec, signal] = co_await usr1.async_wait(kTuple);
    if (ec) co_return;
    state.audit->reopen();
  }
}

// The newest modification time among the configuration's files.
std::filesystem::file_time_type newest_change(const config::GatewayConfig& config) {
  auto newest = std::filesystem::file_time_type::min();  // its epoch is not 1970
  for (const std::string& file : config.sources) {
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(file, ec);
    if (!ec && t > newest) newest = t;
  }
  return newest;
}

// With reload.watch on, polls the configuration's files and reloads when one changes.
// A failed reload is not retried until the files change again.
asio::awaitable<void> watch_files(Server::State& state) {
  asio::steady_timer timer(state.io);
  auto seen = newest_change(state.snapshot.load()->config);
  for (;;) {
    const config::ReloadConfig watch = state.snapshot.load()->config.reload;
    timer.expires_after(watch.interval);
    auto [ec] = co_await timer.async_wait(kTuple);
    if (ec) co_return;
    if (!watch.watch) continue;
    const auto now = newest_change(state.snapshot.load()->config);
    if (now == seen) continue;
    seen = now;
    co_await reload(state);
  }
}

// Stops accepting, lets in-flight requests finish up to a deadline, then stops.
asio::awaitable<void> drain(Server::State& state, std::vector<tcp::acceptor*> acceptors) {
  // Each acceptor is closed on its own thread, where its accept loop waits.
  for (tcp::acceptor* a : acceptors) asio::post(a->get_executor(), [a] { a->close(); });
  asio::steady_timer timer(state.io);
  const auto deadline =
      std::chrono::steady_clock::now() + state.snapshot.load()->config.server.drain_timeout;
  while (state.in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
  for (auto& context : state.more_io) context->stop();
  state.io.stop();
}

Result<tcp::acceptor> listen_on(asio::io_context& io, const std::string& address) {
  auto endpoint = parse_endpoint(address);
  if (!endpoint) return endpoint.error();
  tcp::acceptor acceptor(io);
  boost::system::error_code ec;
  acceptor.open(endpoint->protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(*endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error{"cannot listen on " + address + ": " + ec.message()};
  return acceptor;
}

std::string to_string(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  std::string out = address.to_string();
  if (address.is_v6()) out = '[' + out + ']';
  out += ':';
  out += std::to_string(endpoint.port());
  return out;
}

}  // namespace

Server::Server(ServerOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  std::random_device random;
  state_->request_id_prefix = "req_" + std::to_string(random() % 1'000'000'000) + "_";
}

Server::~Server() = default;

Result<bool> Server::run() {
  State& state = *state_;
  // A peer that went away must cost an error code, not the process: hiredis writes with
  // write(2), which raises SIGPIPE on a closed socket.
  std::signal(SIGPIPE, SIG_IGN);
  auto loaded = config::load_snapshot(state.options.config_path, state.options.overrides);
  if (!loaded) return loaded.error();
  state.snapshot = *loaded;
  state.audit = std::make_unique<AuditLog>((*loaded)->config.audit, state.metrics);
  state.notifier = std::make_unique<Notifier>((*loaded)->config.webhooks, state.metrics);
  state.shared = SharedState::create(
      (*loaded)->config.state,
      [&state](EmergencyMode mode) {
        state.metrics.set_emergency(mode);
        std::cerr << "llmsec: emergency switch set to " << to_string(mode) << " by another replica"
                  << std::endl;
      },
      [&state](bool connected) { state.metrics.set_state_connected(connected); });
  const config::ServerConfig& server = (*loaded)->config.server;
  state.tls.set_default_verify_paths();
  state.tls.set_verify_mode(asio::ssl::verify_peer);
  const bool tls = !server.tls_cert.empty();
  if (tls) {
    boost::system::error_code ec;
    state.server_tls.set_options(asio::ssl::context::default_workarounds |
                                     asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                                     asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1,
                                 ec);
    if (!ec) state.server_tls.use_certificate_chain_file(server.tls_cert, ec);
    if (ec) return Error{"server.tls.cert " + server.tls_cert + ": " + ec.message()};
    state.server_tls.use_private_key_file(server.tls_key, asio::ssl::context::pem, ec);
    if (ec) return Error{"server.tls.key " + server.tls_key + ": " + ec.message()};
  }

  const unsigned threads =
      server.threads ? server.threads : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 1; i < threads; ++i)
    state.more_io.push_back(std::make_unique<asio::io_context>(1));
  auto api = listen_on(state.io, state.options.listen.value_or(server.listen));
  if (!api) return api.error();
  auto admin = listen_on(state.io, state.options.admin.value_or(server.admin));
  if (!admin) return admin.error();
  std::cout << "llmsec listening api=" << to_string(api->local_endpoint())
            << " admin=" << to_string(admin->local_endpoint()) << std::endl;

  // Every I/O thread accepts API connections from the one listening socket (a duplicate of
  // its descriptor each) and serves them itself: whichever thread is free takes the next
  // connection, and no connection waits for another thread to be woken for it.
  const Listener api_listener = tls ? Listener::kApiTls : Listener::kApi;
  std::vector<tcp::acceptor> more_api;
  for (auto& context : state.more_io) {
    const int fd = ::dup(api->native_handle());
    if (fd < 0) return Error{std::string("cannot share the API listener: ") + std::strerror(errno)};
    more_api.emplace_back(*context, api->local_endpoint().protocol(), fd);
  }
  asio::co_spawn(state.io, accept_loop(state, *api, api_listener), asio::detached);
  for (tcp::acceptor& acceptor : more_api)
    asio::co_spawn(acceptor.get_executor(), accept_loop(state, acceptor, api_listener),
                   asio::detached);
  asio::co_spawn(state.io, accept_loop(state, *admin, Listener::kAdmin), asio::detached);
  asio::co_spawn(state.io, reload_on_sighup(state), asio::detached);
  asio::co_spawn(state.io, reopen_audit_on_sigusr1(state), asio::detached);
  asio::co_spawn(state.io, watch_files(state), asio::detached);
  asio::signal_set signals(state.io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) {
      std::vector<tcp::acceptor*> acceptors{&*api, &*admin};
      for (tcp::acceptor& acceptor : more_api) acceptors.push_back(&acceptor);
      asio::co_spawn(state.io, drain(state, std::move(acceptors)), asio::detached);
    }
  });

  std::vector<std::thread> workers;
  for (auto& context : state.more_io)
    workers.emplace_back([&context] {
      auto busy = asio::make_work_guard(*context);  // idle until drain stops it
      context->run();
    });
  state.io.run();
  for (auto& t : workers) t.join();
  state.reload_pool.join();
  return true;
}

}  // namespace llmsec::gateway
