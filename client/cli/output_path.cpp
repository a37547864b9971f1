#include "client/cli/output_path.h"

#include <filesystem>

namespace nastavnik::cli {

ExitStatus check_output_path(CliContext& ctx, const std::string& out, bool force) {
  namespace fs = std::filesystem;
  if (out.empty()) return Status::Ok();
  std::error_code ec;
  const fs::path path = fs::absolute(out, ec);
  if (!fs::is_directory(path.parent_path(), ec))
    return ExitStatus::Failure(ctx.format("cli.error.no_such_folder", {{"path", path.parent_path().string()}}));
  if (fs::is_directory(path, ec)) return ExitStatus::Failure(ctx.format("cli.error.out_is_folder", {{"path", out}}));
  if (fs::exists(path, ec) && !force) return ExitStatus::Failure(ctx.format("cli.error.out_exists", {{"path", out}}));
  return Status::Ok();
}

}  // namespace nastavnik::cli
