// The JSON form of a scan, shared by `llmsec scan --jsonl` and the admin `POST /v1/scan`.
//
//   auto request = parse_scan_request(json_value);        // Result<ScanRequest>
//   boost::json::object out = run_scan(snapshot, *request);
//
// In:  {"id": ..., "text": "...", "direction": "input", "role": "user", "policy": "default"}
//      or {"id": ..., "messages": [{"role": "user", "content": "..."}], ...}
// Out: {"id", "action", "risk", "scores", "findings": [{detector, category, severity, score,
//       start, end, ...}], "text" | "messages" (redacted, when the action is redact)}
// Offsets are byte offsets into the UTF-8 text of the finding's segment.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "config/snapshot.h"
#include "core/result.h"
#include "core/segment.h"

namespace llmsec::gateway {

struct ScanRequest {
  boost::json::value id;  // echoed back as given
  std::vector<Segment> segments;
  bool messages_form = false;
  std::optional<Direction> direction;
  std::optional<std::string> policy;
};

Result<ScanRequest> parse_scan_request(const boost::json::value& body);

// `policy` and `direction` fill in what the request leaves out. Fails on an unknown policy.
Result<boost::json::object> run_scan(const config::Snapshot& snapshot, const ScanRequest& request,
                                     const std::string& policy, Direction direction);

// {"id": id, "error": message}
boost::json::object scan_error(const boost::json::value& id, std::string_view message);

}  // namespace llmsec::gateway
