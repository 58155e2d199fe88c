#include "config/model_loader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace llmsec::config {

std::optional<LinearModelSpec> load_linear_model(const std::string& path, Diagnostics& diag) {
  std::ifstream in(path);
  if (!in) {
    diag.error(path, "cannot read model file");
    return std::nullopt;
  }
  LinearModelSpec spec;
  std::string line;
  std::size_t number = 0;
  auto fail = [&](const std::string& message) {
    diag.error(path + ":" + std::to_string(number), message);
    return std::nullopt;
  };
  ++number;
  if (!std::getline(in, line) || !line.starts_with("llmsec-linear-model "))
    return fail("not an llmsec linear model");
  // Version 1 models were trained on features hashed another way: their weights would
  // score noise, so they are refused rather than loaded.
  if (line != "llmsec-linear-model 2")
    return fail("model format '" + line.substr(20) +
                "' is not 2; retrain it with this version (scripts/train-models.sh)");
  bool sized = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string key;
    fields >> key;
    if (key == "name")
      fields >> spec.name;
    else if (key == "category")
      fields >> spec.category;
    else if (key == "bias")
      fields >> spec.bias;
    else if (key == "min_score")
      fields >> spec.min_score;
    else if (key == "hash_bits") {
      fields >> spec.hash_bits;
      if (spec.hash_bits < 8 || spec.hash_bits > 24) return fail("hash_bits must be 8 to 24");
      spec.weights.assign(std::size_t{1} << spec.hash_bits, 0.0f);
      sized = true;
    } else {
      if (!sized) return fail("weights before hash_bits");
      std::size_t bucket = 0;
      float weight = 0;
      std::istringstream numbers(line);
      if (!(numbers >> bucket >> weight) || bucket >= spec.weights.size())
        return fail("expected '<bucket> <weight>'");
      spec.weights[bucket] = weight;
    }
    if (fields.fail()) return fail("bad value for '" + key + "'");
  }
  if (!sized || spec.name.empty() || spec.category.empty())
    return fail("model needs name, category and hash_bits");
  return spec;
}

bool save_linear_model(const LinearModelSpec& spec, const std::string& path) {
  std::ofstream out(path);
  out << "llmsec-linear-model 2\nname " << spec.name << "\ncategory " << spec.category
      << "\nhash_bits " << spec.hash_bits << "\nbias " << spec.bias << "\nmin_score "
      << spec.min_score << "\n";
  for (std::size_t i = 0; i < spec.weights.size(); ++i)
    if (std::fabs(spec.weights[i]) >= 1e-6f) out << i << ' ' << spec.weights[i] << '\n';
  return static_cast<bool>(out);
}

}  // namespace llmsec::config
