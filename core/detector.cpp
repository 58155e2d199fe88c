#include "core/detector.h"

#include <cctype>

namespace llmsec {

bool MatchStart::may_begin(std::string_view word) const {
  for (std::size_t i = 0; i < word.size() && i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) != prefix[i]) return false;
  // Only as many bytes as the range was computed for count.
  const std::size_t n = std::min(word.size(), std::max(min.size(), max.size()));
  const std::string_view head = word.substr(0, n);
  return head >= std::string_view(min).substr(0, n) && head <= std::string_view(max).substr(0, n);
}

}  // namespace llmsec
