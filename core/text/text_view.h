// TextView: one view of a segment's text (the original, a normalised form, a decoded
// layer...) with a map from every byte of the view back to the original bytes, so that a
// match found in any view reports, and redacts, the right span of the original.
//
//   TextViewBuilder b("normalized");
//   b.append_copy(original, 0, 5);         // bytes copied as they are
//   b.append_replacement("i", 5, 7);       // "i" stands for original bytes [5, 7)
//   TextView v = std::move(b).build();
//   auto [s, e] = v.to_original(0, 6);      // -> {0, 7}
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/word_shingles.h"

namespace llmsec {

class TextView {
 public:
  // A view that is the original text itself.
  static TextView identity(std::string_view name, std::string_view text);

  std::string_view name() const { return name_; }
  std::string_view text() const { return text_; }

  // The view's words (word_shingles.h), made at the first call: the typo corrector, the
  // classifier and the feed all read them, so the text is cut into words once. Like the
  // rest of a scan's views, a view is read by one thread at a time.
  const std::vector<Word>& words() const;

  // The original span that produced view bytes [start, end). Spans that start or end
  // inside a replacement widen to the whole replaced original span.
  std::pair<std::size_t, std::size_t> to_original(std::size_t start, std::size_t end) const;

 private:
  friend class TextViewBuilder;
  // A run of view bytes [view_start, next piece's view_start) made from original bytes
  // [original_start, original_end). A one-to-one run maps byte for byte.
  struct Piece {
    std::size_t view_start;
    std::size_t original_start;
    std::size_t original_end;
    bool one_to_one;
  };
  const Piece& piece_at(std::size_t view_offset) const;
  std::size_t piece_end(std::size_t index) const;

  std::string name_;
  std::string text_;
  std::vector<Piece> pieces_;
  mutable std::vector<Word> words_;
  mutable bool words_made_ = false;
};

class TextViewBuilder {
 public:
  explicit TextViewBuilder(std::string_view name);
  // Appends original[start, end) unchanged.
  void append_copy(std::string_view original, std::size_t start, std::size_t end);
  // Appends `bytes`, which stand byte for byte for original bytes [start, start + size)
  // (ASCII lower-casing, say): offsets inside map exactly.
  void append_one_to_one(std::string_view bytes, std::size_t start);
  // Appends `bytes`, which stand for original bytes [start, end). Empty bytes drop them.
  void append_replacement(std::string_view bytes, std::size_t start, std::size_t end);
  // Appends bytes [start, end) of another view of the same original, keeping its map, so
  // that a view derived from a view still maps straight to the original.
  void append_from(const TextView& source, std::size_t start, std::size_t end);
  TextView build() &&;

 private:
  TextView view_;
};

}  // namespace llmsec
