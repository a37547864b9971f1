#pragma once
// Whole-file writes that a reader never sees half done: a test or a supervisor polling for
// the --port-file finds either no file or the complete port number.

#include <filesystem>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik::server::cli {

// Writes `content` to a new temporary file next to `path` (an unpredictable name, created
// exclusively) and renames it over `path`; a symlink at `path` is replaced, never written
// through. IoError naming the file; the temporary file is removed on every failure.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace nastavnik::server::cli
