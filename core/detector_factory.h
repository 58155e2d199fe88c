// The detector factory: a detector specification in, a ready detector out.
//
//   DetectorSpec spec = RulePackSpec{...};
//   Result<std::unique_ptr<Detector>> d = make_detector(spec);
//
// DetectorSpec is the one explicit list of detector families: adding a family means adding
// its spec type to the variant and one line to make_detector. No static self-registration.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <variant>

#include "core/detector.h"
#include "core/detectors/directive_detector.h"
#include "core/detectors/evasion_detector.h"
#include "core/detectors/feed_detector.h"
#include "core/detectors/linear_classifier.h"
#include "core/detectors/link_detector.h"
#include "core/detectors/pii_detector.h"
#include "core/detectors/rule_pack_detector.h"
#include "core/result.h"

namespace llmsec {

using DetectorSpec = std::variant<RulePackSpec, EvasionSpec, DirectiveSpec, LinearModelSpec,
                                  PiiSpec, LinkSpec, FeedSpec>;

Result<std::unique_ptr<Detector>> make_detector(const DetectorSpec& spec);

// Rule packs matched in one pass (each pair share_one_pass).
Result<std::unique_ptr<Detector>> make_detector(std::span<const RulePackSpec> packs);

}  // namespace llmsec
