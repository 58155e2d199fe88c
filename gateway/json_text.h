// json_text(): JSON text as json::serialize writes it, except for doubles, which are
// written as people and most tools write numbers: 0.98 and 0.0, where Boost.JSON writes
// 9.8E-1 and 0E0. Used for everything the gateway prints or sends on: scan output, admin
// answers, audit lines, webhooks, and rewritten request bodies (a client's 0.7 stays 0.7).
//
//   std::cout << json_text(report_json) << '\n';
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace llmsec::gateway {

std::string json_text(const boost::json::value& value);

}  // namespace llmsec::gateway
