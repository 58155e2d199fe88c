#include "core/detectors/pii_validators.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <vector>

namespace llmsec {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

int prefix_number(std::string_view digits, std::size_t n) {
  int v = 0;
  for (std::size_t i = 0; i < n && i < digits.size(); ++i) v = v * 10 + (digits[i] - '0');
  return v;
}

}  // namespace

std::string digits_only(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_digit(c))
      out += c;
    else if (c != ' ' && c != '-' && c != '.')
      return {};
  }
  return out;
}

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string_view card_issuer(std::string_view d) {
  const std::size_t n = d.size();
  if (n < 12 || n > 19 || !all_digits(d)) return "";
  const int p1 = prefix_number(d, 1), p2 = prefix_number(d, 2), p3 = prefix_number(d, 3),
            p4 = prefix_number(d, 4), p6 = prefix_number(d, 6);
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return "visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16) return "mastercard";
  if ((p2 == 34 || p2 == 37) && n == 15) return "amex";
  if ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) &&
      n >= 16)
    return "discover";
  if (p4 >= 3528 && p4 <= 3589 && n >= 16) return "jcb";
  if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14) return "diners";
  if (p2 == 62 && n >= 16) return "unionpay";
  if ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && n >= 12) return "maestro";
  return "";
}

bool iban_valid(std::string_view text) {
  struct Country {
    const char* code;
    int length;
  };
  // ISO 13616 registry lengths.
  static constexpr std::array<Country, 80> kLengths{{
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
      {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
      {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
      {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
      {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
      {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24},
      {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15},
      {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22},
      {"SA", 24}, {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25},
      {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24},
      {"XK", 20}, {"BI", 27}, {"SD", 18},
  }};
  std::string iban;
  for (char c : text) {
    if (c == ' ') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
    iban += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (iban.size() < 15 || iban.size() > 34) return false;
  bool known = false;
  for (const Country& country : kLengths)
    if (iban.compare(0, 2, country.code) == 0)
      known = static_cast<int>(iban.size()) == country.length;
  if (!known || !is_digit(iban[2]) || !is_digit(iban[3])) return false;
  int remainder = 0;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    const char c = iban[(i + 4) % iban.size()];
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    }
  }
  return remainder == 1;
}

bool us_ssn_valid(std::string_view text) {
  const std::string d = digits_only(text);
  if (d.size() != 9) return false;
  const int area = prefix_number(d, 3);
  const int group = prefix_number(d.substr(3), 2);
  const int serial = prefix_number(d.substr(5), 4);
  if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
  // Numbers printed on sample cards and in advertisements.
  if (d == "078051120" || d == "219099999" || d == "123456789") return false;
  return true;
}

bool ipv4_valid(std::string_view text) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    const std::size_t len = j - i;
    if (len == 0 || len > 3 || (len > 1 && text[i] == '0')) return false;
    if (prefix_number(text.substr(i, len), len) > 255) return false;
    ++parts;
    if (j == text.size()) break;
    if (text[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

bool ipv6_valid(std::string_view text) {
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (text.starts_with("::")) {
    compressed = true;
    i = 2;
    if (text.size() == 2) return true;
  }
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && std::isxdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j < text.size() && text[j] == '.') {  // an embedded IPv4 tail
      if (!ipv4_valid(text.substr(i))) return false;
      groups += 2;
      break;
    }
    if (j == i || j - i > 4) return false;
    ++groups;
    if (j == text.size()) break;
    if (text[j] != ':') return false;
    if (j + 1 < text.size() && text[j + 1] == ':') {
      if (compressed) return false;
      compressed = true;
      i = j + 2;
      if (i == text.size()) break;
    } else {
      i = j + 1;
      if (i == text.size()) return false;  // a trailing single ':'
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

bool bech32_address_valid(std::string_view text) {
  static constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t sep = s.rfind('1');
  if (sep == std::string::npos || sep == 0 || sep + 7 > s.size() || s.size() > 90) return false;
  std::vector<std::uint8_t> values;
  for (char c : s.substr(0, sep)) values.push_back(static_cast<std::uint8_t>(c >> 5));
  values.push_back(0);
  for (char c : s.substr(0, sep)) values.push_back(static_cast<std::uint8_t>(c & 31));
  for (char c : s.substr(sep + 1)) {
    const std::size_t v = kCharset.find(c);
    if (v == std::string_view::npos) return false;
    values.push_back(static_cast<std::uint8_t>(v));
  }
  std::uint32_t chk = 1;
  static constexpr std::array<std::uint32_t, 5> kGen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
                                                        0x3d4233dd, 0x2a1462b3};
  for (std::uint8_t v : values) {
    const std::uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) chk ^= kGen[i];
  }
  return chk == 1 || chk == 0x2bc830a3;  // bech32, bech32m
}

bool base58_address_plausible(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::vector<std::uint8_t> bytes;  // big-endian
  for (char c : text) {
    const std::size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return false;
    std::uint32_t carry = static_cast<std::uint32_t>(v);
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
      carry += 58u * *it;
      *it = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry) {
      bytes.insert(bytes.begin(), static_cast<std::uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::size_t leading_ones = 0;
  while (leading_ones < text.size() && text[leading_ones] == '1') ++leading_ones;
  const std::size_t size = bytes.size() + leading_ones;
  const std::uint8_t version = leading_ones ? 0 : bytes.front();
  return size == 25 && (version == 0x00 || version == 0x05);
}

bool verhoeff_valid(std::string_view digits) {
  static constexpr int d[10][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  static constexpr int p[8][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                   {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                   {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                   {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
  if (!all_digits(digits)) return false;
  int c = 0;
  int i = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++i) c = d[c][p[i % 8][*it - '0']];
  return c == 0;
}

bool uk_nino_valid(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s.size() != 9) return false;
  static constexpr std::string_view kNotFirst = "DFIQUV";
  static constexpr std::string_view kNotSecond = "DFIOQUV";
  if (!std::isupper(static_cast<unsigned char>(s[0])) ||
      !std::isupper(static_cast<unsigned char>(s[1])) ||
      kNotFirst.find(s[0]) != std::string_view::npos ||
      kNotSecond.find(s[1]) != std::string_view::npos)
    return false;
  for (std::string_view bad : {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
    if (s.compare(0, 2, bad) == 0) return false;
  if (!all_digits(std::string_view(s).substr(2, 6))) return false;
  return s[8] >= 'A' && s[8] <= 'D';
}

bool de_tax_id_valid(std::string_view digits) {
  if (digits.size() != 11 || !all_digits(digits) || digits[0] == '0') return false;
  std::array<int, 10> counts{};
  for (std::size_t i = 0; i < 10; ++i) ++counts[digits[i] - '0'];
  int repeated = 0, missing = 0;
  for (int c : counts) {
    if (c >= 2) ++repeated;
    if (c == 0) ++missing;
    if (c > 3) return false;
  }
  if (repeated != 1 || (missing != 1 && missing != 2)) return false;
  int product = 10;
  for (std::size_t i = 0; i < 10; ++i) {
    int sum = (digits[i] - '0' + product) % 10;
    if (sum == 0) sum = 10;
    product = (sum * 2) % 11;
  }
  int check = 11 - product;
  if (check == 10) check = 0;
  return check == digits[10] - '0';
}

bool fr_nir_valid(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s.size() != 15 || (s[0] != '1' && s[0] != '2')) return false;
  // Corsica: département 2A and 2B count as 19 and 18 for the key.
  long long correction = 0;
  if (s[5] == 'A' || s[5] == 'B') {
    correction = s[5] == 'A' ? 1000000 : 2000000;
    s[5] = '0';
  }
  if (!all_digits(s)) return false;
  const int month = prefix_number(s.substr(3), 2);
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const long long number = std::stoll(s.substr(0, 13)) - correction;
  return 97 - number % 97 == std::stoll(s.substr(13));
}

bool es_dni_valid(std::string_view text) {
  static constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  std::string s;
  for (char c : text)
    if (c != '-' && c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (s.size() != 9) return false;
  if (s[0] == 'X' || s[0] == 'Y' || s[0] == 'Z') s[0] = static_cast<char>('0' + (s[0] - 'X'));
  if (!all_digits(std::string_view(s).substr(0, 8))) return false;
  return kLetters[std::stol(s.substr(0, 8)) % 23] == s[8];
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<int, 256> counts{};
  for (unsigned char c : text) ++counts[c];
  double h = 0.0;
  for (int c : counts) {
    if (!c) continue;
    const double p = static_cast<double>(c) / static_cast<double>(text.size());
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace llmsec
