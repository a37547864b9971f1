// Instrument files (questionnaires shipped as data) and answers scored against them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/domain/instrument.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  auto instrument = Instrument::from_json(j);
  if (instrument.ok()) {
    const nlohmann::json answers = j.value("answers", nlohmann::json::object());
    (void)instrument->check_answers(answers, true);
    (void)instrument->deficits(answers);
  }
  InstrumentRegistry registry;
  if (instrument.ok()) (void)registry.add(*instrument);
  nlohmann::json record = j.is_object() ? j : nlohmann::json::object();
  (void)registry.prepare_self_assessment(record);
  return 0;
}
