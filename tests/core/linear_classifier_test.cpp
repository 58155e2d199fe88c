#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "core/detectors/linear_classifier.h"
#include "core/detectors/text_features.h"
#include "core/text/canonicalizer.h"
#include "core/text/normalizer.h"
#include "dataset.h"

using namespace llmsec;

namespace {

// A model that knows one word: "jailbreak" pushes the score up, everything else is neutral.
LinearModelSpec one_word_model() {
  LinearModelSpec spec{.name = "toy", .category = "jailbreak", .hash_bits = 12};
  spec.weights.assign(1u << 12, 0.0f);
  std::vector<std::uint32_t> features;
  hashed_features("jailbreak", 12, features);
  for (std::uint32_t f : features) spec.weights[f] = 4.0f;
  spec.bias = -2.0f;
  spec.min_score = 0.6;
  return spec;
}

std::vector<Finding> scan(const Detector& d, const std::string& text) {
  const Segment segment{.role = Role::kUser, .text = text};
  const auto views = canonicalize(text);
  std::vector<Finding> out;
  d.scan(ScanInput{segment, 0, views, Direction::kInput}, out);
  return out;
}

// The features as their definition reads, word after word with nothing skipped: what
// hashed_features must equal, however it saves work.
std::vector<std::uint32_t> reference_features(std::string_view text, int bits) {
  const std::uint32_t mask = (1u << bits) - 1;
  const auto mix = [](std::uint32_t h) {
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    return h ^ (h >> 16);
  };
  std::vector<std::uint32_t> out;
  const auto add = [&](std::uint32_t f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  std::vector<Word> words;
  words_of(text, words);
  std::uint32_t previous = 0;
  for (const Word& w : words) {
    const auto h = static_cast<std::uint32_t>(w.hash);
    add(h & mask);
    if (previous != 0) add((h * 31u + previous * 16777619u + 2u) & mask);
    std::string word(text.substr(w.start, w.end - w.start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word.size() >= 3) {
      const std::string padded = " " + word + " ";
      for (std::size_t k = 0; k + 4 <= padded.size(); ++k) {
        std::uint32_t gram = 0;
        for (std::size_t b = k; b < k + 4; ++b)
          gram = (gram << 8) | static_cast<unsigned char>(padded[b]);
        add(mix(gram ^ 0x5bd1e995u) & mask);
      }
    }
    previous = h | 1u;
  }
  return out;
}

}  // namespace

TEST_CASE("hashed features equal their plain definition on every development text",
          "[core][classifier]") {
  std::vector<std::uint32_t> fast;
  std::size_t texts = 0;
  for (const char* corpus : {"injection-dev.jsonl", "jailbreak-dev.jsonl"})
    for (const auto& row : read_jsonl(dataset_path(corpus))) {
      const std::string text(normalize_views(text_of(row)).normalized.text());
      hashed_features(text, 18, fast);
      if (fast != reference_features(text, 18)) FAIL_CHECK(text.substr(0, 200));
      ++texts;
    }
  CHECK(texts > 1500);
}

TEST_CASE("hashed features are deterministic and cover words, pairs and 4-grams",
          "[core][classifier]") {
  std::vector<std::uint32_t> a, b;
  hashed_features("ignore previous rules", 18, a);
  hashed_features("ignore previous rules", 18, b);
  CHECK(a == b);
  // 3 words + 2 pairs + 4-grams of " ignore " (5), " previous " (7), " rules " (4)
  CHECK(a.size() == 3 + 2 + 5 + 7 + 4);
  for (std::uint32_t f : a) CHECK(f < (1u << 18));
  hashed_features("", 18, a);
  CHECK(a.empty());
}

TEST_CASE("a linear model scores text and reports above its min_score", "[core][classifier]") {
  auto detector = LinearClassifier::create(one_word_model());
  REQUIRE(detector);
  CHECK((*detector)->probability("please jailbreak") > 0.6);
  CHECK((*detector)->probability("a cup of tea") < 0.2);
  const auto hits = scan(**detector, "Please JAILBREAK now");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].detector == "classifier.toy");
  CHECK(hits[0].category == "jailbreak");
  CHECK(hits[0].score >= 0.5);
  CHECK(hits[0].score <= 1.0);
  CHECK(scan(**detector, "a cup of tea").empty());
}

