#include "client/cli/cli_context.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "shared/assets_dir.h"

namespace nastavnik::cli {

std::string language_from_args(int argc, char** argv) {
  std::string lang;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc)
      lang = argv[++i];
    else if (arg.starts_with("--lang="))
      lang = std::string(arg.substr(7));
  }
  if (!lang.empty()) return lang;
  if (const char* env = std::getenv("NASTAVNIK_LANG"); env && *env) return env;
  return kLanguages[0];
}

bool is_known_language(const std::string& lang) {
  for (const char* known : kLanguages)
    if (lang == known) return true;
  return false;
}

CliContext::CliContext(Catalog catalog, std::ostream& out, std::ostream& err)
    : catalog_(std::move(catalog)), out_(out), err_(err) {
  options_.lang = catalog_.lang();
}

Result<DataDir> CliContext::data_dir() const {
  NASTAVNIK_ASSIGN_OR_RETURN(DataDir dir, DataDir::resolve(options_.data_dir));
  std::error_code ec;
  if (std::filesystem::exists(dir.root(), ec) && !std::filesystem::is_directory(dir.root(), ec))
    return Status::FailedPrecondition(format("cli.error.data_not_folder", {{"dir", dir.root().string()}}));
  return dir;
}

Result<DeviceReplica*> CliContext::replica() {
  if (replica_) return &*replica_;
  NASTAVNIK_ASSIGN_OR_RETURN(DataDir dir, data_dir());
  if (!dir.has_replica())
    return Status::NotFound(format("cli.error.no_replica", {{"dir", dir.root().string()}}));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica opened, dir.open());
  replica_ = std::move(opened);
  return &*replica_;
}

Result<const InstrumentRegistry*> CliContext::instruments() {
  if (instruments_) return &*instruments_;
  NASTAVNIK_ASSIGN_OR_RETURN(InstrumentRegistry loaded,
                             InstrumentRegistry::load_dir(assets_dir() / "instruments"));
  instruments_ = std::move(loaded);
  return &*instruments_;
}

}  // namespace nastavnik::cli
