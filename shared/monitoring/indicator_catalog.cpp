#include "shared/monitoring/indicator_catalog.h"

#include <algorithm>
#include <fstream>

#include "shared/i18n/localized_text.h"
#include "shared/monitoring/period.h"

namespace nastavnik::monitoring {
namespace {

using nlohmann::json;

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
}

Result<Indicator> parse_indicator(const json& j, const std::string& origin) {
  const std::string where = origin + ", indicator " + j.value("id", std::string("(no id)"));
  auto bad = [&](const std::string& what) { return Status::Corruption(where + ": " + what); };
  if (!j.is_object()) return Status::Corruption(origin + ": an indicator must be an object");
  Indicator in;
  in.id = j.value("id", "");
  if (in.id.empty()) return bad("no id");
  in.name = j.value("name", json::object());
  in.definition = j.value("definition", json::object());
  if (!in.name.contains("ru") || !in.name.contains("en")) return bad("name needs ru and en");
  if (!in.definition.contains("ru") || !in.definition.contains("en")) return bad("definition needs ru and en");
  in.kind = j.value("kind", "");
  if (!one_of(in.kind, {"process", "result"})) return bad("kind must be process or result");
  in.unit = j.value("unit", "");
  if (!one_of(in.unit, {"share", "count", "mean", "index"})) return bad("unit must be share, count, mean or index");
  for (const auto& l : j.value("levels", json::array())) {
    const std::string level = l.is_string() ? l.get<std::string>() : "";
    if (!one_of(level, {"pair", "school", "municipality"})) return bad("unknown level " + l.dump());
    in.levels.push_back(level);
  }
  if (in.levels.empty()) return bad("no levels");
  const json source = j.value("source", json::object());
  if (source.contains("reported")) {
    const json range = source["reported"];
    if (!range.is_object() || !range.contains("min") || !range.contains("max") || !range["min"].is_number() ||
        !range["max"].is_number() || range["min"].get<double>() > range["max"].get<double>())
      return bad("source.reported needs a numeric min and max, min not above max");
    in.reported = true;
    in.min = range["min"].get<double>();
    in.max = range["max"].get<double>();
    in.aggregate = j.value("aggregate", "");
    if (!one_of(in.aggregate, {"sum", "mean"})) return bad("a reported indicator needs aggregate sum or mean");
    for (const auto& level : in.levels)
      if (level == "pair") return bad("a reported indicator is a school's figure: levels school, municipality");
  } else {
    in.formula = source.value("computed", "");
    const auto& formulas = known_formulas();
    if (std::find(formulas.begin(), formulas.end(), in.formula) == formulas.end())
      return bad("source.computed names no formula the engine knows: '" + in.formula + "'");
  }
  in.better = j.value("better", "");
  if (!one_of(in.better, {"higher", "lower"})) return bad("better must be higher or lower");
  in.seed = j.value("seed", "");
  in.by_area_of = j.value("by_area_of", "");
  return in;
}

}  // namespace

std::string Indicator::name_in(const std::string& lang) const {
  const std::string text = localized_text(name, lang);
  return text.empty() ? id : text;
}

std::vector<FieldError> check_reported_value(const IndicatorCatalog& catalog, const json& fields) {
  std::vector<FieldError> errors;
  const std::string id = fields.value("indicator", "");
  const Indicator* in = catalog.find(id);
  if (!in || !in->reported) errors.push_back({"indicator_value", "indicator", "validation.not_reported_indicator", {{"id", id}}});
  if (!Period::parse(fields.value("period", "")))
    errors.push_back({"indicator_value", "period", "validation.period_format", {}});
  const auto value = fields.find("value");
  if (in && in->reported && value != fields.end() && value->is_number() &&
      (value->get<double>() < in->min || value->get<double>() > in->max)) {
    auto number = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    errors.push_back({"indicator_value", "value", "validation.range", {{"min", number(in->min)}, {"max", number(in->max)}}});
  }
  return errors;
}

bool Indicator::at(const std::string& level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

Result<IndicatorCatalog> IndicatorCatalog::from_json(const json& doc, const std::string& origin) {
  if (!doc.is_object() || doc.value("format", "") != "nastavnik-indicators")
    return Status::Corruption(origin + ": not an indicator catalogue (format must be nastavnik-indicators)");
  IndicatorCatalog c;
  for (const auto& j : doc.value("indicators", json::array())) {
    NASTAVNIK_ASSIGN_OR_RETURN(Indicator in, parse_indicator(j, origin));
    if (c.find(in.id)) return Status::Corruption(origin + ": indicator " + in.id + " is defined twice");
    c.indicators_.push_back(std::move(in));
  }
  return c;
}

Result<IndicatorCatalog> IndicatorCatalog::load_dir(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) return Status::NotFound("cannot read the indicator catalogue " + dir.string() + ": " + ec.message());
  if (files.empty()) return Status::NotFound("no indicator catalogue in " + dir.string());
  std::sort(files.begin(), files.end());
  IndicatorCatalog all;
  for (const auto& f : files) {
    std::ifstream in(f);
    json doc;
    try {
      in >> doc;
    } catch (const json::exception& e) {
      return Status::Corruption(f.string() + " is not valid JSON: " + e.what());
    }
    NASTAVNIK_ASSIGN_OR_RETURN(IndicatorCatalog part, from_json(doc, f.string()));
    for (auto& i : part.indicators_) {
      if (all.find(i.id)) return Status::Corruption(f.string() + ": indicator " + i.id + " is defined twice");
      all.indicators_.push_back(std::move(i));
    }
  }
  return all;
}

const Indicator* IndicatorCatalog::find(const std::string& id) const {
  for (const auto& i : indicators_)
    if (i.id == id) return &i;
  return nullptr;
}

}  // namespace nastavnik::monitoring
