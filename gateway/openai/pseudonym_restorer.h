// Puts the real values back into a chat completion answer whose request was sent with
// pseudonyms: a whole JSON body, or a server-sent event stream where a placeholder may be
// split across events ("[EMA" in one delta, "IL_1]" in the next).
//
//   Pseudonyms names;  ... the request was rewritten with &names ...
//   auto rewriter = make_pseudonym_restorer(names, /*event_stream=*/true);
//
// In a stream, each choice's content (and each tool call's arguments, and a legacy
// completion's text) has a restorer of its own that holds back at most one unfinished
// placeholder, and releases it with the choice's finish_reason. Responses API events are
// restored one delta at a time: there a placeholder split across deltas stays unrestored.
// Other events pass unchanged.
#pragma once

#include <memory>

#include "core/pseudonyms.h"
#include "gateway/http/body_rewriter.h"

namespace llmsec::gateway {

std::unique_ptr<BodyRewriter> make_pseudonym_restorer(const Pseudonyms& names, bool event_stream);

}  // namespace llmsec::gateway
