// Framed changesets as a server or a relay receives them: split frames, decode, verify.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/crypto/key_pair.h"
#include "shared/ops/changeset.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const crypto::KeyPair key = [] {
    (void)crypto::ensure_initialised();
    return crypto::KeyPair::generate();
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto frames = ChangesetCodec::unframe(bytes);
  if (!frames.ok()) return 0;
  for (const auto& sealed : *frames) {
    (void)ChangesetCodec::verify(sealed, key.public_key);
    auto cs = ChangesetCodec::decode_payload(sealed.payload);
    if (!cs.ok()) continue;
    (void)ChangesetCodec::check_chain(cs->header, 0, "");
    for (const auto& op : cs->ops) (void)check_op_shape(op);
    // A decoded payload encodes again and decodes to the same changeset.
    auto again = ChangesetCodec::decode_payload(ChangesetCodec::encode_payload(*cs));
    if (!again.ok() || !(*again == *cs)) __builtin_trap();
  }
  return 0;
}
