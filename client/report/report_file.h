#pragma once
// Writing a report file safely: into a temporary file beside the destination, then renamed
// over it once complete.

#include <filesystem>
#include <functional>

#include "shared/core/status.h"

namespace nastavnik::report {

Status write_via_temp(const std::filesystem::path& out, const std::function<Status(const std::filesystem::path&)>& write);

}  // namespace nastavnik::report
