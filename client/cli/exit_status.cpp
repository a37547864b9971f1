#include "client/cli/exit_status.h"

#include "client/cli/utf8_text.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {

ExitStatus::ExitStatus(Status status)
    : code_(status.ok() ? ExitCode::kOk : ExitCode::kFailure), status_(std::move(status)) {}

ExitStatus ExitStatus::Usage(std::string reason) {
  ExitStatus s;
  s.code_ = ExitCode::kUsage;
  s.text_ = std::move(reason);
  return s;
}

ExitStatus ExitStatus::Failure(std::string reason) {
  ExitStatus s;
  s.code_ = ExitCode::kFailure;
  s.text_ = std::move(reason);
  return s;
}

std::string ExitStatus::reason(const Catalog& catalog) const {
  if (ok()) return "";
  // One line, whatever the source text holds.
  return one_line(text_.empty() ? user_message(status_, catalog) : text_);
}

std::string user_message(const Status& status, const Catalog& catalog) {
  const char* lead = nullptr;
  switch (status.code()) {
    case StatusCode::kCorruption:
      lead = "cli.error.damaged";
      break;
    case StatusCode::kPermissionDenied:
      lead = "cli.error.not_allowed";
      break;
    case StatusCode::kIoError:
      lead = "cli.error.io";
      break;
    case StatusCode::kUnavailable:
      lead = "cli.error.busy";
      break;
    case StatusCode::kServerFault:
      lead = "cli.error.server_fault";
      break;
    case StatusCode::kInternal:
      lead = "cli.error.internal";
      break;
    default:
      break;
  }
  if (!lead) return status.message();
  return catalog.format(lead, {{"detail", status.message()}});
}

}  // namespace nastavnik::cli
