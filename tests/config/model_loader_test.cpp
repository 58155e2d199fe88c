#include <catch2/catch.hpp>

#include "config/model_loader.h"
#include "temp_file.h"

using namespace llmsec;
using namespace llmsec::config;

TEST_CASE("a model survives a save and a load", "[config][classifier]") {
  LinearModelSpec spec{
      .name = "m", .category = "jailbreak", .hash_bits = 10, .bias = -0.5f, .min_score = 0.7};
  spec.weights.assign(1024, 0.0f);
  spec.weights[3] = 1.5f;
  spec.weights[1000] = -0.25f;
  TempFile file("", ".model");
  REQUIRE(save_linear_model(spec, file.path()));
  Diagnostics diag;
  auto loaded = load_linear_model(file.path(), diag);
  REQUIRE(loaded);
  CHECK(loaded->name == "m");
  CHECK(loaded->category == "jailbreak");
  CHECK(loaded->bias == Approx(-0.5));
  CHECK(loaded->min_score == Approx(0.7));
  CHECK(loaded->weights == spec.weights);
}

TEST_CASE("a broken model file is reported with its line", "[config][classifier]") {
  TempFile wrong_header("not a model\n", ".model");
  Diagnostics diag;
  CHECK_FALSE(load_linear_model(wrong_header.path(), diag));
  TempFile out_of_range("llmsec-linear-model 2\nname m\ncategory c\nhash_bits 8\n999 1.0\n",
                        ".model");
  CHECK_FALSE(load_linear_model(out_of_range.path(), diag));
  CHECK_THAT(diag.text(), Catch::Contains(out_of_range.path() + ":5"));
  TempFile none("llmsec-linear-model 2\nhash_bits 8\n", ".model");
  CHECK_FALSE(load_linear_model(none.path(), diag));
  CHECK_THAT(diag.text(), Catch::Contains("needs name, category"));
  // A model of the first format was trained on other features: refused, with what to do.
  TempFile old("llmsec-linear-model 1\nname m\ncategory c\nhash_bits 8\n1 1.0\n", ".model");
  CHECK_FALSE(load_linear_model(old.path(), diag));
  CHECK_THAT(diag.text(), Catch::Contains(old.path() + ":1") && Catch::Contains("retrain"));
}

TEST_CASE("the shipped jailbreak model loads", "[config][classifier]") {
  Diagnostics diag;
  auto model = load_linear_model(LLMSEC_SOURCE_DIR "/config/models/jailbreak.model", diag);
  INFO(diag.text());
  REQUIRE(model);
  CHECK(model->category == "jailbreak");
  CHECK(model->hash_bits == 18);
}
