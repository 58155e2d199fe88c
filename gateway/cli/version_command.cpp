#include <iostream>

#include <unicode/uversion.h>
#include <boost/version.hpp>

#include "gateway/cli/cli.h"
#include "gateway/version.h"

namespace llmsec::cli {

int version_command() {
  std::cout << "llmsec " << kVersion << " (boost " << BOOST_VERSION / 100000 << "."
            << BOOST_VERSION / 100 % 1000 << ", icu " << U_ICU_VERSION << ")\n";
  return kExitOk;
}

}  // namespace llmsec::cli
