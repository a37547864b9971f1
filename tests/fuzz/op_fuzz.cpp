// Single ops as JSON, then the schema checks every received op goes through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/ops/op.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  auto op = op_from_json(j);
  if (!op.ok()) return 0;
  (void)check_op_shape(*op);
  auto again = op_from_json(op_to_json(*op));
  if (!again.ok() || !(*again == *op)) __builtin_trap();
  return 0;
}
