// Reads a linear model file written by `llmsec-train` (config/models/*.model).
//
//   llmsec-linear-model 2       2: features of words_of's words (1: FNV-1a words, refused)
//   name jailbreak
//   category jailbreak
//   hash_bits 18
//   bias -1.25
//   min_score 0.83           the probability from which it reports a finding
//   <bucket> <weight>        one line per non-zero weight
#pragma once

#include <optional>
#include <string>

#include "config/diagnostics.h"
#include "core/detectors/linear_classifier.h"

namespace llmsec::config {

std::optional<LinearModelSpec> load_linear_model(const std::string& path, Diagnostics& diag);

// Writes `spec` in the same format (weights of magnitude below 1e-6 are left out).
bool save_linear_model(const LinearModelSpec& spec, const std::string& path);

}  // namespace llmsec::config
