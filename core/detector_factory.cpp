#include "core/detector_factory.h"

namespace llmsec {
namespace {

template <class Built>
Result<std::unique_ptr<Detector>> upcast(Result<std::unique_ptr<Built>> built) {
  if (!built) return built.error();
  return std::unique_ptr<Detector>(std::move(*built));
}

struct Builder {
  Result<std::unique_ptr<Detector>> operator()(const RulePackSpec& spec) const {
    return upcast(RulePackDetector::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const EvasionSpec& spec) const {
    return upcast(EvasionDetector::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const DirectiveSpec& spec) const {
    return upcast(DirectiveDetector::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const LinearModelSpec& spec) const {
    return upcast(LinearClassifier::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const PiiSpec& spec) const {
    return upcast(PiiDetector::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const LinkSpec& spec) const {
    return upcast(LinkDetector::create(spec));
  }
  Result<std::unique_ptr<Detector>> operator()(const FeedSpec& spec) const {
    return upcast(FeedDetector::create(spec));
  }
};

}  // namespace

Result<std::unique_ptr<Detector>> make_detector(const DetectorSpec& spec) {
  return std::visit(Builder{}, spec);
}

Result<std::unique_ptr<Detector>> make_detector(std::span<const RulePackSpec> packs) {
  return upcast(RulePackDetector::create(packs));
}

}  // namespace llmsec
