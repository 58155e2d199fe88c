#include "core/detectors/secret_value.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace llmsec {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string_view unquoted(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  if (v.size() >= 4 && v.starts_with("\\\"") && v.ends_with("\\\"")) v = v.substr(2, v.size() - 4);
  return v;
}

// Few distinct characters, or one character for much of the value: typed, not generated.
bool low_variety(std::string_view v) {
  std::array<int, 256> counts{};
  int distinct = 0, most = 0;
  for (unsigned char c : v) {
    distinct += counts[c]++ == 0;
    most = std::max(most, counts[c]);
  }
  return distinct < 6 || most * 3 > static_cast<int>(v.size());
}

// Runs people type for examples: "abcdef", "123456", "ABCDEF", and the interleaved
// "a1b2c3d4" or "e5f6g7h8", where every other character counts up.
bool typed_sequence(std::string_view v) {
  int ascending = 1, interleaved = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    const bool up = is_alnum(v[i]) && lower(v[i]) == lower(v[i - 1]) + 1;
    ascending = up ? ascending + 1 : 1;
    const bool up_by_two = i >= 2 && is_alnum(v[i]) && lower(v[i]) == lower(v[i - 2]) + 1;
    interleaved = up_by_two ? interleaved + 1 : 0;
    if (ascending >= 5 || interleaved >= 5) return true;
  }
  return false;
}

// The value with its letters in lower case, once, for the word searches below.
std::string folded(std::string_view v) {
  std::string out(v.size(), '\0');
  std::transform(v.begin(), v.end(), out.begin(), lower);
  return out;
}

bool contains(std::string_view folded_value, std::string_view word) {
  return folded_value.find(word) != std::string_view::npos;
}

bool placeholder_word(std::string_view folded_value) {
  static constexpr std::string_view kWords[] = {
      "example",  "placeholder", "your_",  "your-", "yourkey", "xxxx", "changeme", "dummy",
      "redacted", "replace",     "insert", "****",  "...",     "<",    "${",       "{{"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](std::string_view w) { return contains(folded_value, w); });
}

bool plausible_token(std::string_view v) {
  return !low_variety(v) && !typed_sequence(v) && !placeholder_word(folded(v));
}

// A password is short and typed, so only what cannot be one is left out: the field's own
// name or label, a reference to where it is kept, an ARN, a route, an obvious placeholder.
bool plausible_password(std::string_view v) {
  if (v.empty()) return false;
  const std::string f = folded(v);
  // "Password:", "arn:...:policy/IAMUserChangePassword", "cms/passwords#edit"; a password
  // may well contain the word ("thisismypassword"), a name made of parts does not.
  const bool names_itself = contains(f, "password") || contains(f, "passwd");
  if (names_itself && v.size() <= 8) return false;  // "password" = "password"
  if (names_itself && v.find_first_of("/:#.") != std::string_view::npos) return false;
  if (v.back() == ':' || v.starts_with("arn:")) return false;
  static constexpr std::string_view kReferences[] = {"env.",     "environ", "getenv", "process.",
                                                     "secrets.", "vault:",  "$("};
  if (std::any_of(std::begin(kReferences), std::end(kReferences),
                  [&](std::string_view r) { return contains(f, r); }))
    return false;
  return !placeholder_word(f) && std::any_of(v.begin(), v.end(), [](char c) { return c != '*'; });
}

}  // namespace

std::optional<ValueCheck> parse_value_check(std::string_view text) {
  if (text == "token") return ValueCheck::kToken;
  if (text == "password") return ValueCheck::kPassword;
  return std::nullopt;
}

bool plausible_secret(ValueCheck check, std::string_view value) {
  value = unquoted(value);
  switch (check) {
    case ValueCheck::kNone:
      return true;
    case ValueCheck::kToken:
      return plausible_token(value);
    case ValueCheck::kPassword:
      return plausible_password(value);
  }
  return true;
}

}  // namespace llmsec
