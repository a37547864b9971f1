#pragma once
// How a command ended. The CLI's contract: exit 0 on success; 1 when the operation failed
// (a record refused, an unknown id, a damaged replica); 2 when the command line itself is
// wrong (unknown option, a value that cannot be parsed). A failure is explained on ONE
// line of stderr, "nastavnik-cli: <reason>", in the chosen language.
//
// This is also the one place where store and domain Status values become user-facing
// text (see user_message).

#include <string>

#include "shared/core/status.h"

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

enum class ExitCode : int { kOk = 0, kFailure = 1, kUsage = 2 };

class [[nodiscard]] ExitStatus {
 public:
  ExitStatus() = default;
  // Ok, or a runtime failure (exit 1) explained by the status. Implicit so that
  // NASTAVNIK_RETURN_IF_ERROR and NASTAVNIK_ASSIGN_OR_RETURN work in commands.
  ExitStatus(Status status);  // NOLINT(google-explicit-constructor)

  // The command line is wrong; `reason` is already in the user's language.
  static ExitStatus Usage(std::string reason);
  // The operation failed; `reason` is already in the user's language.
  static ExitStatus Failure(std::string reason);

  bool ok() const { return code_ == ExitCode::kOk; }
  int exit_code() const { return static_cast<int>(code_); }
  // The one-line reason in the catalog's language.
  std::string reason(const Catalog& catalog) const;

 private:
  ExitCode code_ = ExitCode::kOk;
  Status status_;
  std::string text_;  // set when the reason was rendered by the command itself
};

// The status as one line for the user: a translated lead for the kinds of failure a user
// can act on (damaged file, missing permission, disk trouble), followed by the detail.
std::string user_message(const Status& status, const Catalog& catalog);

}  // namespace nastavnik::cli
