#include "shared/sqlite/stored_frame.h"

#include <cstring>

#include "shared/core/gzip.h"
#include "shared/ops/changeset.h"

namespace nastavnik {
namespace {

// zlib level 3: a 1.2 MB frame of a thousand sessions shrinks about eightfold in ~6 ms; the
// default level gains a little more size for three times the time, paid on every ingest.
constexpr int kStoredFrameLevel = 3;
constexpr size_t kFrameOverheadBytes = 64 * 1024;  // magic, length and signature, with room

bool is_plain_frame(std::string_view bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), kChangesetMagic, 4) == 0;
}

}  // namespace

Result<std::string> pack_stored_frame(std::string_view frame) { return gzip(frame, kStoredFrameLevel); }

Result<std::string> unpack_stored_frame(std::string_view stored) {
  if (stored.empty() || is_plain_frame(stored)) return std::string(stored);
  auto frame = gunzip(stored, kMaxChangesetPayloadBytes + kFrameOverheadBytes);
  if (!frame.ok()) return Status::Corruption("a stored changeset is damaged: " + frame.status().message());
  if (!is_plain_frame(*frame)) return Status::Corruption("a stored changeset is damaged: it holds no changeset frame");
  return frame;
}

}  // namespace nastavnik
