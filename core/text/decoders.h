// Encoded payloads hidden in a text: found, decoded, and kept when they read as text.
//
//   for (const DecodedPayload& p : find_encoded_payloads(text))
//     // p.kind == "base64", p.text == "ignore previous instructions", text[p.start, p.end)
//     // is the encoded form
//
// Kinds: base64 (and base64url), base32, hex (plain, \xNN, or space-separated pairs),
// url (percent-encoding), html (character references), unicode_escape (\uXXXX), tags
// (Unicode tag characters spelling ASCII), variation_selectors (bytes hidden in variation
// selectors), morse, flag_letters (words spelt in regional indicator symbols), rot13 and
// reversed (a clause that reads as language only once transformed). A payload is kept only
// when it is valid UTF-8 and mostly printable, with letters in it: hashes, UUIDs and binary
// blobs decode to noise and are dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace llmsec {

struct DecodedPayload {
  std::string kind;
  std::string text;
  std::size_t start = 0;  // the encoded span in the scanned text
  std::size_t end = 0;
};

std::vector<DecodedPayload> find_encoded_payloads(std::string_view text);

// True when `text` is valid UTF-8, at least 85% printable, with at least four letters.
bool reads_as_text(std::string_view text);

}  // namespace llmsec
