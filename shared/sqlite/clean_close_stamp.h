#pragma once
// Whether a database file is exactly as this program's last clean close left it. Reading
// every page to check a file's integrity costs a command half a second on a 100,000-record
// replica, so the full check runs only when the file may have changed behind our back: no
// stamp (first open, or a crash since the last open), a stamp that no longer matches the
// file's inode, size and modification time (another program, a restore, a scribble), or a
// -wal file left over. A clean close writes the stamp (`<file>.clean`, owner-only).

#include <filesystem>

namespace nastavnik::sql {

bool unchanged_since_clean_close(const std::filesystem::path& path);
// Removes the stamp: until the next clean close, a crash or another writer leaves none.
void forget_clean_close(const std::filesystem::path& path);
// Records the file as it is now; call only once the last connection closed without error.
void record_clean_close(const std::filesystem::path& path);

}  // namespace nastavnik::sql
