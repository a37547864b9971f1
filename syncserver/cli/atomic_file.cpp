#include "syncserver/cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace nastavnik::server::cli {

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  // mkstemp: a new file under an unpredictable name (O_CREAT | O_EXCL), so nothing planted
  // at a fixed temporary name (a symlink to another file) can be written through.
  std::string tmp = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return Status::IoError("cannot write " + path.string() + ": " + std::strerror(errno));
  int err = ::fchmod(fd, 0644) == 0 ? 0 : errno;  // mkstemp makes 0600; others may read a port number
  for (std::string_view rest = content; err == 0 && !rest.empty();) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) err = n < 0 ? errno : EIO;
    else rest.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError("cannot write " + path.string() + ": " + std::strerror(err));
  }
  // rename() replaces a symlink at `path` itself, never the file it points to.
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int rename_err = errno;
    ::unlink(tmp.c_str());
    return Status::IoError("cannot write " + path.string() + ": " + std::strerror(rename_err));
  }
  return Status::Ok();
}

}  // namespace nastavnik::server::cli
