#include <catch2/catch.hpp>

#include "config/units.h"

using namespace llmsec::config;
using namespace std::chrono_literals;

TEST_CASE("sizes take decimal and binary units", "[config]") {
  CHECK(parse_size("512") == 512u);
  CHECK(parse_size("4MiB") == 4u * 1024 * 1024);
  CHECK(parse_size("16 KiB") == 16u * 1024);
  CHECK(parse_size("2MB") == 2'000'000u);
  CHECK_FALSE(parse_size("lots"));
  CHECK_FALSE(parse_size("4 parsecs"));
  CHECK_FALSE(parse_size("-1"));
}

TEST_CASE("durations take ms, s, m and h", "[config]") {
  CHECK(parse_duration("250ms") == 250ms);
  CHECK(parse_duration("30s") == 30s);
  CHECK(parse_duration("1.5s") == 1500ms);
  CHECK(parse_duration("2m") == 120s);
  CHECK(parse_duration("1h") == 3600s);
  CHECK_FALSE(parse_duration("30"));
  CHECK_FALSE(parse_duration("soon"));
}
