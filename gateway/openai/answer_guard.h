// AnswerGuard: the output policy applied to an upstream's answer on its way to the client,
// and the request's pseudonyms put back into it, as a BodyRewriter for the relay.
//
//   AnswerGuardOptions options{.pipeline = &snapshot.pipeline, .policy = &policy,
//                              .endpoint = EndpointKind::kChatCompletions, .names = names};
//   auto guard = stream ? make_event_stream_guard(options) : make_json_answer_guard(options);
//   co_await forward_and_relay(..., guard.get(), ...);
//   guard->decision();   // what the answer was flagged, redacted or blocked for
//
// The answer is scanned as the model wrote it, placeholders and all, and restored after:
// a user's own e-mail address coming back is not a leak.
//
// When the request asked for JSON, the answer's text is checked to be what was asked
// (json_format.h), at its end when streamed.
//
// A whole JSON answer is scanned once complete. A blocked one keeps OpenAI's shape:
// choices emptied with finish_reason "content_filter", a response marked incomplete.
//
// An event stream (chat completion, completion and responses events) is parsed event by
// event. Each choice's content, refusal and tool-call arguments, and each responses
// output part and function call, is a channel of its own with a StreamScanner, which holds
// back only what may still grow into a match. Released text replaces the event's text in
// place; other fields (usage, ids, roles) pass untouched. Events that repeat a whole text
// (responses "done" and "completed" events) carry what was released instead. A block
// stops the stream: chat and completion streams end with a chunk whose finish_reason is
// "content_filter" and [DONE]; responses streams with a response.incomplete event whose
// reason is "content_filter". Then stopped() is true and the relay closes the upstream.
#pragma once

#include <memory>
#include <vector>

#include "core/policy.h"
#include "core/pseudonyms.h"
#include "core/stream_scanner.h"
#include "gateway/http/body_rewriter.h"
#include "gateway/openai/json_format.h"
#include "gateway/openai/request_segments.h"

namespace llmsec::gateway {

struct AnswerGuardOptions {
  const Pipeline* pipeline = nullptr;  // nullptr: restore pseudonyms only, scan nothing
  const Policy* policy = nullptr;
  EndpointKind endpoint = EndpointKind::kChatCompletions;
  const Pseudonyms* names = nullptr;  // the request's placeholders; nullptr: none
  // This exchange's own detector (LeakageDetector over the request's instructions).
  std::shared_ptr<const Detector> exchange_detector;
  std::optional<JsonFormat> json_format;  // the request asked for JSON
  StreamScanOptions stream;
};

class AnswerGuard : public BodyRewriter {
 public:
  // The strongest decision over the whole answer, and the findings behind it, with
  // offsets into the text of the channel (segment) they were found in.
  virtual const Decision& decision() const = 0;
  virtual const std::vector<Finding>& findings() const = 0;
  // Time spent scanning.
  virtual double scan_seconds() const = 0;
};

std::unique_ptr<AnswerGuard> make_event_stream_guard(const AnswerGuardOptions& options);
std::unique_ptr<AnswerGuard> make_json_answer_guard(const AnswerGuardOptions& options);

}  // namespace llmsec::gateway
