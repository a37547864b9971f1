// Registry files as the server's and the CLI's import-registry read them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/domain/registry_file.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  (void)parse_registry(j);
  return 0;
}
