#pragma once
// Refusals for an --out FILE that can be made before any work: a missing folder, a folder
// given as the file, an existing file without --force. An empty path (stdout) is fine.

#include <string>

#include "client/cli/cli_context.h"
#include "client/cli/exit_status.h"

namespace nastavnik::cli {

ExitStatus check_output_path(CliContext& ctx, const std::string& out, bool force);

}  // namespace nastavnik::cli
