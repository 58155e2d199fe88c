#include "core/text/text_view.h"

#include <algorithm>

namespace llmsec {

const std::vector<Word>& TextView::words() const {
  if (!words_made_) {
    words_of(text_, words_);
    words_made_ = true;
  }
  return words_;
}

TextView TextView::identity(std::string_view name, std::string_view text) {
  TextViewBuilder builder(name);
  builder.append_copy(text, 0, text.size());
  return std::move(builder).build();
}

const TextView::Piece& TextView::piece_at(std::size_t view_offset) const {
  // The last piece whose view_start <= view_offset.
  auto it =
      std::upper_bound(pieces_.begin(), pieces_.end(), view_offset,
                       [](std::size_t offset, const Piece& p) { return offset < p.view_start; });
  return *(it == pieces_.begin() ? it : it - 1);
}

std::size_t TextView::piece_end(std::size_t index) const {
  return index + 1 < pieces_.size() ? pieces_[index + 1].view_start : text_.size();
}

std::pair<std::size_t, std::size_t> TextView::to_original(std::size_t start,
                                                          std::size_t end) const {
  if (pieces_.empty()) return {0, 0};
  end = std::min(end, text_.size());
  start = std::min(start, end);
  const Piece& first = piece_at(start);
  std::size_t original_start =
      first.one_to_one ? first.original_start + (start - first.view_start) : first.original_start;
  if (end == start) return {original_start, original_start};
  const Piece& last = piece_at(end - 1);
  std::size_t original_end =
      last.one_to_one ? last.original_start + (end - last.view_start) : last.original_end;
  return {original_start, std::max(original_start, original_end)};
}

TextViewBuilder::TextViewBuilder(std::string_view name) {
  view_.name_ = name;
}

void TextViewBuilder::append_copy(std::string_view original, std::size_t start, std::size_t end) {
  if (end <= start) return;
  append_one_to_one(original.substr(start, end - start), start);
}

void TextViewBuilder::append_one_to_one(std::string_view bytes, std::size_t start) {
  if (bytes.empty()) return;
  auto& pieces = view_.pieces_;
  // Extend the previous one-to-one piece when this run continues it, to keep the map small.
  if (!pieces.empty() && pieces.back().one_to_one && pieces.back().original_end == start &&
      pieces.back().view_start + (pieces.back().original_end - pieces.back().original_start) ==
          view_.text_.size()) {
    pieces.back().original_end = start + bytes.size();
  } else {
    pieces.push_back({view_.text_.size(), start, start + bytes.size(), true});
  }
  view_.text_.append(bytes);
}

void TextViewBuilder::append_replacement(std::string_view bytes, std::size_t start,
                                         std::size_t end) {
  if (bytes.empty()) return;
  view_.pieces_.push_back({view_.text_.size(), start, end, false});
  view_.text_.append(bytes);
}

void TextViewBuilder::append_from(const TextView& source, std::size_t start, std::size_t end) {
  end = std::min(end, source.text_.size());
  if (start >= end) return;
  const auto& pieces = source.pieces_;
  auto it = std::upper_bound(
      pieces.begin(), pieces.end(), start,
      [](std::size_t offset, const TextView::Piece& p) { return offset < p.view_start; });
  for (std::size_t index = static_cast<std::size_t>(it - pieces.begin()) - 1;
       index < pieces.size() && pieces[index].view_start < end; ++index) {
    const TextView::Piece& piece = pieces[index];
    const std::size_t from = std::max(start, piece.view_start);
    const std::size_t to = std::min(end, source.piece_end(index));
    const std::string_view bytes = std::string_view(source.text_).substr(from, to - from);
    if (piece.one_to_one)
      append_one_to_one(bytes, piece.original_start + (from - piece.view_start));
    else
      append_replacement(bytes, piece.original_start, piece.original_end);
  }
}

TextView TextViewBuilder::build() && {
  return std::move(view_);
}

}  // namespace llmsec
