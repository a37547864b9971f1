#include "client/report/report_file.h"

#include <unistd.h>

namespace nastavnik::report {

Status write_via_temp(const std::filesystem::path& out,
                      const std::function<Status(const std::filesystem::path&)>& write) {
  const std::filesystem::path tmp = out.string() + ".part-" + std::to_string(::getpid());
  Status written = write(tmp);
  std::error_code ec;
  if (written.ok()) {
    std::filesystem::rename(tmp, out, ec);
    if (!ec) return Status::Ok();
    written = Status::Unavailable("cannot write " + out.string() + ": " + ec.message());
  }
  std::filesystem::remove(tmp, ec);
  return written;
}

}  // namespace nastavnik::report
