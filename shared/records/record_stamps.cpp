#include "shared/records/record_stamps.h"

namespace nastavnik {

using nlohmann::json;

static bool set_holds(const json& data, const std::string& field, const std::string& value) {
  auto it = data.find(field);
  if (it == data.end() || !it->is_array()) return false;
  for (const auto& e : *it)
    if (e.is_string() && e.get<std::string>() == value) return true;
  return false;
}

Result<RecordStamps> RecordStamps::parse(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return Status::Corruption("a record's stamps are damaged");
  RecordStamps s;
  try {
    s.common_ = j.value("_", std::string());
    if (j.contains("f"))
      for (const auto& [name, hlc] : j["f"].items()) s.fields_[name] = hlc.get<std::string>();
    if (j.contains("e"))
      for (const auto& [field, elements] : j["e"].items())
        for (const auto& [value, e] : elements.items())
          s.elements_[field][value] = Element{e.at(0).get<std::string>(), e.at(1).get<int>() != 0};
  } catch (const json::exception&) {
    return Status::Corruption("a record's stamps are damaged");
  }
  return s;
}

std::string RecordStamps::dump() const {
  json j = {{"_", common_}};
  if (!fields_.empty()) j["f"] = fields_;
  for (const auto& [field, elements] : elements_)
    for (const auto& [value, e] : elements) j["e"][field][value] = json::array({e.hlc, e.present ? 1 : 0});
  return j.dump();
}

std::set<std::string> RecordStamps::referenced() const {
  std::set<std::string> out = {common_};
  for (const auto& [name, hlc] : fields_) out.insert(hlc);
  for (const auto& [field, elements] : elements_)
    for (const auto& [value, e] : elements) out.insert(e.hlc);
  return out;
}

std::optional<std::string> RecordStamps::field(const std::string& name, const json& data) const {
  if (auto it = fields_.find(name); it != fields_.end()) return it->second;
  if (data.contains(name)) return common_;
  return std::nullopt;
}

void RecordStamps::set_field(const std::string& name, const std::string& hlc, bool has_value) {
  if (has_value && hlc == common_) fields_.erase(name);
  else fields_[name] = hlc;
}

std::optional<RecordStamps::Element> RecordStamps::element(const std::string& field, const std::string& value,
                                                           const json& data) const {
  if (auto f = elements_.find(field); f != elements_.end())
    if (auto e = f->second.find(value); e != f->second.end()) return e->second;
  if (set_holds(data, field, value)) return Element{common_, true};
  return std::nullopt;
}

void RecordStamps::set_element(const std::string& field, const std::string& value, const Element& e) {
  if (e.present && e.hlc == common_) {
    if (auto f = elements_.find(field); f != elements_.end()) {
      f->second.erase(value);
      if (f->second.empty()) elements_.erase(f);
    }
    return;
  }
  elements_[field][value] = e;
}

}  // namespace nastavnik
