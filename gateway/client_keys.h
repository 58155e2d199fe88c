// Virtual keys: which configured client key, if any, a request presents.
//
//   const config::ClientKey* key = find_client_key(config, request["authorization"]);
//   if (key) tenant = config.find_tenant(key->tenant);
//
// The configuration holds only SHA-256 digests. The presented key is hashed once and
// compared with every configured digest in constant time, so neither the answer's timing
// nor its position in the list says how close a guess was.
#pragma once

#include <string_view>

#include "config/gateway_config.h"

namespace llmsec::gateway {

const config::ClientKey* find_client_key(const config::GatewayConfig& config,
                                         std::string_view authorization);

}  // namespace llmsec::gateway