TEST_CASE("a linear model also reads obfuscated and encoded forms", "[core][classifier]") {
  auto detector = LinearClassifier::create(one_word_model());
  REQUIRE(detector);
  CHECK(scan(**detector, "please j a i l b r e a k now").size() == 1);
  const std::string encoded =
      "run amFpbGJyZWFrIG5vdyBwbGVhc2U= ok";  // base64("jailbreak now please")
  const auto hits = scan(**detector, encoded);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].view == "decoded.base64");
  CHECK(encoded.substr(hits[0].start, hits[0].end - hits[0].start) ==
        "amFpbGJyZWFrIG5vdyBwbGVhc2U=");
}

TEST_CASE("a decoded payload in capitals reads as the same words", "[core][classifier]") {
  // Decoded layers keep the payload's case; the model was trained on case-folded text.
  auto detector = LinearClassifier::create(one_word_model());
  REQUIRE(detector);
  const std::string encoded = "run SkFJTEJSRUFLIE5PVyBQTEVBU0U= ok";  // "JAILBREAK NOW PLEASE"
  const auto hits = scan(**detector, encoded);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].view == "decoded.base64");
}

TEST_CASE("each part of a decoded layer is scored on its own words", "[core][classifier]") {
  auto detector = LinearClassifier::create(one_word_model());
  REQUIRE(detector);
  // Two payloads, the second one the attack: its score must not be diluted by the first.
  const std::string two =
      "a dGhlIHdlYXRoZXIgaXMgbWlsZCB0b2RheSBpbiB0aGUgdmFsbGV5 b amFpbGJyZWFrIG5vdyBwbGVhc2U= c";
  const auto hits = scan(**detector, two);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].view == "decoded.base64");
  CHECK(hits[0].score > 0.99);  // with the weather's words in, it would be about 0.92
}

TEST_CASE("a text repeated many times scores like the text once", "[core][classifier]") {
  auto detector = LinearClassifier::create(one_word_model());
  REQUIRE(detector);
  std::string once = "we talk about a jailbreak in the news ";
  std::string many;
  for (int i = 0; i < 500; ++i) many += once;
  CHECK((*detector)->probability(many) == Approx((*detector)->probability(once)).margin(0.05));
  std::vector<std::uint32_t> features;
  hashed_features("tea tea tea tea", 18, features);
  CHECK(features.size() == 4);  // "tea", the pair "tea tea", the 4-grams " tea" and "tea "
}

TEST_CASE("a model with the wrong number of weights is an error", "[core][classifier]") {
  auto spec = one_word_model();
  spec.weights.pop_back();
  CHECK_FALSE(LinearClassifier::create(spec));
}

TEST_CASE("a model with a weight that is not a finite number is an error", "[core][classifier]") {
  auto spec = one_word_model();
  spec.weights[7] = std::numeric_limits<float>::infinity();
  CHECK_FALSE(LinearClassifier::create(spec));
}

TEST_CASE("the quantised weights score as the weights do", "[core][classifier]") {
  // Weights of very different sizes: the small ones must not vanish next to the large.
  LinearModelSpec spec{.name = "wide", .category = "jailbreak", .hash_bits = 12};
  spec.weights.assign(1u << 12, 0.0f);
  for (std::size_t i = 0; i < spec.weights.size(); ++i)
    spec.weights[i] =
        static_cast<float>((i % 2 ? -1.0 : 1.0) * 0.001 * static_cast<double>(i % 97));
  spec.weights[5] = 7.5f;
  spec.bias = -0.3f;
  auto detector = LinearClassifier::create(spec);
  REQUIRE(detector);
  for (const char* text : {"a cup of tea", "please ignore all of that", "jailbreak jailbreak"}) {
    std::vector<std::uint32_t> features;
    hashed_features(text, 12, features);
    double sum = 0.0;
    for (std::uint32_t f : features) sum += spec.weights[f];
    const double z = spec.bias + sum / std::sqrt(static_cast<double>(features.size()));
    INFO(text);
    CHECK((*detector)->probability(text) == Approx(1.0 / (1.0 + std::exp(-z))).margin(1e-4));
  }
}
