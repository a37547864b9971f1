#include "syncserver/cli/command.h"

#include <CLI/CLI.hpp>

namespace nastavnik::server::cli {

CommandStatus::CommandStatus(const Status& status)
    : code_(status.ok() ? ExitCode::kOk : ExitCode::kFailure), reason_(status.ok() ? "" : status.message()) {}

CommandStatus CommandStatus::Usage(std::string reason) {
  CommandStatus s;
  s.code_ = ExitCode::kUsage;
  s.reason_ = std::move(reason);
  return s;
}

CommandStatus CommandStatus::Failure(std::string reason) {
  CommandStatus s;
  s.code_ = ExitCode::kFailure;
  s.reason_ = std::move(reason);
  return s;
}

CLI::App* add_command(CLI::App& root, const std::string& name, const std::string& description,
                      const std::string& examples) {
  CLI::App* cmd = root.add_subcommand(name, description);
  cmd->footer("Examples:\n" + examples);
  return cmd;
}

}  // namespace nastavnik::server::cli
