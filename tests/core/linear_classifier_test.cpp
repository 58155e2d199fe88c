#include <catch2/catch.hpp>

#include "core/detectors/linear_classifier.h"
#include "core/detectors/text_features.h"
#include "core/text/canonicalizer.h"

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

}  // namespace

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
