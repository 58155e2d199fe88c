#include "core/detectors/pii_detector.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <span>

#include "core/detectors/pii_validators.h"
#include "core/text/byte_vectors.h"

namespace llmsec {
namespace {

// The text around a candidate, for the words that make it believable.
class Context {
 public:
  Context(std::string_view text, std::size_t start, std::size_t end) {
    const std::size_t from = start > 48 ? start - 48 : 0;
    const std::size_t to = std::min(text.size(), end + 24);
    for (std::size_t i = from; i < to; ++i) {
      if (i == start) i = end;  // the candidate itself says nothing
      if (i >= to) break;
      window_ += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
  }
  // A word counts where it starts a word: "uid" is not in "uuid", "steuer" is in
  // "steueridentifikationsnummer". A short word must also end there, or end in an
  // inflection: "tel" is not in "tell", "ip" not in "iphone", "call" is in "calls".
  bool has_any(std::span<const std::string_view> words) const {
    for (std::string_view w : words)
      for (std::size_t at = window_.find(w); at != std::string::npos; at = window_.find(w, at + 1))
        if ((at == 0 || !std::isalpha(static_cast<unsigned char>(window_[at - 1]))) &&
            (w.size() >= 5 || ends_word(at + w.size())))
          return true;
    return false;
  }
  bool has_any(std::initializer_list<std::string_view> words) const {
    return has_any(std::span(words.begin(), words.size()));
  }

 private:
  // Whether the word ends at `at`, or after one of a few inflections.
  bool ends_word(std::size_t at) const {
    const auto letter = [&](std::size_t i) {
      return i < window_.size() && std::isalpha(static_cast<unsigned char>(window_[i]));
    };
    if (!letter(at)) return true;
    for (std::string_view suffix : {"s", "es", "ed", "ing", "er", "ers", "en"})
      if (std::string_view(window_).substr(at, suffix.size()) == suffix &&
          !letter(at + suffix.size()))
        return true;
    return false;
  }
  std::string window_;
};

struct Candidate {
  std::string_view text;  // the whole segment
  std::string_view match;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct Verdict {
  double score = 0.0;  // 0: not what it looked like
  std::string_view rule;
};

double boosted(double base, bool context) {
  return context ? std::min(0.99, base + 0.35) : base;
}

// The address without a word glued to its end, as mail flattened to one line has it
// ("bob@example.ioHi Bob"): a top-level domain that turns from lower to upper case stops
// there, when two letters are left of it.
std::size_t email_length(std::string_view address) {
  const std::size_t dot = address.rfind('.');
  for (std::size_t i = dot + 3; dot != std::string_view::npos && i < address.size(); ++i)
    if (address[i] >= 'A' && address[i] <= 'Z' && address[i - 1] >= 'a' && address[i - 1] <= 'z')
      return i;
  return address.size();
}

// The pattern's repetitions are unbounded (counted repetitions over Unicode classes make
// RE2's automaton explode); RFC 5321's lengths are checked here.
Verdict email(const Candidate& c) {
  const std::size_t at = c.match.find('@');
  if (at == 0 || at > 64 || c.match.size() - at - 1 > 253 ||
      c.match.find("..") != std::string_view::npos)
    return {};
  return {0.95, "email"};
}

// "DE90 3704 0044 0532 0130 00", "RF18 5390 0754 7034": the tail of an account number or a
// reference in IBAN groups (which the IBAN check may not take), not a phone or a card.
bool inside_iban_groups(const Candidate& c) {
  const auto upper_or_digit = [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  };
  const std::size_t floor = c.start > 34 ? c.start - 34 : 0;
  for (std::size_t i = c.start;
       i > floor && (upper_or_digit(c.text[i - 1]) || c.text[i - 1] == ' ');) {
    --i;
    const bool head = i + 4 <= c.text.size() && c.text[i] >= 'A' && c.text[i] <= 'Z' &&
                      c.text[i + 1] >= 'A' && c.text[i + 1] <= 'Z' &&
                      std::isdigit(static_cast<unsigned char>(c.text[i + 2])) &&
                      std::isdigit(static_cast<unsigned char>(c.text[i + 3]));
    if (head && (i == 0 || !upper_or_digit(c.text[i - 1]))) return true;
  }
  return false;
}

// "3518 0128 0924 3953": a candidate right after digits and one separator is the tail of a
// longer number, not a number of its own.
bool continues_a_longer_number(const Candidate& c) {
  return c.start >= 2 && (c.text[c.start - 1] == ' ' || c.text[c.start - 1] == '-') &&
         std::isdigit(static_cast<unsigned char>(c.text[c.start - 2]));
}

// Another IPv4 address within the words around: "X-Forwarded-For: 198.51.100.23, 10.1.2.3".
bool another_ipv4_nearby(const Candidate& c) {
  const std::size_t from = c.start > 48 ? c.start - 48 : 0;
  const std::size_t to = std::min(c.text.size(), c.end + 24);
  for (std::size_t i = from; i < to;) {
    if (!std::isdigit(static_cast<unsigned char>(c.text[i])) || (i >= c.start && i < c.end)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < to && (std::isdigit(static_cast<unsigned char>(c.text[j])) || c.text[j] == '.')) ++j;
    if ((j <= c.start || i >= c.end) && ipv4_valid(c.text.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

Verdict credit_card(const Candidate& c) {
  const std::string digits = digits_only(c.match);
  if (digits.size() < 12 || digits.size() > 19 || !luhn_valid(digits)) return {};
  if (inside_iban_groups(c)) return {};
  // One separator style throughout: "4111 1111-1111.1111" is not how cards are written.
  const bool spaces = c.match.find(' ') != std::string_view::npos;
  const bool dashes = c.match.find('-') != std::string_view::npos;
  const bool dots = c.match.find('.') != std::string_view::npos;
  if (spaces + dashes + dots > 1) return {};
  const bool context = Context(c.text, c.start, c.end)
                           .has_any({"card", "visa", "mastercard", "amex", "credit", "debit",
                                     "karte", "carte", "tarjeta", "carta", "cc#", "pan"});
  const std::string_view issuer = card_issuer(digits);
  if (issuer.empty()) return {context ? 0.6 : 0.0, "credit_card.unknown_issuer"};
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kRules{{
      {"visa", "credit_card.visa"},
      {"mastercard", "credit_card.mastercard"},
      {"amex", "credit_card.amex"},
      {"discover", "credit_card.discover"},
      {"jcb", "credit_card.jcb"},
      {"diners", "credit_card.diners"},
      {"unionpay", "credit_card.unionpay"},
      {"maestro", "credit_card.maestro"},
  }};
  std::string_view rule = "credit_card";
  for (const auto& [name, id] : kRules)
    if (name == issuer) rule = id;
  // Luhn passes one number in ten: an unseparated run of digits with no word of cards
  // nearby stays below the flag threshold unless its length is a card's.
  return {boosted(0.85, context), rule};
}

Verdict iban(const Candidate& c) {
  // The candidate may run into the next word; try it whole, then shorter at each space.
  std::string_view m = c.match;
  while (!m.empty()) {
    if (iban_valid(m)) break;
    const std::size_t space = m.rfind(' ');
    if (space == std::string_view::npos) return {};
    m = m.substr(0, space);
  }
  if (m.empty()) return {};
  return {0.95, "iban"};
}

Verdict us_ssn(const Candidate& c) {
  if (!us_ssn_valid(c.match)) return {};
  const bool context = Context(c.text, c.start, c.end)
                           .has_any({"ssn", "social security", "ss#", "soc sec", "taxpayer"});
  const bool dashed = c.match.find('-') != std::string_view::npos;
  const bool spaced = c.match.find(' ') != std::string_view::npos;
  return {boosted(dashed ? 0.75 : spaced ? 0.5 : 0.3, context), "us_ssn"};
}

constexpr std::string_view kPhoneWords[] = {
    "phone", "call", "tel", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "contact",
    "reach", "dial", "ring", "hotline", "answering", "messages to", "office", "desk", "telefon",
    "handy", "téléphone", "portable", "teléfono", "móvil", "telefono", "cellulare", "telefone",
    "telefoon", "номер", "телефон", "電話", "电话",
    // "call me" in other languages: llámame, appelle-moi, chiamami, ruf mich an, bel me,
    // ligue para, zadzwoń, позвони
    "llám", "llama", "appel", "chiam", "ruf", "anruf", "bel me", "bellen", "ligue", "ligar",
    "zadzwo", "позвон"};

Verdict phone(const Candidate& c, double base, std::string_view rule) {
  const std::string digits = [&] {
    std::string d;
    for (char ch : c.match)
      if (ch >= '0' && ch <= '9') d += ch;
    return d;
  }();
  if (digits.size() < 7 || digits.size() > 15 || inside_iban_groups(c) ||
      continues_a_longer_number(c))
    return {};
  const Context context(c.text, c.start, c.end);
  if (context.has_any({"isbn", "order no", "order #", "invoice", "tracking", "serial"})) return {};
  return {boosted(base, context.has_any(kPhoneWords)), rule};
}

Verdict phone_international(const Candidate& c) {
  return phone(c, 0.85, "phone.international");
}
Verdict phone_us(const Candidate& c) {
  const std::string d = [&] {
    std::string out;
    for (char ch : c.match)
      if (ch >= '0' && ch <= '9') out += ch;
    return out;
  }();
  if (d.size() != 10 || d[0] < '2' || d[3] < '2') return {};  // NANP: no 0 or 1 leading
  return phone(c, 0.75, "phone.north_american");
}
Verdict phone_national(const Candidate& c) {
  std::size_t digits = 0;
  for (char ch : c.match) digits += ch >= '0' && ch <= '9';
  if (digits < 9 || digits > 12) return {};
  return phone(c, 0.55, "phone.national");
}

// A short local number ("451 5986", "(99) 645-791") is a phone only when the words
// around it say so.
Verdict phone_local(const Candidate& c) {
  std::size_t digits = 0;
  for (char ch : c.match) digits += ch >= '0' && ch <= '9';
  if (digits < 7 || digits > 14) return {};
  if (!Context(c.text, c.start, c.end).has_any(kPhoneWords)) return {};
  return phone(c, 0.45, "phone.local");
}

Verdict ipv4(const Candidate& c) {
  if (!ipv4_valid(c.match)) return {};
  // Part of a longer dotted run (a version or an OID), not an address.
  if (c.end + 1 < c.text.size() && c.text[c.end] == '.' &&
      std::isdigit(static_cast<unsigned char>(c.text[c.end + 1])))
    return {};
  if (c.start >= 1 && c.text[c.start - 1] == '.') return {};
  const Context context(c.text, c.start, c.end);
  if (context.has_any({"version", "v.", "release", "build", "section", "chapter", "step"}))
    return {0.4, "ip_address.v4"};
  // "3.4.2.4" is more often a numbered section than a host, unless the words say so.
  const bool short_octets = c.match.size() <= 8;
  const bool network = context.has_any({"ip", "host", "server", "address", "dns", "ping", "connect",
                                        "gateway", "subnet", "router", "proxy"}) ||
                       another_ipv4_nearby(c);
  return {short_octets && !network ? 0.4 : 0.9, "ip_address.v4"};
}

Verdict ipv6(const Candidate& c) {
  std::size_t hex = 0;
  for (char ch : c.match) hex += ch != ':';
  // Fewer than four hex digits is mostly code ("a::b") or a time, but for the loopback.
  if ((hex < 4 && c.match != "::1") || !ipv6_valid(c.match)) return {};
  return {0.9, "ip_address.v6"};
}

Verdict mac(const Candidate&) {
  return {0.8, "mac_address"};
}

Verdict wallet_bech32(const Candidate& c) {
  return bech32_address_valid(c.match) ? Verdict{0.95, "crypto_wallet.bitcoin_bech32"} : Verdict{};
}
Verdict wallet_base58(const Candidate& c) {
  if (!base58_address_plausible(c.match)) return {};
  const bool context =
      Context(c.text, c.start, c.end).has_any({"btc", "bitcoin", "wallet", "address", "send"});
  return {boosted(0.6, context), "crypto_wallet.bitcoin_base58"};
}
Verdict wallet_ethereum(const Candidate& c) {
  const bool context = Context(c.text, c.start, c.end)
                           .has_any({"eth", "wallet", "address", "send", "metamask", "usdt"});
  return {boosted(0.6, context), "crypto_wallet.ethereum"};
}

Verdict uk_nino(const Candidate& c) {
  if (!uk_nino_valid(c.match)) return {};
  const bool context =
      Context(c.text, c.start, c.end).has_any({"national insurance", "nino", "ni number", "ni no"});
  return {boosted(0.6, context), "national_id.uk_nino"};
}
Verdict de_tax_id(const Candidate& c) {
  if (!de_tax_id_valid(digits_only(c.match))) return {};
  const bool context = Context(c.text, c.start, c.end)
                           .has_any({"steuer", "idnr", "identifikationsnummer", "tax id", "tin"});
  return {context ? 0.9 : 0.3, "national_id.de_steuer_id"};
}
Verdict fr_nir(const Candidate& c) {
  if (!fr_nir_valid(c.match)) return {};
  return {0.9, "national_id.fr_nir"};
}
Verdict es_dni(const Candidate& c) {
  if (!es_dni_valid(c.match)) return {};
  return {0.85, "national_id.es_dni"};
}
Verdict in_aadhaar(const Candidate& c) {
  if (!verhoeff_valid(digits_only(c.match))) return {};
  const bool context =
      Context(c.text, c.start, c.end).has_any({"aadhaar", "aadhar", "uidai", "uid"});
  return {context ? 0.95 : 0.35, "national_id.in_aadhaar"};
}

Verdict date_of_birth(const Candidate&) {
  return {0.85, "date_of_birth"};
}

}  // namespace

struct PiiDetector::Recognizer {
  std::string_view type;
  std::string_view pattern;
  int group;  // the capture group that is the span; 0: the whole match
  Verdict (*judge)(const Candidate&);
  bool case_sensitive;
};

namespace {

using R = PiiDetector::Recognizer;
// clang-format off
const std::array<R, 21> kRecognizers{{
  {"email", R"((?:^|[^\p{L}\p{N}._%+'-])([\p{L}\p{N}][\p{L}\p{N}._%+'-]*@(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+\p{L}{2,})\b)", 1, email, true},
  {"credit_card", R"(\b\d(?:[ .-]?\d){11,18}\b)", 0, credit_card, true},
  {"iban", R"(\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}\b)", 0, iban, true},
  {"us_ssn", R"(\b(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9})\b)", 0, us_ssn, true},
  {"phone", R"((?:^|[^\w+])(\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,5}[ .-]?\d{2,5})\b)", 1, phone_international, true},
  {"phone", R"((?:^|[^\w(])((?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4})\b)", 1, phone_us, true},
  {"phone", R"((?:^|[^\w+])(0[1-9]\d{0,3}(?:[ ./-]\d{2,8}){1,4})\b)", 1, phone_national, true},
  {"phone", R"((?:^|[^\w+.-])(\(?[1-9]\d{1,3}\)?(?:[ .-]\d{2,4}){1,4}(?:x\d{1,5})?|[1-9]\d{9,10})\b)", 1, phone_local, true},
  {"ip_address", R"(\b(?:\d{1,3}\.){3}\d{1,3}\b)", 0, ipv4, true},
  {"ip_address", R"((?:^|[^0-9A-Za-z:])((?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{0,4}){2,7}(?:\d{1,3}(?:\.\d{1,3}){3})?))", 1, ipv6, true},
  {"mac_address", R"(\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}\b)", 0, mac, true},
  {"crypto_wallet", R"(\b(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}\b)", 0, wallet_bech32, true},
  {"crypto_wallet", R"(\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b)", 0, wallet_base58, true},
  {"crypto_wallet", R"(\b0x[0-9a-fA-F]{40}\b)", 0, wallet_ethereum, true},
  {"national_id", R"(\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)", 0, uk_nino, true},
  {"national_id", R"(\b\d{2} ?\d{3} ?\d{3} ?\d{3}\b)", 0, de_tax_id, true},
  {"national_id", R"(\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b)", 0, fr_nir, true},
  {"national_id", R"(\b(?:\d{8}|[XYZ]-?\d{7})-?[A-Z]\b)", 0, es_dni, true},
  {"national_id", R"(\b[2-9]\d{3} ?\d{4} ?\d{4}\b)", 0, in_aadhaar, true},
  {"date_of_birth", R"((?i)\b(?:date of birth|d\.?o\.?b\.?|born(?: on)?|birth ?date|birthday|geboren(?: am)?|geburtsdatum|n[ée]e? le|date de naissance|fecha de nacimiento|nacid[oa] el|data di nascita|nat[oa] il)\b[:\s,]{0,4}((?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\.? (?:jan|feb|m[aä]r|apr|ma[yi]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zé]*\.?,? \d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})))", 1, date_of_birth, true},
  {"ip_address", R"(\[(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}\])", 0, ipv6, true},
}};
// clang-format on

Severity severity_of(std::string_view type) {
  if (type == "credit_card" || type == "us_ssn" || type == "national_id" || type == "iban")
    return Severity::kHigh;
  if (type == "ip_address" || type == "mac_address") return Severity::kLow;
  return Severity::kMedium;
}

// Which type wins when two findings cover the same digits: the one whose checks say more.
int precedence(std::string_view type) {
  static constexpr std::array<std::string_view, 10> kOrder = {
      "iban",  "credit_card", "us_ssn",      "national_id",   "crypto_wallet",
      "email", "ip_address",  "mac_address", "date_of_birth", "phone"};
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    if (kOrder[i] == type) return static_cast<int>(i);
  return static_cast<int>(kOrder.size());
}

}  // namespace

PiiDetector::~PiiDetector() = default;

std::vector<std::string> PiiDetector::all_types() {
  std::vector<std::string> types;
  for (const Recognizer& r : kRecognizers)
    if (std::find(types.begin(), types.end(), r.type) == types.end()) types.emplace_back(r.type);
  return types;
}

Result<std::unique_ptr<PiiDetector>> PiiDetector::create(const PiiSpec& spec) {
  const std::vector<std::string> known = all_types();
  for (const std::string& type : spec.types)
    if (std::find(known.begin(), known.end(), type) == known.end())
      return Error{"unknown PII type '" + type + "'"};
  std::unique_ptr<PiiDetector> detector(new PiiDetector());
  detector->spec_ = spec;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  detector->set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const Recognizer& r : kRecognizers) {
    if (!spec.types.empty() &&
        std::find(spec.types.begin(), spec.types.end(), r.type) == spec.types.end())
      continue;
    std::string error;
    if (detector->set_->Add(r.pattern, &error) < 0)
      return Error{"PII pattern for " + std::string(r.type) + ": " + error};
    detector->patterns_.push_back(std::make_unique<RE2>(r.pattern, options));
    detector->recognizers_.push_back(&r);
  }
  if (!detector->set_->Compile()) return Error{"PII patterns too large to compile"};
  return detector;
}

bool PiiDetector::applies_to(Direction direction) const {
  return direction == Direction::kInput ? spec_.input : spec_.output;
}

std::vector<std::string> PiiDetector::categories() const {
  std::vector<std::string> out;
  for (const Recognizer* r : recognizers_)
    if (std::find(out.begin(), out.end(), r->type) == out.end()) out.emplace_back(r->type);
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> PiiDetector::windows(std::string_view text) {
  // Every pattern needs an ASCII digit, '@', ':' or '-' (a MAC address may be all hex
  // letters), and none reaches further than kReach bytes from the nearest one but along a
  // token without spaces (an e-mail's name). A window runs from the whitespace
  // byte before (anchor - kReach) to the one after (anchor + kReach), so that it holds
  // whole tokens, and ^, \b and the patterns' leading classes see at its edges what they
  // see in the whole text.
  constexpr std::size_t kReach = 64;
  const auto is_space = [&](std::size_t i) {
    const char c = text[i];
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  };
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto add = [&](std::size_t anchor) {
    std::size_t start = anchor > kReach ? anchor - kReach : 0;
    while (start > 0 && !is_space(start)) --start;
    std::size_t end = std::min(text.size(), anchor + kReach);
    while (end < text.size() && !is_space(end)) ++end;
    end = std::min(text.size(), end + 1);
    if (!out.empty() && start <= out.back().second)
      out.back().second = std::max(out.back().second, end);
    else
      out.emplace_back(start, end);
    return end;
  };
  const auto is_anchor = [&](std::size_t i) {
    const char c = text[i];
    return (c >= '0' && c <= '9') || c == '@' || c == ':' || c == '-';
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // Sixteen bytes at a time: prose has few digits.
    if (i + 16 <= text.size()) {
      const Bytes v = load16(text, i);
      if (!any(((v >= '0') & (v <= '9')) | (v == '@') | (v == ':') | (v == '-'))) {
        i += 16;
        continue;
      }
    }
    if (!is_anchor(i)) {
      ++i;
      continue;
    }
    // Anchors inside this window need no window of their own until it nearly ends.
    const std::size_t end = add(i);
    i = end > i + kReach ? end - kReach : i + 1;
  }
  return out;
}

void PiiDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  std::vector<Finding> found = find(input.views[0].text());
  for (Finding& f : found) {
    f.segment = input.segment_index;
    out.push_back(std::move(f));
  }
}

std::vector<Finding> PiiDetector::find(std::string_view text, bool everywhere) const {
  std::vector<Finding> found;
  std::vector<int> matched;
  const auto parts = everywhere ? std::vector<std::pair<std::size_t, std::size_t>>{{0, text.size()}}
                                : windows(text);
  for (const auto& [part_start, part_end] : parts)
    if (set_->Match(text.substr(part_start, part_end - part_start), &matched))
      for (int index : matched) find(text, part_start, part_end, index, found);
  return kept(std::move(found));
}

void PiiDetector::find(std::string_view text, std::size_t part_start, std::size_t part_end,
                       int index, std::vector<Finding>& found) const {
  const Recognizer& r = *recognizers_[index];
  const RE2& re = *patterns_[index];
  std::array<re2::StringPiece, 2> groups;
  const int want = r.group + 1;
  std::size_t from = part_start;
  while (from < part_end && re.Match(text, from, part_end, RE2::UNANCHORED, groups.data(), want)) {
    const re2::StringPiece whole = groups[0];
    const re2::StringPiece span = groups[r.group];
    from = static_cast<std::size_t>(whole.data() - text.data()) +
           std::max<std::size_t>(1, whole.size());
    if (span.data() == nullptr) continue;
    const std::size_t start = static_cast<std::size_t>(span.data() - text.data());
    const Candidate candidate{text, std::string_view(span.data(), span.size()), start,
                              start + span.size()};
    const Verdict verdict = r.judge(candidate);
    if (verdict.score <= 0.0) continue;
    std::size_t end = candidate.end;
    if (r.type == "iban") {  // the valid prefix, when the candidate ran on
      std::string_view m = candidate.match;
      while (!iban_valid(m)) m = m.substr(0, m.rfind(' '));
      end = start + m.size();
    }
    if (r.type == "email") end = start + email_length(candidate.match);
    found.push_back(Finding{.detector = "pii",
                            .category = std::string(r.type),
                            .rule = std::string(verdict.rule),
                            .severity = severity_of(r.type),
                            .score = verdict.score,
                            .start = start,
                            .end = end,
                            .view = "original"});
  }
}

std::vector<Finding> PiiDetector::kept(std::vector<Finding> found) {
  // Where findings overlap, the type with the stronger checks keeps the span; within a
  // type, the more confident and then the longer reading.
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    if (precedence(a.category) != precedence(b.category))
      return precedence(a.category) < precedence(b.category);
    if (a.score != b.score) return a.score > b.score;
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    return a.start < b.start;
  });
  std::map<std::size_t, std::size_t> taken;  // start -> end of each kept span
  std::vector<Finding> kept;
  for (Finding& f : found) {
    auto next = taken.lower_bound(f.start);
    const bool overlaps = (next != taken.end() && next->first < f.end) ||
                          (next != taken.begin() && std::prev(next)->second > f.start);
    if (overlaps) continue;
    taken.emplace(f.start, f.end);
    kept.push_back(std::move(f));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Finding& a, const Finding& b) { return a.start < b.start; });
  return kept;
}

}  // namespace llmsec
