#pragma once
// Writing an output file so that it is either complete or absent: the bytes go to a
// temporary file next to it, are flushed to disk, and the temporary is then renamed into
// place. A reader never sees half an export, and a crash leaves the old file intact.

#include <filesystem>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik::cli {

// Writes `content` to `path`. Without `overwrite`, FailedPrecondition if `path` exists
// (checked again at the final step, so a file created meanwhile is not replaced). The new
// file gets the usual permissions (0666 minus the umask). IoError when the disk refuses;
// the temporary file is removed on every failure.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content, bool overwrite);

}  // namespace nastavnik::cli
