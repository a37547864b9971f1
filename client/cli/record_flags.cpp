#include "client/cli/record_flags.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "client/cli/utf8_text.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The placeholder shown after the flag name in --help.
const char* type_placeholder(FieldType type) {
  switch (type) {
    case FieldType::kInt:
      return "N";
    case FieldType::kReal:
      return "NUMBER";
    case FieldType::kBool:
      return "true|false";
    case FieldType::kDate:
      return "YYYY-MM-DD";
    case FieldType::kEnum:
    case FieldType::kEnumSet:
      return "VALUE";
    case FieldType::kRef:
    case FieldType::kRefSet:
      return "ID";
    case FieldType::kObject:
      return "JSON";
    case FieldType::kPeriod:
      return "YYYY/YY-H";
    case FieldType::kText:
    case FieldType::kTextSet:
      return "TEXT";
  }
  return "VALUE";
}

// "Тема (обязательное; не более 500 символов)"-style description of one field.
std::string describe_field(const EntitySchema& entity, const FieldSchema& f, const Catalog& catalog,
                           const RecordFlagOptions& options) {
  std::vector<std::string> notes;
  if (auto d = options.defaults.find(f.name); d != options.defaults.end())
    notes.push_back(catalog.tr(d->second));
  else if (f.required)
    notes.push_back(catalog.tr("cli.flag.required"));
  if (f.type == FieldType::kEnum || f.type == FieldType::kEnumSet) notes.push_back(join(f.enum_values, "|"));
  if (f.min && f.max)
    notes.push_back(
        catalog.format("cli.flag.range", {{"min", std::to_string(static_cast<long long>(*f.min))},
                                          {"max", std::to_string(static_cast<long long>(*f.max))}}));
  if (f.type == FieldType::kObject) notes.push_back(catalog.tr("cli.flag.json_object"));
  if (f.is_set()) notes.push_back(catalog.tr("cli.flag.repeatable"));
  std::string text = catalog.field_label(entity.name, f.name);
  if (!notes.empty()) text += " (" + join(notes, "; ") + ")";
  return text;
}

Status bad_value(const Catalog& catalog, const char* key, const std::string& flag, const std::string& value,
                 const std::string& detail = "") {
  return Status::InvalidArgument(catalog.format(key, {{"flag", flag}, {"value", value}, {"detail", detail}}));
}

}  // namespace

