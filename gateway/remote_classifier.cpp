#include "gateway/remote_classifier.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace llmsec::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Url {
  std::string host, port = "80", target = "/";
};

// http://host[:port][/path] (the loader checked the scheme).
Url parse_url(std::string_view url) {
  url.remove_prefix(7);
  Url u;
  const std::size_t slash = url.find('/');
  if (slash != std::string_view::npos) u.target = std::string(url.substr(slash));
  std::string_view authority = url.substr(0, slash);
  if (const std::size_t colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    u.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.starts_with('[') && authority.ends_with(']'))
    authority = authority.substr(1, authority.size() - 2);
  u.host = std::string(authority);
  return u;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// {"score": s}, or a text-classification answer [{"label", "score"}, ...] (also nested
// one level, as batch pipelines answer): the best score of a positive label.
std::optional<double> score_of(const json::value& answer,
                               const std::vector<std::string>& positive_labels) {
  if (const json::object* o = answer.if_object()) {
    const json::value* score = o->if_contains("score");
    if (score && score->is_number()) return score->to_number<double>();
    return std::nullopt;
  }
  const json::array* labels = answer.if_array();
  if (!labels) return std::nullopt;
  if (labels->size() == 1 && labels->front().is_array()) labels = &labels->front().get_array();
  std::optional<double> best;
  for (const json::value& item : *labels) {
    const json::object* o = item.if_object();
    const json::value* label = o ? o->if_contains("label") : nullptr;
    const json::value* score = o ? o->if_contains("score") : nullptr;
    if (!label || !label->is_string() || !score || !score->is_number()) return std::nullopt;
    const bool positive = std::find(positive_labels.begin(), positive_labels.end(),
                                    lower(label->get_string())) != positive_labels.end();
    best = std::max(best.value_or(0.0), positive ? score->to_number<double>() : 0.0);
  }
  return best;
}

std::string request_body(std::string_view text) {
  return json::serialize(json::object{{"text", text}});
}

// One call: the text's score, or why there is none.
asio::awaitable<Result<double>> call(const config::RemoteClassifierConfig& config, const Url& url,
                                     std::string_view text, Clock::time_point deadline) {
  const auto executor = co_await asio::this_coro::executor;
  beast::tcp_stream stream(executor);
  stream.expires_at(deadline);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(url.host, ec);
  if (!ec) {
    unsigned short port = 0;
    const auto [end, bad] =
        std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    if (bad != std::errc() || end != url.port.data() + url.port.size() || port == 0)
      co_return Error{"bad port '" + url.port + "'"};
    std::tie(ec) = co_await stream.async_connect(tcp::endpoint(address, port), kTuple);
  } else {
    tcp::resolver resolver(executor);
    auto [resolve_ec, endpoints] = co_await resolver.async_resolve(url.host, url.port, kTuple);
    ec = resolve_ec;
    if (!ec) std::tie(ec, std::ignore) = co_await stream.async_connect(endpoints, kTuple);
  }
  if (ec) co_return Error{"connect: " + ec.message()};
  http::request<http::string_body> request{http::verb::post, url.target, 11};
  request.set(http::field::host, url.host);
  request.set(http::field::content_type, "application/json");
  request.body() = request_body(text);
  request.prepare_payload();
  std::tie(ec, std::ignore) = co_await http::async_write(stream, request, kTuple);
  if (ec) co_return Error{"write: " + ec.message()};
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024);
  std::tie(ec, std::ignore) = co_await http::async_read(stream, buffer, parser, kTuple);
  if (ec) co_return Error{"read: " + ec.message()};
  if (parser.get().result() != http::status::ok)
    co_return Error{"status " + std::to_string(parser.get().result_int())};
  const json::value answer = json::parse(parser.get().body(), ec);
  if (ec) co_return Error{"answer is not JSON"};
  const auto score = score_of(answer, config.positive_labels);
  if (!score) co_return Error{"answer has no score"};
  co_return std::clamp(*score, 0.0, 1.0);
}

}  // namespace

