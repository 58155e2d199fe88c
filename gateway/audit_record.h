// The audit line of one exchange: who, which route and policy, what was decided and by
// which rule, what was found where (type, span, score), and a hash of the content. Never
// the content itself.
//
//   std::string line = audit_record({.request_id = id, .route = "/v1/chat/completions",
//                                     .policy = "default", .body = request.body()},
//                                    outcome.report, outcome.decision);
//
// {"time":"2026-11-26T14:03:07.123Z","request_id":"req_1","route":"/v1/chat/completions",
//  "tenant":"support","client":"support-bot","policy":"strict","direction":"input",
//  "action":"block","verdict":"block","rule":"strict.input.untrusted-tool-content",
//  "findings":[{"detector":"rules.indirect_injection","category":"indirect_injection",
//  "rule":"...","severity":"high","score":0.95,"segment":1,"start":0,"end":42}],
//  "content_sha256":"..."}
#pragma once

#include <string>
#include <string_view>

#include "core/policy.h"
#include "core/segment.h"

namespace llmsec::gateway {

struct AuditContext {
  std::string_view request_id;
  std::string_view route;   // the route's configured path
  std::string_view tenant;  // empty: none
  std::string_view client;  // the virtual key's name; empty: none
  std::string_view policy;
  Direction direction = Direction::kInput;
  std::string_view body;  // hashed, never written
  // With prompt logging on: the segments, secrets and personal data already tagged out.
  const std::vector<Segment>* redacted_segments = nullptr;
};

std::string audit_record(const AuditContext& context, const ScanReport& report,
                         const Decision& decision);

}  // namespace llmsec::gateway
