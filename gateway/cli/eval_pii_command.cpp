// llmsec eval-pii [--config FILE] [--min-score X] FILE.jsonl...
//
// Span-level precision and recall of the sensitive-data detectors, per type, on JSONL with
// gold spans: {"text": "...", "spans": [{"type": "EMAIL_ADDRESS", "start": 5, "end": 22}]}
// with offsets in code points (as ../shared/datasets/pii-dev.jsonl writes them). A finding
// counts when its score reaches --min-score (default 0.5, the flag threshold) and its span
// overlaps a gold span of the same type. Gold types without a detector are left out.
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "gateway/cli/cli.h"

namespace llmsec::cli {
namespace json = boost::json;

namespace {

// Gold type names (Presidio's) -> our categories.
const std::map<std::string, std::string> kGoldTypes = {
    {"CREDIT_CARD", "credit_card"}, {"EMAIL_ADDRESS", "email"},
    {"PHONE_NUMBER", "phone"},      {"IBAN_CODE", "iban"},
    {"US_SSN", "us_ssn"},           {"IP_ADDRESS", "ip_address"},
    {"MAC_ADDRESS", "mac_address"}, {"CRYPTO", "crypto_wallet"},
    {"NATIONAL_ID", "national_id"}, {"DATE_OF_BIRTH", "date_of_birth"}};

// Byte offset of code point `index` in UTF-8 `text`.
std::size_t byte_offset(std::string_view text, std::size_t index) {
  std::size_t i = 0;
  for (std::size_t cp = 0; i < text.size() && cp < index; ++cp) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

struct Counts {
  int gold = 0, found = 0, true_positive = 0, recalled = 0;
};

std::string percent(int a, int b) {
  if (b == 0) return "-";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * a / b);
  return buffer;
}

}  // namespace

int eval_pii_command(std::span<const std::string_view> args) {
  std::optional<std::string> config_path;
  double min_score = 0.5;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if ((a == "--config" || a == "--min-score") && i + 1 < args.size()) {
      if (a == "--config")
        config_path = std::string(args[++i]);
      else
        min_score = std::stod(std::string(args[++i]));
    } else if (a.starts_with("--")) {
      return usage_error("usage: eval-pii [--config FILE] [--min-score X] FILE.jsonl...");
    } else {
      files.emplace_back(a);
    }
  }
  if (files.empty())
    return usage_error("usage: eval-pii [--config FILE] [--min-score X] FILE.jsonl...");
  const auto snapshot = load_cli_snapshot(config_path);
  if (!snapshot) return kExitUsage;
  const Policy& policy = snapshot->default_policy();

  std::map<std::string, Counts> counts;
  for (const std::string& file : files) {
    std::ifstream in(file);
    if (!in) return usage_error("cannot read " + file);
    std::string line;
    while (std::getline(in, line)) {
      boost::system::error_code ec;
      const json::value row = json::parse(line, ec);
      if (ec || !row.is_object() || !row.as_object().contains("text")) continue;
      const std::string text(row.at("text").as_string());
      struct Span {
        std::string type;
        std::size_t start, end;
      };
      std::vector<Span> gold;
      if (const json::value* spans = row.as_object().if_contains("spans"))
        for (const json::value& s : spans->as_array()) {
          auto it = kGoldTypes.find(std::string(s.at("type").as_string()));
          if (it == kGoldTypes.end()) continue;
          gold.push_back({it->second, byte_offset(text, s.at("start").to_number<std::size_t>()),
                          byte_offset(text, s.at("end").to_number<std::size_t>())});
        }
      const std::vector<Segment> segments{{.role = Role::kUser, .text = text, .source = "/text"}};
      const ScanReport report =
          snapshot->pipeline.scan(segments, Direction::kInput, policy.lists.get());
      std::set<std::size_t> recalled;
      for (const Finding& f : report.findings) {
        if (f.detector != "pii" || f.score < min_score) continue;
        Counts& c = counts[f.category];
        ++c.found;
        bool hit = false;
        for (std::size_t g = 0; g < gold.size(); ++g)
          if (gold[g].type == f.category && f.start < gold[g].end && gold[g].start < f.end) {
            hit = true;
            recalled.insert(g);
          }
        c.true_positive += hit;
      }
      for (std::size_t g = 0; g < gold.size(); ++g) {
        Counts& c = counts[gold[g].type];
        ++c.gold;
        c.recalled += recalled.contains(g);
      }
    }
  }
  std::printf("%-16s %6s %6s %10s %8s\n", "type", "gold", "found", "precision", "recall");
  Counts total;
  for (const auto& [type, c] : counts) {
    std::printf("%-16s %6d %6d %10s %8s\n", type.c_str(), c.gold, c.found,
                percent(c.true_positive, c.found).c_str(), percent(c.recalled, c.gold).c_str());
    total.gold += c.gold;
    total.found += c.found;
    total.true_positive += c.true_positive;
    total.recalled += c.recalled;
  }
  std::printf("%-16s %6d %6d %10s %8s\n", "overall", total.gold, total.found,
              percent(total.true_positive, total.found).c_str(),
              percent(total.recalled, total.gold).c_str());
  return kExitOk;
}

}  // namespace llmsec::cli