RemoteVerdict::RemoteVerdict(const config::RemoteClassifierConfig& config,
                             std::vector<Finding> findings, std::string failure)
    : name_("remote." + config.name),
      category_(config.category),
      findings_(std::move(findings)),
      failure_(std::move(failure)) {}

void RemoteVerdict::scan(const ScanInput& input, std::vector<Finding>& out) const {
  // The pipeline's way to learn that a detector could not look: it records the detector
  // as failed, and the policy's fail_open decides.
  if (!failure_.empty()) throw std::runtime_error(failure_);
  for (const Finding& f : findings_)
    if (f.segment == input.segment_index) out.push_back(f);
}

std::vector<const Detector*> RemoteVerdicts::detectors() const {
  std::vector<const Detector*> out;
  for (const auto& v : verdicts) out.push_back(v.get());
  return out;
}

RemoteClassifiers::Health& RemoteClassifiers::health(const config::RemoteClassifierConfig& c) {
  std::lock_guard lock(mutex_);
  auto& slot = health_[c.name + "\n" + c.url];
  if (!slot) slot = std::make_unique<Health>();
  return *slot;
}

asio::awaitable<RemoteVerdicts> RemoteClassifiers::classify(
    const std::vector<config::RemoteClassifierConfig>& configs, std::span<const Segment> segments) {
  RemoteVerdicts out;
  for (const config::RemoteClassifierConfig& config : configs) {
    std::vector<std::size_t> chosen;  // the latest `max_segments` of the configured roles
    for (std::size_t i = segments.size(); i-- > 0 && chosen.size() < config.max_segments;)
      if (std::find(config.roles.begin(), config.roles.end(), segments[i].role) !=
              config.roles.end() &&
          !segments[i].text.empty())
        chosen.push_back(i);
    std::vector<Finding> findings;
    std::string failure;
    Health& health = this->health(config);
    const auto now = Clock::now();
    if (chosen.empty()) {
      // nothing to ask about
    } else if (now.time_since_epoch().count() < health.open_until.load()) {
      failure = "circuit open";
      metrics_.count_remote_classifier(config.name, "circuit_open");
    } else if (health.in_flight.fetch_add(1) >= config.max_in_flight) {
      health.in_flight.fetch_sub(1);
      failure = "too many calls in flight";
      metrics_.count_remote_classifier(config.name, "busy");
    } else {
      const Url url = parse_url(config.url);
      const auto deadline = now + config.timeout;
      for (std::size_t i : chosen) {
        Result<double> score = co_await call(config, url, segments[i].text, deadline);
        if (!score) {
          failure = score.error().message;
          break;
        }
        if (*score < config.min_score) continue;
        findings.push_back(Finding{.detector = "remote." + config.name,
                                   .category = config.category,
                                   .rule = "model_server",
                                   .severity = *score >= 0.85 ? Severity::kHigh : Severity::kMedium,
                                   .score = *score,
                                   .segment = i,
                                   .start = 0,
                                   .end = segments[i].text.size(),
                                   .view = "original"});
      }
      health.in_flight.fetch_sub(1);
      metrics_.count_remote_classifier(config.name, failure.empty() ? "answered" : "failed");
      if (failure.empty()) {
        health.failures_in_a_row = 0;
      } else if (health.failures_in_a_row.fetch_add(1) + 1 >= config.failure_threshold) {
        // Open, or open again after a failed trial call: the count stays at the threshold.
        health.open_until = (Clock::now() + config.open_for).time_since_epoch().count();
      }
    }
    if (!failure.empty()) findings.clear();
    out.verdicts.push_back(
        std::make_unique<RemoteVerdict>(config, std::move(findings), std::move(failure)));
  }
  co_return out;
}

}  // namespace llmsec::gateway
