#include "client/model/user_messages.h"

namespace nastavnik::msg {

Message for_status(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return Message();
    case StatusCode::kInvalidArgument: return Message(kInvalid);
    case StatusCode::kNotFound: return Message(kNotFound);
    case StatusCode::kCorruption: return Message(kDamaged);
    case StatusCode::kIoError: return Message(kDisk);
    case StatusCode::kPermissionDenied: return Message(kNotAllowed);
    case StatusCode::kFailedPrecondition: return Message(kNotNow);
    case StatusCode::kConflict: return Message(kClash);
    case StatusCode::kUnavailable: return Message(kSyncOffline);
    case StatusCode::kServerFault: return Message(kSyncServerFault);
    case StatusCode::kUnauthenticated: return Message(kSyncRefused);
    case StatusCode::kInternal: return Message(kInternal);
  }
  return Message(kInternal);
}

Message for_sync_failure(const Status& status) {
  switch (status.code()) {
    case StatusCode::kUnavailable: return Message(kSyncOffline);
    case StatusCode::kServerFault: return Message(kSyncServerFault);
    case StatusCode::kPermissionDenied: return Message(kSyncRevoked);
    case StatusCode::kUnauthenticated: return Message(kSyncRefused);
    case StatusCode::kFailedPrecondition: return Message(kSyncUpdate);
    case StatusCode::kCorruption: return Message(kSyncDamagedAnswer);
    case StatusCode::kInvalidArgument: return Message(kSyncBadRequest);
    default: return for_status(status);
  }
}

const std::vector<std::string>& all_keys() {
  static const std::vector<std::string> kKeys = {
      kInvalid, kNotFound, kDamaged, kDisk, kNotAllowed, kNotNow, kClash, kInternal, kFieldsNeedAttention,
      kSavedDraftKept, kSyncOffline, kSyncServerFault, kSyncRevoked, kSyncRefused, kSyncUpdate, kSyncDamagedAnswer,
      kSyncBadRequest, kSyncNotEnrolled, kSyncClosing, kSyncAlreadyRunning, kSyncQueued, kSyncWaitRunning,
      kSyncDone, kSyncClockOff, kEnrolled, kEnrollRefused, kEnrollWrongKey, kServerUnreachable, kServerNotNastavnik, kServerOtherKey,
      kServerAddressChanged, kDevicesFetched, kDevicesNotKept, kReportWritten, kReportFailed, kReportPreviewFailed,
      kConflictGone, kConflictRecordDeleted, kConflictDeletedBy, kBundleWritten, kBundleNothing, kBundleTaken,
      kBundleFailed, kResent, kResendNone, kScopeLeft};
  return kKeys;
}

}  // namespace nastavnik::msg
