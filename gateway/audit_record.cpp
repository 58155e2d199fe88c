#include "gateway/audit_record.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <openssl/sha.h>

#include <boost/json.hpp>
#include "core/hex.h"
#include "gateway/json_text.h"

namespace llmsec::gateway {
namespace json = boost::json;

namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];  // room for any int the compiler can imagine in each field
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return buffer;
}

std::string sha256_hex(std::string_view data) {
  std::array<std::uint8_t, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return encode_hex(digest);
}

double round3(double v) {
  return std::round(v * 1000.0) / 1000.0;
}

}  // namespace

std::string audit_record(const AuditContext& context, const ScanReport& report,
                         const Decision& decision) {
  json::object line{{"time", utc_now()},
                    {"request_id", context.request_id},
                    {"route", context.route},
                    {"tenant", context.tenant},
                    {"client", context.client},
                    {"policy", context.policy},
                    {"direction", to_string(context.direction)},
                    {"action", to_string(decision.action)},
                    {"verdict", to_string(decision.verdict)}};
  if (const Reason* r = decision.deciding()) line["rule"] = r->policy_rule;
  json::array shadow;
  for (const Reason& r : decision.reasons)
    if (r.shadow) shadow.push_back({{"rule", r.policy_rule}, {"action", to_string(r.action)}});
  if (!shadow.empty()) line["shadow"] = std::move(shadow);
  json::array findings;
  for (const Finding& f : report.findings)
    findings.push_back({{"detector", f.detector},
                        {"category", f.category},
                        {"rule", f.rule},
                        {"severity", to_string(f.severity)},
                        {"score", round3(f.score)},
                        {"segment", f.segment},
                        {"start", f.start},
                        {"end", f.end}});
  line["findings"] = std::move(findings);
  if (!report.failed_detectors.empty()) {
    json::array failed;
    for (const std::string& d : report.failed_detectors) failed.push_back(json::string(d));
    line["failed_detectors"] = std::move(failed);
  }
  line["content_sha256"] = sha256_hex(context.body);
  if (context.redacted_segments) {
    json::array texts;
    for (const Segment& s : *context.redacted_segments)
      texts.push_back({{"source", s.source}, {"role", to_string(s.role)}, {"text", s.text}});
    line["texts"] = std::move(texts);
  }
  return json_text(line);
}

}  // namespace llmsec::gateway
