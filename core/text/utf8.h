// UTF-8 validity: untrusted bytes are checked, and invalid sequences replaced by U+FFFD
// before scanning, so no detector ever sees malformed text.
//
//   if (!is_valid_utf8(bytes)) text = scrub_utf8(bytes);
#pragma once

#include <string>
#include <string_view>

namespace llmsec {

bool is_valid_utf8(std::string_view bytes);
// Each run of bytes that is not valid UTF-8 becomes one U+FFFD.
std::string scrub_utf8(std::string_view bytes);

}  // namespace llmsec
