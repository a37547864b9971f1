#pragma once
// Whole-file writes that a reader never sees half done: a test or a supervisor polling for
// the --port-file finds either no file or the complete port number.

#include <filesystem>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik::server::cli {

// Writes `content` to "<path>.tmp" and renames it over `path`. IoError naming the file.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace nastavnik::server::cli
