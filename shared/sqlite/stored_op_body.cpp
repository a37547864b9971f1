#include "shared/sqlite/stored_op_body.h"

#include "shared/core/gzip.h"
#include "shared/sqlite/op_body_dictionary.h"

namespace nastavnik {
namespace {

constexpr char kDictionaryV1 = 1;
// zlib level 1: a body of a kilobyte is deflated when it is written, on the path of every
// local write and every op a server takes in; the higher levels gain a few per cent of it.
constexpr int kOpBodyLevel = 1;
// An op is part of a changeset payload, which is bounded well below this.
constexpr size_t kMaxOpBodyBytes = 16 * 1024 * 1024;

}  // namespace

Result<std::string> pack_op_body(std::string_view body) {
  NASTAVNIK_ASSIGN_OR_RETURN(std::string deflated, deflate_with_dictionary(body, kOpBodyDictionaryV1, kOpBodyLevel));
  return std::string(1, kDictionaryV1) + deflated;
}

Result<std::string> unpack_op_body(std::string_view stored) {
  if (!stored.empty() && stored[0] == '{') return std::string(stored);
  if (stored.empty() || stored[0] != kDictionaryV1)
    return Status::Corruption("an op of the log is damaged, or was written by a newer version");
  auto body = inflate_with_dictionary(stored.substr(1), kOpBodyDictionaryV1, kMaxOpBodyBytes);
  if (!body.ok()) return Status::Corruption("an op of the log is damaged: " + body.status().message());
  return body;
}

}  // namespace nastavnik
