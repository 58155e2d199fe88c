// The obfuscations an attacker applies to get a prompt past pattern detectors, written here
// independently of core/text so that the robustness suite tests the canonicaliser rather
// than mirroring it.
#pragma once

#include <functional>
#include <string>
#include <vector>

struct Obfuscation {
  std::string name;
  std::function<std::string(const std::string&)> apply;
  // Held to the suite's target; a transform that also hides the text from the model it
  // is meant for (typos in every long word) is only reported.
  bool gated = true;
};

// Each single transform, then pairs of them.
std::vector<Obfuscation> obfuscations();
