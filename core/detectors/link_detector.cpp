#include "core/detectors/link_detector.h"

#include <algorithm>
#include <cctype>

#include "core/detectors/pii_validators.h"

namespace llmsec {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <class Is>
bool all_of(std::string_view text, Is is) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [&](char c) { return is(static_cast<unsigned char>(c)); });
}

bool digit(unsigned char c) {
  return std::isdigit(c) != 0;
}

// 1.2.3.4, a bare decimal (2130706433) or hex (0x7f000001) IPv4, or an IPv6 literal.
bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6, brackets removed
  if (all_of(host, digit)) return true;
  if (host.starts_with("0x") &&
      all_of(host.substr(2), [](unsigned char c) { return std::isxdigit(c) != 0; }))
    return true;
  int parts = 0;
  for (std::size_t start = 0;;) {
    const std::size_t dot = host.find('.', start);
    if (!all_of(host.substr(start, dot - start), digit)) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// Looks like data rather than a word or an id: long, or mixed and high in entropy.
bool looks_like_data(std::string_view value, std::size_t long_enough) {
  if (value.size() >= long_enough) return true;
  if (value.size() < 16) return false;
  const bool letters = std::any_of(value.begin(), value.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c));
  });
  const bool digits = std::any_of(value.begin(), value.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  return letters && digits && shannon_entropy(value) >= 3.5;
}

struct Span {
  std::size_t start, end;
};

// Fenced (```) and inline (`) code: shown as text, never rendered.
std::vector<Span> code_spans(std::string_view text) {
  std::vector<Span> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t tick = text.find('`', at);
    if (tick == std::string_view::npos) break;
    const bool fence = text.substr(tick, 3) == "```";
    const std::string_view closer = fence ? "```" : "`";
    std::size_t end = text.find(closer, tick + closer.size());
    if (!fence && end != std::string_view::npos &&
        text.substr(tick, end - tick).find('\n') != std::string_view::npos)
      end = std::string_view::npos;  // an inline span does not cross lines
    if (end == std::string_view::npos) {
      if (fence) out.push_back({tick, text.size()});  // an unclosed fence runs to the end
      at = tick + closer.size();
      continue;
    }
    out.push_back({tick, end + closer.size()});
    at = end + closer.size();
  }
  return out;
}

bool inside(const std::vector<Span>& spans, std::size_t at) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& s) { return at >= s.start && at < s.end; });
}

std::unique_ptr<RE2> compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

}  // namespace

UrlParts parse_url(std::string_view url) {
  UrlParts parts;
  const std::size_t colon = url.find(':');
  const auto scheme_char = [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  };
  if (colon != std::string_view::npos && all_of(url.substr(0, colon), scheme_char))
    parts.scheme = lower(url.substr(0, colon));
  std::string_view rest = parts.scheme.empty() ? url : url.substr(colon + 1);
  if (!rest.starts_with("//")) {
    parts.path = std::string(rest);
    return parts;
  }
  rest.remove_prefix(2);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) {
    parts.host = lower(authority.substr(1, authority.find(']') - 1));
  } else {
    parts.host = lower(authority.substr(0, authority.rfind(':')));
  }
  while (parts.host.ends_with('.')) parts.host.pop_back();
  parts.ip_literal = is_ip_literal(parts.host);
  const std::size_t hash = rest.find('#');
  rest = rest.substr(0, hash);
  const std::size_t question = rest.find('?');
  parts.path = std::string(rest.substr(0, question));
  if (question != std::string_view::npos) parts.query = std::string(rest.substr(question + 1));
  return parts;
}

