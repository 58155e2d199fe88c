#include "core/text/canonicalizer.h"

namespace llmsec {

std::vector<TextView> canonicalize(std::string_view text) {
  std::vector<TextView> views;
  views.push_back(TextView::identity("original", text));
  return views;
}

}  // namespace llmsec
