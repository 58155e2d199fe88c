#include "gateway/client_keys.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace llmsec::gateway {

const config::ClientKey* find_client_key(const config::GatewayConfig& config,
                                         std::string_view authorization) {
  if (config.client_keys.empty()) return nullptr;
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
    return nullptr;
  const std::string_view key = authorization.substr(kBearer.size());
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest.data());
  const config::ClientKey* found = nullptr;
  for (const config::ClientKey& candidate : config.client_keys)
    if (CRYPTO_memcmp(candidate.sha256.data(), digest.data(), digest.size()) == 0 && !found)
      found = &candidate;
  return found;
}

}  // namespace llmsec::gateway
