#include "shared/protocol/wire_error.h"

namespace nastavnik::wire {

const char* code_for(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kCorruption: return kBadRequest;
    case StatusCode::kUnauthenticated: return kBadSignature;
    case StatusCode::kPermissionDenied: return kOutOfScope;
    case StatusCode::kNotFound: return kNotFound;
    case StatusCode::kUnavailable: return kUnavailable;
    case StatusCode::kConflict: return kChainGap;
    default: return kInternal;
  }
}

}  // namespace nastavnik::wire
