#include "client/cli/assessment_prep.h"

#include <charconv>

#include "shared/i18n/catalog.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

bool has_text(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() && !it->get<std::string>().empty();
}

const Instrument* instrument_of(const json& fields, const InstrumentRegistry& instruments) {
  if (!has_text(fields, "instrument_id")) return nullptr;
  auto v = fields.find("instrument_version");
  if (v == fields.end() || !v->is_number_integer()) return nullptr;
  return instruments.find(fields["instrument_id"].get<std::string>(), v->get<int>());
}

}  // namespace

Status apply_answer_flags(json& answers, const std::vector<std::string>& texts, const Catalog& catalog) {
  if (answers.is_null()) answers = json::object();
  for (const std::string& text : texts) {
    const size_t eq = text.find('=');
    int value = 0;
    const char* begin = text.data() + (eq == std::string::npos ? 0 : eq + 1);
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (eq == std::string::npos || eq == 0 || begin == end || ec != std::errc() || ptr != end)
      return Status::InvalidArgument(catalog.format("cli.error.bad_answer", {{"value", text}}));
    answers[text.substr(0, eq)] = value;
  }
  return Status::Ok();
}

std::vector<FieldError> prepare_assessment(json& fields, const InstrumentRegistry& instruments,
                                           const Actor& actor, bool fill_person) {
  if (has_text(fields, "instrument_id") && !fields.contains("instrument_version")) {
    if (const Instrument* latest = instruments.latest(fields["instrument_id"].get<std::string>()))
      fields["instrument_version"] = latest->version;
  }
  if (const Instrument* inst = instrument_of(fields, instruments)) {
    if (inst->subject == "school" && !has_text(fields, "school_id"))
      return {
          FieldError{"self_assessment", "school_id", "cli.error.school_instrument", {{"value", inst->id}}}};
    if (inst->subject == "person" && fill_person && !has_text(fields, "person_id") &&
        !has_text(fields, "school_id") && !actor.person_id.empty())
      fields["person_id"] = actor.person_id;
  }
  // prepare_self_assessment reads instrument_id as a string and throws on anything else.
  if (auto id = fields.find("instrument_id"); id != fields.end() && !id->is_string())
    return {FieldError{"self_assessment", "instrument_id", "validation.type_text", {}}};
  // An empty answer sheet passes the schema's "required" but says nothing: refuse it.
  auto answers = fields.find("answers");
  if (answers == fields.end() || answers->is_null() || (answers->is_object() && answers->empty()))
    return {FieldError{"self_assessment", "answers", "validation.required", {}}};
  return instruments.prepare_self_assessment(fields);
}

std::vector<std::string> deficit_titles(const json& fields, const InstrumentRegistry& instruments,
                                        const std::string& lang) {
  std::vector<std::string> out;
  const Instrument* inst = instrument_of(fields, instruments);
  auto deficits = fields.find("deficits");
  if (deficits == fields.end() || !deficits->is_array()) return out;
  for (const auto& d : *deficits) {
    if (!d.is_string()) continue;
    std::string title = d.get<std::string>();
    if (inst) {
      for (const auto& area : inst->areas) {
        if (area.id != title) continue;
        if (area.title.contains(lang))
          title = area.title[lang].get<std::string>();
        else if (area.title.contains("ru"))
          title = area.title["ru"].get<std::string>();
      }
    }
    out.push_back(title);
  }
  return out;
}

}  // namespace nastavnik::cli
