#include "shared/domain/instrument.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "shared/i18n/localized_text.h"

namespace nastavnik {
namespace {

using nlohmann::json;

Status bad(const std::string& what) { return Status::InvalidArgument("instrument: " + what); }

FieldError answer_error(const char* key, std::map<std::string, std::string> params) {
  return FieldError{"self_assessment", "answers", key, std::move(params)};
}

}  // namespace

Result<Instrument> Instrument::from_json(const json& j) {
  try {
    Instrument in;
    in.id = j.at("id").get<std::string>();
    in.version = j.at("version").get<int>();
    in.kind = j.value("kind", "self_assessment");
    in.subject = j.at("subject").get<std::string>();
    in.title = j.at("title");
    in.scale_min = j.at("scale").at("min").get<int>();
    in.scale_max = j.at("scale").at("max").get<int>();
    in.scale_labels = j.at("scale").value("labels", json::object());
    const std::string direction = j.at("scoring").at("direction").get<std::string>();
    if (direction != "higher_is_better" && direction != "higher_is_risk")
      return bad(in.id + ": scoring.direction must be higher_is_better or higher_is_risk");
    in.higher_is_risk = direction == "higher_is_risk";
    in.threshold = j.at("scoring").at("threshold").get<double>();
    if (in.id.empty() || in.version < 1) return bad("id and a version >= 1 are required");
    if (in.subject != "person" && in.subject != "school")
      return bad(in.id + ": subject must be person or school");
    if (in.scale_max <= in.scale_min) return bad(in.id + ": scale.max must exceed scale.min");
    std::set<std::string> area_ids, item_ids, used_areas;
    for (const auto& a : j.at("areas")) {
      InstrumentArea area{a.at("id").get<std::string>(), a.at("title"), std::nullopt};
      if (a.contains("threshold")) area.threshold = a.at("threshold").get<double>();
      if (!area_ids.insert(area.id).second) return bad(in.id + ": duplicate area " + area.id);
      in.areas.push_back(std::move(area));
    }
    for (const auto& i : j.at("items")) {
      InstrumentItem item{i.at("id").get<std::string>(), i.at("area").get<std::string>(), i.at("text")};
      if (!item_ids.insert(item.id).second) return bad(in.id + ": duplicate item " + item.id);
      if (!area_ids.count(item.area)) return bad(in.id + ": item " + item.id + " names unknown area " + item.area);
      used_areas.insert(item.area);
      in.items.push_back(std::move(item));
    }
    if (used_areas.size() != area_ids.size()) return bad(in.id + ": every area needs at least one item");
    return in;
  } catch (const json::exception& e) {
    return bad(std::string("malformed: ") + e.what());
  }
}

const InstrumentItem* Instrument::item(const std::string& item_id) const {
  for (const auto& i : items)
    if (i.id == item_id) return &i;
  return nullptr;
}

std::string Instrument::title_in(const std::string& lang) const {
  if (title.contains(lang)) return title[lang].get<std::string>();
  return title.value("ru", id);
}

std::vector<FieldError> Instrument::check_answers(const json& answers, bool require_complete) const {
  std::vector<FieldError> errors;
  if (!answers.is_object()) {
    errors.push_back(FieldError{"self_assessment", "answers", "validation.type_object", {}});
    return errors;
  }
  for (const auto& [item_id, value] : answers.items()) {
    if (!item(item_id)) {
      errors.push_back(answer_error("validation.answer_unknown_item", {{"value", item_id}}));
      continue;
    }
    if (!value.is_number_integer() || value.get<int>() < scale_min || value.get<int>() > scale_max)
      errors.push_back(answer_error("validation.answer_out_of_scale",
                                    {{"value", item_id},
                                     {"min", std::to_string(scale_min)},
                                     {"max", std::to_string(scale_max)}}));
  }
  if (require_complete) {
    std::string missing;
    for (const auto& i : items)
      if (!answers.contains(i.id)) missing += (missing.empty() ? "" : ", ") + i.id;
    if (!missing.empty())
      errors.push_back(answer_error("validation.answers_incomplete", {{"value", missing}}));
  }
  return errors;
}

std::vector<AreaScore> Instrument::score(const json& answers) const {
  std::vector<AreaScore> out;
  for (const auto& area : areas) {
    AreaScore s{area.id, 0, 0, false};
    double sum = 0;
    for (const auto& i : items) {
      if (i.area != area.id || !answers.is_object() || !answers.contains(i.id)) continue;
      const json& v = answers[i.id];
      if (!v.is_number()) continue;
      sum += v.get<double>();
      ++s.answered;
    }
    if (s.answered > 0) {
      s.mean = sum / s.answered;
      const double t = area.threshold.value_or(threshold);
      s.deficit = higher_is_risk ? s.mean >= t : s.mean < t;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> Instrument::deficits(const json& answers) const {
  std::vector<std::string> out;
  for (const auto& s : score(answers))
    if (s.deficit) out.push_back(s.area);
  return out;
}

Result<InstrumentRegistry> InstrumentRegistry::load_dir(const std::filesystem::path& dir) {
  InstrumentRegistry reg;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return Status::NotFound("cannot read instruments in " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded()) return Status::Corruption(path.string() + " is not valid JSON");
    auto inst = Instrument::from_json(j);
    if (!inst.ok()) return inst.status().with_context(path.string());
    NASTAVNIK_RETURN_IF_ERROR(reg.add(std::move(inst).value()).with_context(path.string()));
  }
  return reg;
}

Status InstrumentRegistry::add(Instrument instrument) {
  auto key = std::make_pair(instrument.id, instrument.version);
  if (by_key_.count(key))
    return Status::InvalidArgument("instrument " + instrument.id + " v" +
                                   std::to_string(instrument.version) + " is defined twice");
  by_key_.emplace(std::move(key), std::move(instrument));
  return Status::Ok();
}

const Instrument* InstrumentRegistry::find(const std::string& id, int version) const {
  auto it = by_key_.find({id, version});
  return it == by_key_.end() ? nullptr : &it->second;
}

const Instrument* InstrumentRegistry::latest(const std::string& id) const {
  const Instrument* best = nullptr;
  for (const auto& [key, inst] : by_key_)
    if (key.first == id && (!best || inst.version > best->version)) best = &inst;
  return best;
}

std::vector<const Instrument*> InstrumentRegistry::all() const {
  std::vector<const Instrument*> out;
  for (const auto& [key, inst] : by_key_) out.push_back(&inst);
  return out;
}

std::string InstrumentRegistry::area_label(const std::string& instrument, const std::string& area,
                                           const std::string& lang) const {
  if (const Instrument* in = latest(instrument))
    for (const auto& a : in->areas)
      if (a.id == area) {
        const std::string label = localized_text(a.title, lang);
        return label.empty() ? area : label;
      }
  return area;
}

std::vector<FieldError> InstrumentRegistry::prepare_self_assessment(json& fields) const {
  const json id_value = fields.is_object() ? fields.value("instrument_id", json()) : json();
  const std::string id = id_value.is_string() ? id_value.get<std::string>() : id_value.dump();
  const json version = fields.is_object() ? fields.value("instrument_version", json()) : json();
  const Instrument* inst = version.is_number_integer() ? find(id, version.get<int>()) : nullptr;
  if (!inst)
    return {FieldError{"self_assessment", "instrument_id", "validation.instrument_unknown",
                       {{"value", id + (version.is_number_integer() ? " v" + version.dump() : "")}}}};
  std::vector<FieldError> errors = inst->check_answers(fields.value("answers", json()), false);
  if (errors.empty()) fields["deficits"] = inst->deficits(fields["answers"]);
  return errors;
}

}  // namespace nastavnik
