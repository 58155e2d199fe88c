// Whether the value a secret rule captured could be a real credential, or is one of the
// things that stand where credentials are written: documentation placeholders
// ("a1b2c3d4...", "abcdefg12345", "xxxx", "<your key>"), repeated characters, and for
// passwords, labels, references and names ("Password:", "env.DB_PASSWORD",
// "cms/passwords#edit"). Rules opt in with `check: token` or `check: password`.
//
//   plausible_secret(ValueCheck::kToken, "00000000000000000000000000aa")  // false
//   plausible_secret(ValueCheck::kPassword, "Prestigitariu$")           // true
#pragma once

#include <optional>
#include <string_view>

namespace llmsec {

enum class ValueCheck { kNone, kToken, kPassword };

std::optional<ValueCheck> parse_value_check(std::string_view text);

bool plausible_secret(ValueCheck check, std::string_view value);

}  // namespace llmsec
