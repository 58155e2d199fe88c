// BodyRewriter: the hook through which the gateway rewrites an upstream answer on its way
// to the client, piece by piece, without waiting for the whole of a streamed answer.
//
//   std::unique_ptr<BodyRewriter> rewriter = ...;
//   co_await forward_and_relay(target, tls, request, client, keep_alive, timeout, extra,
//                              rewriter.get());
//
// push() gets the body's bytes as they arrive and returns what may be sent now; finish()
// returns the rest. The relay sends the result chunked, so its length may differ.
#pragma once

#include <string>
#include <string_view>

namespace llmsec::gateway {

class BodyRewriter {
 public:
  virtual ~BodyRewriter() = default;
  virtual std::string push(std::string_view bytes) = 0;
  virtual std::string finish() = 0;
  // The answer was cut short (a block): the relay sends what push() returned, ends the
  // body and reads no more from the upstream.
  virtual bool stopped() const { return false; }
  // The most answer text it held back at once, and the longest it held any back, for the
  // metrics.
  virtual std::size_t max_held_back() const { return 0; }
  virtual double max_held_back_seconds() const { return 0.0; }
};

}  // namespace llmsec::gateway
