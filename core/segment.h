// Segment: one piece of text the model will read (or wrote), with where it came from.
//
//   Segment s{.role = Role::kUser, .text = "Hello", .source = "/messages/0/content"};
//
// A request becomes a list of segments; every detector scans segments, never raw JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace llmsec {

enum class Role { kSystem, kDeveloper, kUser, kAssistant, kTool, kDocument, kUnknown };
enum class Direction { kInput, kOutput };

std::string_view to_string(Role role);
std::string_view to_string(Direction direction);
std::optional<Role> parse_role(std::string_view text);
std::optional<Direction> parse_direction(std::string_view text);

struct Segment {
  Role role = Role::kUser;
  std::string text;
  // Location in the request or response body, as a JSON pointer ("/messages/2/content").
  std::string source;
};

}  // namespace llmsec