std::string flag_for_field(const std::string& field) {
  std::string out = "--" + field;
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string field_for_flag(const std::string& text) {
  std::string out = text;
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

Result<json> parse_field_text(const FieldSchema& f, const std::string& flag, const std::string& text,
                              const Catalog& catalog) {
  if (!is_valid_utf8(text)) return bad_value(catalog, "cli.error.not_utf8", flag, "");
  switch (f.type) {
    case FieldType::kInt: {
      long long v = 0;
      const char* end = text.data() + text.size();
      auto [ptr, ec] = std::from_chars(text.data() + (text.starts_with('+') ? 1 : 0), end, v);
      if (text.empty() || ec != std::errc() || ptr != end)
        return bad_value(catalog, "cli.error.flag_int", flag, text);
      return json(v);
    }
    case FieldType::kReal: {
      // A decimal comma is what a Russian keyboard layout and spreadsheet produce.
      std::string t = text;
      std::replace(t.begin(), t.end(), ',', '.');
      char* end = nullptr;
      errno = 0;
      const double v = t.empty() ? 0 : std::strtod(t.c_str(), &end);
      if (t.empty() || errno != 0 || end != t.c_str() + t.size() || !std::isfinite(v))
        return bad_value(catalog, "cli.error.flag_real", flag, text);
      return json(v);
    }
    case FieldType::kBool: {
      static const std::set<std::string> kTrue = {"true", "yes", "1", "да"},
                                         kFalse = {"false", "no", "0", "нет"};
      if (kTrue.count(text)) return json(true);
      if (kFalse.count(text)) return json(false);
      return bad_value(catalog, "cli.error.flag_bool", flag, text);
    }
    case FieldType::kObject: {
      json j = json::parse(text, nullptr, false);
      if (!j.is_object()) return bad_value(catalog, "cli.error.flag_json", flag, text);
      return j;
    }
    default:
      return json(text);
  }
}

RecordFlags::RecordFlags(CLI::App& cmd, const std::vector<const EntitySchema*>& entities,
                         const Catalog& catalog, const RecordFlagOptions& options) {
  std::map<std::string, Flag*> by_field;
  std::map<std::string, std::vector<std::string>> entity_names;  // for the generic group's help
  std::map<std::string, std::string> descriptions;
  std::map<std::string, std::vector<std::string>> first_values;  // the enum values of the first entity with the field
  std::vector<std::string> order;
  for (const EntitySchema* entity : entities) {
    for (const FieldSchema& f : entity->fields) {
      if (f.name == kCreatedByField || options.skip.count(f.name)) continue;
      entity_names[f.name].push_back(entity->name);
      if (by_field.count(f.name)) {
        // The same flag with other values elsewhere (--kind of an assignment or of a note):
        // each entity's values are listed, so none is offered where it does not apply.
        if (!f.enum_values.empty() && f.enum_values != first_values[f.name])
          descriptions[f.name] += "; " + entity->name + ": " + describe_field(*entity, f, catalog, options);
        continue;
      }
      first_values[f.name] = f.enum_values;
      auto flag = std::make_unique<Flag>();
      flag->field = f.name;
      by_field[f.name] = flag.get();
      descriptions[f.name] = describe_field(*entity, f, catalog, options);
      order.push_back(f.name);
      flags_.push_back(std::move(flag));
    }
  }
  for (const std::string& field : order) {
    Flag* flag = by_field[field];
    std::string names = flag_for_field(field);
    if (auto it = options.extra_names.find(field); it != options.extra_names.end())
      names = it->second + "," + names;
    std::string description = descriptions[field];
    if (entities.size() > 1) description += " [" + join(entity_names[field], ", ") + "]";
    const FieldSchema* f = entities.front()->field(field);
    for (const EntitySchema* e : entities)
      if (!f) f = e->field(field);
    // Every flag collects a list; scalars given twice are refused in values(). One value per
    // occurrence, so a repeated flag never swallows the positional ID that follows it.
    flag->option = cmd.add_option(names, flag->raw, description)
                       ->expected(1)
                       ->allow_extra_args(false)
                       ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                       ->type_name(type_placeholder(f->type));
  }
}

bool RecordFlags::any_given() const {
  return std::any_of(flags_.begin(), flags_.end(), [](const auto& f) { return f->option->count() > 0; });
}

Result<json> RecordFlags::values(const EntitySchema& entity, const Catalog& catalog) const {
  json out = json::object();
  for (const auto& flag : flags_) {
    if (flag->option->count() == 0) continue;
    const std::string name = flag_for_field(flag->field);
    const FieldSchema* f = entity.field(flag->field);
    if (!f)
      return Status::InvalidArgument(catalog.format(
          "cli.error.flag_not_in_entity", {{"flag", name}, {"entity", catalog.tr("entity." + entity.name)}}));
    if (!f->is_set()) {
      if (flag->raw.size() != 1)
        return Status::InvalidArgument(catalog.format("cli.error.flag_repeated", {{"flag", name}}));
      NASTAVNIK_ASSIGN_OR_RETURN(out[f->name], parse_field_text(*f, name, flag->raw.front(), catalog));
      continue;
    }
    json list = json::array();
    for (const std::string& raw : flag->raw) {
      NASTAVNIK_ASSIGN_OR_RETURN(json element, parse_field_text(*f, name, raw, catalog));
      list.push_back(std::move(element));
    }
    out[f->name] = std::move(list);
  }
  return out;
}

}  // namespace nastavnik::cli
