// Checksums and structure rules that tell a real identifier from a number of the same shape.
//
//   luhn_valid("4111111111111111")          -> true
//   card_issuer("378282246310005")          -> "amex"
//   iban_valid("DE89370400440532013000")    -> true   (country length and mod-97)
//   us_ssn_valid("123-45-6789")             -> true   (area, group and serial rules)
//
// Each takes the candidate as matched (separators included where the format has them)
// and does no allocation beyond a small digit buffer.
#pragma once

#include <string>
#include <string_view>

namespace llmsec {

// Digits of `text` with spaces, dashes and dots removed; empty when anything else occurs.
std::string digits_only(std::string_view text);

bool luhn_valid(std::string_view digits);
// "visa", "mastercard", "amex", "discover", "jcb", "diners", "unionpay", "maestro", or ""
// when no issuer uses that prefix and length.
std::string_view card_issuer(std::string_view digits);

// ISO 13616: known country, that country's length, mod-97 remainder 1. Spaces allowed.
bool iban_valid(std::string_view text);

// Area 001-899 except 666, group 01-99, serial 0001-9999, not a published example.
bool us_ssn_valid(std::string_view text);

bool ipv4_valid(std::string_view text);
bool ipv6_valid(std::string_view text);

// Bitcoin: bech32 or bech32m ("bc1...") with a valid checksum.
bool bech32_address_valid(std::string_view text);
// Bitcoin legacy: base58 that decodes to 25 bytes with version 0x00 or 0x05. The
// double-SHA-256 checksum is not verified (core links no hash library).
bool base58_address_plausible(std::string_view text);

// Verhoeff check digit (Indian Aadhaar).
bool verhoeff_valid(std::string_view digits);
// UK National Insurance number: allowed letters and prefixes, suffix A-D.
bool uk_nino_valid(std::string_view text);
// German Steuer-ID: 11 digits, no leading 0, one digit twice or thrice, ISO 7064 check.
bool de_tax_id_valid(std::string_view digits);
// French NIR (numéro de sécurité sociale): 13 characters plus the 97-complement key.
bool fr_nir_valid(std::string_view text);
// Spanish DNI (8 digits and a letter) or NIE (X/Y/Z, 7 digits, letter), mod-23 letter.
bool es_dni_valid(std::string_view text);

// Shannon entropy in bits per character.
double shannon_entropy(std::string_view text);

}  // namespace llmsec
