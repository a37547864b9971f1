#include "client/cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace nastavnik::cli {
namespace fs = std::filesystem;
namespace {

Status io_error(const std::string& what, const fs::path& path) {
  return Status::IoError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

Status write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError(std::strerror(errno));
    content.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status write_file_atomically(const fs::path& path, std::string_view content, bool overwrite) {
  std::error_code ec;
  if (!overwrite && fs::exists(path, ec))
    return Status::FailedPrecondition(path.string() + " already exists");
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return io_error("create a temporary file in", dir);
  const auto fail = [&](Status s) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  };
  // mkstemp makes 0600; an export is an ordinary document the user may share.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail(io_error("set permissions of", tmp));
  if (Status s = write_all(fd, content); !s.ok())
    return fail(Status::IoError("cannot write " + tmp + ": " + s.message()));
  if (::fsync(fd) != 0) return fail(io_error("flush", tmp));
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return io_error("close", tmp);
  }
  if (overwrite) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      Status s = io_error("rename the temporary file to", path);
      ::unlink(tmp.c_str());
      return s;
    }
  } else {
    // link() fails if the name exists, so a file created since the check is never replaced.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      if (err == EEXIST) {
        ::unlink(tmp.c_str());
        return Status::FailedPrecondition(path.string() + " already exists");
      }
      // Some file systems (FAT on USB sticks) have no hard links: fall back to rename.
      if ((err == EPERM || err == ENOTSUP || err == EOPNOTSUPP) && !fs::exists(path, ec) &&
          ::rename(tmp.c_str(), path.c_str()) == 0) {
        sync_directory(dir);
        return Status::Ok();
      }
      errno = err;
      Status s = io_error("create", path);
      ::unlink(tmp.c_str());
      return s;
    }
    ::unlink(tmp.c_str());
  }
  sync_directory(dir);
  return Status::Ok();
}

}  // namespace nastavnik::cli
