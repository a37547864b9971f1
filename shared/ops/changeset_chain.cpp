#include "shared/ops/changeset_chain.h"

namespace nastavnik {

Changeset next_in_chain(const std::string& device, const std::pair<uint64_t, std::string>& head, int schema,
                        std::vector<Op> ops, uint64_t now_ms) {
  Changeset cs;
  cs.header.schema = schema;
  cs.header.device = device;
  cs.header.seq = head.first + 1;
  cs.header.prev = head.second;
  cs.header.created_ms = now_ms;
  cs.ops = std::move(ops);
  return cs;
}

}  // namespace nastavnik
