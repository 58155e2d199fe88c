#include "core/text/canonicalizer.h"

#include <map>
#include <string>

#include "core/text/decoders.h"
#include "core/text/deobfuscator.h"
#include "core/text/normalizer.h"
#include "core/text/typo_corrector.h"

namespace llmsec {
namespace {

// A decoded payload at some depth, with the span of the outermost encoding in the original.
struct Layer {
  std::string name;  // "decoded.base64.rot13"
  std::string text;
  std::size_t start, end;
};

void decode_layers(std::string_view text, const std::string& prefix, std::size_t outer_start,
                   std::size_t outer_end, bool top, int depth, const CanonicalizeLimits& limits,
                   std::vector<Layer>& out) {
  if (depth == 0) return;
  for (DecodedPayload& p : find_encoded_payloads(text)) {
    if (out.size() >= limits.max_payloads) return;
    const std::size_t start = top ? p.start : outer_start;
    const std::size_t end = top ? p.end : outer_end;
    std::string name = prefix + "." + p.kind;
    out.push_back({name, std::move(p.text), start, end});
    const std::string inner = out.back().text;
    decode_layers(inner, name, start, end, false, depth - 1, limits, out);
  }
}

// A decoded payload is scanned in its normalised form, and also as a skeleton and
// de-obfuscated where those differ (base64 of homoglyphs or of leetspeak).
std::string layer_text(const std::string& payload) {
  NormalizedViews views = normalize_views(payload);
  std::string text(views.normalized.text());
  if (views.skeleton) {
    text += kPartSeparator;
    text += views.skeleton->text();
  }
  if (auto deobfuscated = deobfuscate(views.normalized)) {
    text += kPartSeparator;
    text += deobfuscated->text();
  }
  if (views.skeleton) {
    if (auto deobfuscated = deobfuscate(*views.skeleton)) {
      text += kPartSeparator;
      text += deobfuscated->text();
    }
  }
  return text;
}

}  // namespace

bool view_selected(std::string_view view, std::string_view wanted) {
  return view == wanted ||
         (view.size() > wanted.size() && view.starts_with(wanted) && view[wanted.size()] == '.');
}

std::vector<TextView> canonicalize(std::string_view text, const CanonicalizeLimits& limits) {
  std::vector<TextView> views;
  views.push_back(TextView::identity("original", text));
  NormalizedViews normalized = normalize_views(text);
  // De-obfuscated from the normalised view, and from the skeleton too when there is one:
  // spaced-out Russian must stay Russian, spaced-out look-alikes must become Latin.
  std::optional<TextView> deobfuscated = deobfuscate(normalized.normalized);
  std::optional<TextView> deobfuscated_skeleton;
  if (normalized.skeleton) {
    deobfuscated_skeleton = deobfuscate(*normalized.skeleton, "deobfuscated.skeleton");
    if (deobfuscated_skeleton && deobfuscated &&
        deobfuscated_skeleton->text() == deobfuscated->text())
      deobfuscated_skeleton.reset();
  }
  std::optional<TextView> corrected;
  if (limits.correct_typos) corrected = correct_typos(normalized.normalized);
  views.push_back(std::move(normalized.normalized));
  if (normalized.skeleton) views.push_back(std::move(*normalized.skeleton));
  if (deobfuscated) views.push_back(std::move(*deobfuscated));
  if (deobfuscated_skeleton) views.push_back(std::move(*deobfuscated_skeleton));
  if (corrected) views.push_back(std::move(*corrected));

  std::vector<Layer> layers;
  decode_layers(text, "decoded", 0, text.size(), true, limits.max_decode_depth, limits, layers);
  std::map<std::string, TextViewBuilder> by_name;
  for (const Layer& layer : layers) {
    auto [it, inserted] = by_name.try_emplace(layer.name, layer.name);
    if (!inserted) it->second.append_replacement(kPartSeparator, layer.end, layer.end);
    it->second.append_replacement(layer_text(layer.text), layer.start, layer.end);
  }
  for (auto& [name, builder] : by_name) views.push_back(std::move(builder).build());
  return views;
}

}  // namespace llmsec