bool carries_data(const UrlParts& url, bool path_too) {
  if (url.query.size() >= 100) return true;
  for (std::size_t start = 0; start <= url.query.size();) {
    std::size_t amp = url.query.find('&', start);
    if (amp == std::string::npos) amp = url.query.size();
    std::string_view pair = std::string_view(url.query).substr(start, amp - start);
    if (const std::size_t eq = pair.find('='); eq != std::string_view::npos)
      pair.remove_prefix(eq + 1);
    if (looks_like_data(pair, 32)) return true;
    start = amp + 1;
  }
  if (!path_too) return false;
  for (std::size_t start = 0; start < url.path.size();) {
    std::size_t slash = url.path.find('/', start);
    if (slash == std::string::npos) slash = url.path.size();
    const std::string_view segment = std::string_view(url.path).substr(start, slash - start);
    if (looks_like_data(segment, 48)) return true;
    start = slash + 1;
  }
  return false;
}

Result<std::unique_ptr<LinkDetector>> LinkDetector::create(const LinkSpec& spec) {
  std::unique_ptr<LinkDetector> d(new LinkDetector());
  d->spec_ = spec;
  for (std::string& domain : d->spec_.allowed_domains) domain = lower(domain);
  d->image_ = compile(R"(!\[[^\]\n]{0,300}\]\(\s*<?([^)\s>]+))");
  d->link_ = compile(R"(\[[^\]\n]{0,300}\]\(\s*<?([^)\s>]+))");
  d->tag_ = compile(R"((?i)<\s*([a-z][a-z0-9]*)\b([^>]{0,1000})>)");
  d->url_ = compile(R"((?i)\b(?:https?|ftp)://[^\s<>"'`)\]]+)");
  d->script_ = compile(R"((?i)\b(?:javascript|vbscript):\S)");
  for (const auto* re : {&d->image_, &d->link_, &d->tag_, &d->url_, &d->script_})
    if (!(*re)->ok()) return Error{"link detector: " + (*re)->error()};
  return d;
}

bool LinkDetector::allowed(std::string_view host) const {
  return std::any_of(spec_.allowed_domains.begin(), spec_.allowed_domains.end(),
                     [&](const std::string& d) {
                       return host == d || (host.size() > d.size() && host.ends_with(d) &&
                                            host[host.size() - d.size() - 1] == '.');
                     });
}

void LinkDetector::scan(const ScanInput& input, std::vector<Finding>& out) const {
  const std::string_view text = input.views[0].text();
  if (text.find_first_of(":<[") == std::string_view::npos) return;  // no URL, tag or link
  const std::vector<Span> code = code_spans(text);
  std::vector<Span> judged;  // URLs already judged as images or links
  const auto report = [&](std::string category, std::string rule, Severity severity, double score,
                          std::size_t start, std::size_t end) {
    out.push_back(Finding{.detector = "links",
                          .category = std::move(category),
                          .rule = std::move(rule),
                          .severity = severity,
                          .score = score,
                          .segment = input.segment_index,
                          .start = start,
                          .end = end,
                          .view = "original"});
  };
  const auto judge_host = [&](const UrlParts& url, std::size_t start, std::size_t end) {
    if (url.host.empty() || allowed(url.host)) return;
    if (url.ip_literal) report("unsafe_url", "ip_literal_host", Severity::kMedium, 0.6, start, end);
    if (url.host.starts_with("xn--") || url.host.find(".xn--") != std::string::npos)
      report("unsafe_url", "punycode_host", Severity::kMedium, 0.6, start, end);
  };
  // An image is fetched when the answer is shown: what its URL carries leaves at once.
  const auto judge_image = [&](std::string_view raw, std::size_t start, std::size_t end) {
    const UrlParts url = parse_url(raw);
    if (url.scheme == "data") {
      report("exfiltration", "data_uri_image", Severity::kMedium, 0.6, start, end);
      return;
    }
    judge_host(url, start, end);
    if (url.host.empty() || allowed(url.host)) return;
    if (carries_data(url))
      report("exfiltration", "image_with_data", Severity::kHigh, 0.95, start, end);
    else
      report("exfiltration", "external_image", Severity::kLow, 0.4, start, end);
  };
  // A link leaves only when clicked.
  const auto judge_link = [&](std::string_view raw, std::size_t start, std::size_t end,
                              const char* rule, double score) {
    const UrlParts url = parse_url(raw);
    if (url.scheme == "javascript" || url.scheme == "vbscript") return;  // script_ reports it
    judge_host(url, start, end);
    // Paths of honest links are full of ids and hashes (commits, documents): only the query
    // counts.
    if (!url.host.empty() && !allowed(url.host) && carries_data(url, false))
      report("exfiltration", rule, Severity::kMedium, score, start, end);
  };
  const auto offset = [&](std::string_view piece) {
    return static_cast<std::size_t>(piece.data() - text.data());
  };

  re2::StringPiece m[3];
  for (std::size_t at = 0;
       at < text.size() && image_->Match(text, at, text.size(), RE2::UNANCHORED, m, 2);) {
    const std::size_t start = offset(m[0]), end = start + m[0].size();
    at = end;
    if (inside(code, start)) continue;
    judge_image(m[1], start, end);
    judged.push_back({offset(m[1]), offset(m[1]) + m[1].size()});
  }
  for (std::size_t at = 0;
       at < text.size() && link_->Match(text, at, text.size(), RE2::UNANCHORED, m, 2);) {
    const std::size_t start = offset(m[0]), end = start + m[0].size();
    at = end;
    if (inside(code, start) || (start > 0 && text[start - 1] == '!')) continue;
    judge_link(m[1], start, end, "link_with_data", 0.7);
    judged.push_back({offset(m[1]), offset(m[1]) + m[1].size()});
  }
  static const RE2 attribute(
      R"((?i)\b(src|href|action|data|formaction|poster)\s*=\s*["']?([^"'\s>]+))");
  static const RE2 handler(R"((?i)(?:^|[\s"'/])on[a-z]{3,20}\s*=)");
  static const RE2 refresh(R"((?i)http-equiv\s*=\s*["']?refresh)");
  for (std::size_t at = 0;
       at < text.size() && tag_->Match(text, at, text.size(), RE2::UNANCHORED, m, 3);) {
    const std::size_t start = offset(m[0]), end = start + m[0].size();
    at = end;
    if (inside(code, start)) continue;
    const std::string name = lower(m[1]);
    const std::string_view attributes = m[2];
    for (const char* dangerous : {"script", "iframe", "object", "embed", "form", "base"})
      if (name == dangerous)
        report("html_injection", "tag_" + name, Severity::kMedium, 0.75, start, end);
    if (name == "meta" && RE2::PartialMatch(attributes, refresh))
      report("html_injection", "meta_refresh", Severity::kMedium, 0.75, start, end);
    if (RE2::PartialMatch(attributes, handler))
      report("html_injection", "event_handler", Severity::kMedium, 0.75, start, end);
    re2::StringPiece rest = attributes, key, value;
    while (RE2::FindAndConsume(&rest, attribute, &key, &value)) {
      judged.push_back({offset(value), offset(value) + value.size()});
      const std::string k = lower(key);
      if (name == "img" || name == "video" || name == "audio" || name == "source" ||
          (k == "src" && name != "script"))
        judge_image(value, start, end);
      else
        judge_link(value, start, end, "link_with_data", 0.7);
    }
  }
  for (std::size_t at = 0;
       at < text.size() && url_->Match(text, at, text.size(), RE2::UNANCHORED, m, 1);) {
    const std::size_t start = offset(m[0]), end = start + m[0].size();
    at = end;
    if (inside(code, start) || inside(judged, start)) continue;
    judge_link(m[0], start, end, "url_with_data", 0.6);
  }
  for (std::size_t at = 0;
       at < text.size() && script_->Match(text, at, text.size(), RE2::UNANCHORED, m, 1);) {
    const std::size_t start = offset(m[0]), end = start + m[0].size();
    at = end;
    if (!inside(code, start))
      report("html_injection", "script_url", Severity::kMedium, 0.75, start, end);
  }
}

}  // namespace llmsec
