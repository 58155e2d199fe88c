#include "core/text/text_view.h"

#include <algorithm>

namespace llmsec {

TextView TextView::identity(std::string_view name, std::string_view text) {
  TextViewBuilder builder(name);
  builder.append_copy(text, 0, text.size());
  return std::move(builder).build();
}

const TextView::Piece& TextView::piece_at(std::size_t view_offset) const {
  // The last piece whose view_start <= view_offset.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), view_offset,
                             [](std::size_t offset, const Piece& p) { return offset < p.view_start; });
  return *(it == pieces_.begin() ? it : it - 1);
}

std::pair<std::size_t, std::size_t> TextView::to_original(std::size_t start,
                                                          std::size_t end) const {
  if (pieces_.empty()) return {0, 0};
  end = std::min(end, text_.size());
  start = std::min(start, end);
  const Piece& first = piece_at(start);
  std::size_t original_start =
      first.copied ? first.original_start + (start - first.view_start) : first.original_start;
  if (end == start) return {original_start, original_start};
  const Piece& last = piece_at(end - 1);
  std::size_t original_end =
      last.copied ? last.original_start + (end - last.view_start) : last.original_end;
  return {original_start, std::max(original_start, original_end)};
}

TextViewBuilder::TextViewBuilder(std::string_view name) { view_.name_ = name; }

void TextViewBuilder::append_copy(std::string_view original, std::size_t start, std::size_t end) {
  if (end <= start) return;
  auto& pieces = view_.pieces_;
  // Extend the previous copied piece when this run continues it, to keep the map small.
  if (!pieces.empty() && pieces.back().copied && pieces.back().original_end == start &&
      pieces.back().view_start + (pieces.back().original_end - pieces.back().original_start) ==
          view_.text_.size()) {
    pieces.back().original_end = end;
  } else {
    pieces.push_back({view_.text_.size(), start, end, true});
  }
  view_.text_.append(original.substr(start, end - start));
}

void TextViewBuilder::append_replacement(std::string_view bytes, std::size_t start,
                                         std::size_t end) {
  if (bytes.empty()) return;
  view_.pieces_.push_back({view_.text_.size(), start, end, false});
  view_.text_.append(bytes);
}

TextView TextViewBuilder::build() && { return std::move(view_); }

}  // namespace llmsec
