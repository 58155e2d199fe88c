#include "obfuscations.h"

#include <cstdint>
#include <map>

namespace {

// Code points of a UTF-8 string (the inputs are valid UTF-8).
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (int k = 1; k < length && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += length;
  }
  return out;
}

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string homoglyphs(const std::string& s) {
  static const std::map<char, char32_t> cyrillic = {
      {'a', 0x430}, {'c', 0x441}, {'e', 0x435}, {'o', 0x43E}, {'p', 0x440},
      {'x', 0x445}, {'y', 0x443}, {'i', 0x456}, {'s', 0x455}, {'j', 0x458}};
  std::string out;
  for (char c : s) {
    auto it = cyrillic.find(c);
    out += it == cyrillic.end() ? std::string(1, c) : utf8(it->second);
  }
  return out;
}

std::string fullwidth(const std::string& s) {
  std::string out;
  for (char32_t c : code_points(s))
    out += (c > 0x20 && c < 0x7F) ? utf8(c - 0x21 + 0xFF01) : utf8(c);
  return out;
}

std::string zero_width(const std::string& s) {
  std::string out;
  const auto cps = code_points(s);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    out += utf8(cps[i]);
    const bool letter_pair = i + 1 < cps.size() && cps[i] < 0x80 && cps[i + 1] < 0x80 &&
                             std::isalpha(static_cast<int>(cps[i])) &&
                             std::isalpha(static_cast<int>(cps[i + 1]));
    if (letter_pair && i % 2 == 0) out += "\u200B";
  }
  return out;
}

// Letters of a word apart, words wider apart: "i g n o r e   a l l".
std::string separated(const std::string& s, const std::string& within, const std::string& between) {
  std::string out;
  bool word_start = true;
  for (char32_t c : code_points(s)) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!word_start) out += between;
      word_start = true;
      continue;
    }
    if (!word_start) out += within;
    out += utf8(c);
    word_start = false;
  }
  return out;
}

std::string leetspeak(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case 'a':
        out += '4';
        break;
      case 'e':
        out += '3';
        break;
      case 'i':
        out += '1';
        break;
      case 'o':
        out += '0';
        break;
      case 's':
        out += '5';
        break;
      case 't':
        out += '7';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string base64(const std::string& s) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    const std::uint32_t v =
        (std::uint8_t(s[i]) << 16) | (std::uint8_t(s[i + 1]) << 8) | std::uint8_t(s[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += alphabet[(v >> k) & 63];
  }
  if (i + 1 == s.size()) {
    const std::uint32_t v = std::uint8_t(s[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == s.size()) {
    const std::uint32_t v = (std::uint8_t(s[i]) << 16) | (std::uint8_t(s[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string base32(const std::string& s) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint64_t buffer = 0;
  int bits = 0;
  for (unsigned char c : s) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  while (out.size() % 8) out += '=';
  return out;
}

std::string hex(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string percent(const std::string& s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += '%';
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string html_entities(const std::string& s) {
  std::string out;
  for (char32_t c : code_points(s)) out += "&#" + std::to_string(static_cast<unsigned>(c)) + ";";
  return out;
}

std::string unicode_escapes(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (char32_t c : code_points(s)) {
    auto escape = [&](unsigned unit) {
      out += "\\u";
      for (int k = 12; k >= 0; k -= 4) out += digits[(unit >> k) & 15];
    };
    if (c >= 0x10000) {
      escape(0xD800 + ((c - 0x10000) >> 10));
      escape(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      escape(static_cast<unsigned>(c));
    }
  }
  return out;
}

std::string rot13(const std::string& s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>('A' + (c - 'A' + 13) % 26);
  }
  return out;
}

std::string reversed(const std::string& s) {
  auto cps = code_points(s);
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += utf8(*it);
  return out;
}

// ASCII spelled in invisible tag characters behind a harmless visible word.
std::string tag_characters(const std::string& s) {
  std::string out = "Hi!";
  for (char32_t c : code_points(s)) out += (c >= 0x20 && c < 0x7F) ? utf8(0xE0000 + c) : utf8(c);
  return out;
}

// One typo in every word of six letters or more, as a filter-dodging writer makes them:
// its third and fourth letters swapped ("instructions" -> "insrtuctions").
std::string typos(const std::string& s) {
  std::string out(s);
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < out.size();) {
    if (!letter(out[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < out.size() && letter(out[i])) ++i;
    if (i - start >= 6) std::swap(out[start + 2], out[start + 3]);
  }
  return out;
}

std::string lower(const std::string& s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<Obfuscation> obfuscations() {
  std::vector<Obfuscation> singles = {
      {"homoglyphs", [](const std::string& s) { return homoglyphs(lower(s)); }},
      {"fullwidth", fullwidth},
      {"zero_width", zero_width},
      {"spaced_letters", [](const std::string& s) { return separated(s, " ", "   "); }},
      {"punctuated_letters", [](const std::string& s) { return separated(s, ".", " "); }},
      {"leetspeak", [](const std::string& s) { return leetspeak(lower(s)); }},
      {"typos", typos, false},
      {"base64", base64},
      {"base32", base32},
      {"hex", hex},
      {"url_encoding", percent},
      {"html_entities", html_entities},
      {"unicode_escapes", unicode_escapes},
      {"rot13", rot13},
      {"reversed", reversed},
      {"tag_characters", tag_characters},
  };
  std::vector<Obfuscation> all = singles;
  auto pair = [&](const std::string& inner, const std::string& outer) {
    const Obfuscation* a = nullptr;
    const Obfuscation* b = nullptr;
    for (const auto& o : singles) {
      if (o.name == inner) a = &o;
      if (o.name == outer) b = &o;
    }
    all.push_back({inner + "+" + outer,
                   [fa = a->apply, fb = b->apply](const std::string& s) { return fb(fa(s)); }});
  };
  pair("homoglyphs", "zero_width");
  pair("leetspeak", "base64");
  pair("rot13", "base64");
  pair("leetspeak", "spaced_letters");
  pair("homoglyphs", "base64");
  pair("reversed", "hex");
  pair("fullwidth", "zero_width");
  pair("base64", "url_encoding");
  return all;
}
