// Loads a feed of known attacks (config/feeds/*.jsonl, or an operator's own file) into a
// FeedSpec. JSON Lines, one known prompt a line; blank lines are skipped:
//
//   {"id": "dan-11.0", "category": "jailbreak", "text": "Hello ChatGPT. You are about to ..."}
//
// `id` names the entry in findings and audit records (the text never appears there);
// `category` is the category its near-copies are reported in. Problems are reported as
// file:line:col, all of them.
//
//   Diagnostics diag;
//   std::optional<FeedSpec> feed = load_feed("config/feeds/known_attacks.jsonl", diag);
#pragma once

#include <optional>
#include <string>

#include "config/diagnostics.h"
#include "core/detectors/feed_detector.h"

namespace llmsec::config {

std::optional<FeedSpec> load_feed(const std::string& path, Diagnostics& diag);

}  // namespace llmsec::config
