#include "core/pseudonyms.h"

#include <cctype>

namespace llmsec {

std::string Pseudonyms::placeholder(std::string_view kind, std::string_view value) {
  std::string key(kind);
  key += '\0';
  key += value;
  if (auto it = placeholders_.find(key); it != placeholders_.end()) return it->second;
  std::string name = "[";
  for (char c : kind) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const int n = ++counters_[std::string(kind)];
  name += '_';
  name += std::to_string(n);
  name += ']';
  placeholders_.emplace(std::move(key), name);
  values_.emplace(name, std::string(value));
  longest_ = std::max(longest_, name.size());
  return name;
}

std::string Pseudonyms::restore(std::string_view text,
                                const std::function<std::string(std::string_view)>& escape) const {
  if (values_.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('[', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find(']', open);
    if (close == std::string_view::npos || close - open + 1 > longest_) {
      out.append(text.substr(i, open + 1 - i));
      i = open + 1;
      continue;
    }
    auto it = values_.find(text.substr(open, close - open + 1));
    if (it == values_.end()) {
      out.append(text.substr(i, open + 1 - i));
      i = open + 1;
      continue;
    }
    out.append(text.substr(i, open - i));
    out += escape ? escape(it->second) : it->second;
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

bool Pseudonyms::could_start_placeholder(std::string_view text) const {
  if (text.empty() || text.front() != '[' || text.size() >= longest_) return false;
  if (values_.contains(text)) return false;  // complete already
  auto it = values_.lower_bound(text);
  return it != values_.end() && std::string_view(it->first).starts_with(text);
}

std::string StreamRestorer::push(std::string_view piece) {
  pending_ += piece;
  // Keep back the last '[' onwards when it may still grow into a placeholder.
  std::size_t keep = pending_.size();
  const std::size_t open = pending_.rfind('[');
  if (open != std::string::npos &&
      names_.could_start_placeholder(std::string_view(pending_).substr(open)))
    keep = open;
  std::string out = names_.restore(std::string_view(pending_).substr(0, keep), escape_);
  pending_.erase(0, keep);
  return out;
}

std::string StreamRestorer::finish() {
  std::string out = names_.restore(pending_, escape_);
  pending_.clear();
  return out;
}

}  // namespace llmsec
