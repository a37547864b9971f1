#include "shared/sqlite/clean_close_stamp.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <string>

namespace nastavnik::sql {
namespace fs = std::filesystem;
namespace {

fs::path stamp_path(const fs::path& path) { return path.string() + ".clean"; }

std::optional<std::string> stamp_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + " " +
         std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

bool unchanged_since_clean_close(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path.string() + "-wal", ec)) return false;
  std::ifstream in(stamp_path(path));
  std::string recorded;
  if (!std::getline(in, recorded)) return false;
  const auto now = stamp_of(path);
  return now && *now == recorded;
}

void forget_clean_close(const fs::path& path) {
  std::error_code ec;
  fs::remove(stamp_path(path), ec);
}

void record_clean_close(const fs::path& path) {
  const auto now = stamp_of(path);
  if (!now) return;
  const std::string file = stamp_path(path).string();
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;  // without a stamp the next open checks the whole file: safe, only slower
  const std::string line = *now + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!written) forget_clean_close(path);
}

}  // namespace nastavnik::sql
