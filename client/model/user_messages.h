#pragma once
// The messages the app model publishes for people: catalog keys with arguments (Message),
// never sentences. The views render them through the catalog of the person's language;
// the technical reason behind a failure travels beside them as an English detail for a
// tooltip, never as the message itself. Every key here is in both catalogs (a test renders
// each in ru and en and fails on any that is missing).

#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/i18n/message.h"

namespace nastavnik::msg {

// General outcomes of a command, by the kind of failure.
inline constexpr const char* kInvalid = "error.invalid";
inline constexpr const char* kNotFound = "error.not_found";
inline constexpr const char* kDamaged = "error.damaged";
inline constexpr const char* kDisk = "error.disk";
inline constexpr const char* kNotAllowed = "error.not_allowed";
inline constexpr const char* kNotNow = "error.not_now";
inline constexpr const char* kClash = "error.clash";
inline constexpr const char* kInternal = "error.internal";
inline constexpr const char* kFieldsNeedAttention = "form.fields_need_attention";
inline constexpr const char* kSavedDraftKept = "form.saved_draft_kept";

// Sync and enrollment.
inline constexpr const char* kSyncOffline = "sync.error.offline";
inline constexpr const char* kSyncServerFault = "sync.error.server_fault";
inline constexpr const char* kSyncRevoked = "sync.error.revoked";
inline constexpr const char* kSyncRefused = "sync.error.refused";
inline constexpr const char* kSyncUpdate = "sync.error.update";
inline constexpr const char* kSyncDamagedAnswer = "sync.error.damaged_answer";
inline constexpr const char* kSyncBadRequest = "sync.error.bad_request";
inline constexpr const char* kSyncNotEnrolled = "sync.error.not_enrolled";
inline constexpr const char* kSyncClosing = "sync.error.closing";
inline constexpr const char* kSyncAlreadyRunning = "sync.already_running";
inline constexpr const char* kSyncQueued = "sync.queued_after_devices";
inline constexpr const char* kSyncWaitRunning = "sync.wait_running";
inline constexpr const char* kSyncDone = "sync.done";  // {sent} {received} {conflicts} {refused}
inline constexpr const char* kSyncClockOff = "sync.clock_off";  // {minutes}
inline constexpr const char* kEnrolled = "enroll.done";  // {name}
inline constexpr const char* kEnrollRefused = "enroll.error.refused";
inline constexpr const char* kEnrollWrongKey = "enroll.error.wrong_key";
inline constexpr const char* kServerUnreachable = "server.error.unreachable";
inline constexpr const char* kServerNotNastavnik = "server.error.not_nastavnik";
inline constexpr const char* kServerOtherKey = "server.error.other_key";  // {key}
inline constexpr const char* kServerAddressChanged = "server.address_changed";  // {url}
inline constexpr const char* kReportWritten = "report.written";  // {path}
inline constexpr const char* kReportFailed = "report.failed";
inline constexpr const char* kReportPreviewFailed = "report.preview_failed";
inline constexpr const char* kBundleWritten = "bundle.written";  // {path} {changesets} {carried}
inline constexpr const char* kBundleNothing = "bundle.nothing";
inline constexpr const char* kBundleTaken = "bundle.taken";  // {answers} {delivered} {received} {carry}
inline constexpr const char* kBundleFailed = "bundle.failed";  // {detail}
inline constexpr const char* kResent = "resend.done";  // {count}
inline constexpr const char* kResendNone = "resend.none";
inline constexpr const char* kScopeLeft = "scope.left";  // {pairs} {count}
inline constexpr const char* kDevicesFetched = "devices.fetched";  // {count}
inline constexpr const char* kDevicesNotKept = "devices.not_kept";

// Conflicts.
inline constexpr const char* kConflictGone = "conflict.gone";
inline constexpr const char* kConflictRecordDeleted = "conflict.record_deleted";
inline constexpr const char* kConflictDeletedBy = "conflict.deleted_by";  // {name}

// The general message for a failure of kind `status.code()`.
Message for_status(const Status& status);
// The message of a failed sync or enrollment exchange (sync_engine.h's status codes).
Message for_sync_failure(const Status& status);

// Every key above, for the test that renders them all in every language.
const std::vector<std::string>& all_keys();

}  // namespace nastavnik::msg
