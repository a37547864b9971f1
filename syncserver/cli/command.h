#pragma once
// The command-line contract of nastavnik-server: exit 0 on success; 1 when the operation
// failed (a missing store, an unknown person, a port in use); 2 when the command line is
// wrong. A failure is explained on ONE line of stderr: "nastavnik-server: <reason>".
// Each subcommand adds itself with an add_*_command function (commands.h) and returns a
// Command whose run() does the work once the command line has been parsed.

#include <functional>
#include <string>
#include <vector>

#include "shared/core/status.h"

namespace CLI {
class App;
}

namespace nastavnik::server::cli {

inline constexpr const char* kProgram = "nastavnik-server";

enum class ExitCode : int { kOk = 0, kFailure = 1, kUsage = 2 };

class [[nodiscard]] CommandStatus {
 public:
  CommandStatus() = default;
  // Ok, or a failure (exit 1) explained by the status message. Implicit so that
  // NASTAVNIK_RETURN_IF_ERROR and NASTAVNIK_ASSIGN_OR_RETURN work in commands.
  CommandStatus(const Status& status);  // NOLINT(google-explicit-constructor)
  static CommandStatus Usage(std::string reason);
  static CommandStatus Failure(std::string reason);

  bool ok() const { return code_ == ExitCode::kOk; }
  ExitCode code() const { return code_; }
  const std::string& reason() const { return reason_; }

 private:
  ExitCode code_ = ExitCode::kOk;
  std::string reason_;
};

struct Command {
  CLI::App* app = nullptr;
  std::function<CommandStatus()> run;
};
using Commands = std::vector<Command>;

// A subcommand with a one-line description and an examples footer shown by --help.
CLI::App* add_command(CLI::App& root, const std::string& name, const std::string& description,
                      const std::string& examples);

}  // namespace nastavnik::server::cli
