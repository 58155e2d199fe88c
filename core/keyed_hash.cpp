#include "core/keyed_hash.h"

#include <cstring>

#include "core/hex.h"

namespace llmsec {
namespace {

std::uint64_t rotl(std::uint64_t x, int b) {
  return (x << b) | (x >> (64 - b));
}

std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

struct State {
  std::uint64_t v0, v1, v2, v3;
  void round() {
    v0 += v1;
    v1 = rotl(v1, 13);
    v1 ^= v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = rotl(v1, 17);
    v1 ^= v2;
    v2 = rotl(v2, 32);
  }
  void absorb(std::uint64_t m) {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
};

}  // namespace

std::optional<KeyedHashKey> parse_keyed_hash_key(std::string_view hex) {
  KeyedHashKey key{};
  if (!decode_hex(hex, key)) return std::nullopt;
  return key;
}

std::uint64_t siphash24(const KeyedHashKey& key, std::string_view data) {
  const std::uint64_t k0 = load64(key.data()), k1 = load64(key.data() + 8);
  State s{0x736f6d6570736575ULL ^ k0, 0x646f72616e646f6dULL ^ k1, 0x6c7967656e657261ULL ^ k0,
          0x7465646279746573ULL ^ k1};
  const auto* in = reinterpret_cast<const std::uint8_t*>(data.data());
  const std::size_t full = data.size() / 8 * 8;
  for (std::size_t i = 0; i < full; i += 8) s.absorb(load64(in + i));
  std::uint8_t tail[8] = {};
  std::memcpy(tail, in + full, data.size() - full);
  tail[7] = static_cast<std::uint8_t>(data.size());
  s.absorb(load64(tail));
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

std::string keyed_hash_hex(const KeyedHashKey& key, std::string_view data) {
  std::uint64_t h = siphash24(key, data);
  std::array<std::uint8_t, 8> big_endian{};
  for (int i = 7; i >= 0; --i, h >>= 8) big_endian[static_cast<std::size_t>(i)] = h & 0xff;
  return encode_hex(big_endian);
}

}  // namespace llmsec
