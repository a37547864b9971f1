#include "client/cli/record_text.h"

#include "shared/core/ids.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {

using nlohmann::json;

json record_to_json(const Record& r) {
  return json{{"id", r.id},
              {"entity", r.entity},
              {"deleted", r.deleted},
              {"fields", r.data.is_object() ? r.data : json::object()}};
}

std::string dump_json(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string plain_value(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const auto& e : value) out += (out.empty() ? "" : "; ") + plain_value(e);
    return out;
  }
  return dump_json(value);
}

std::string RecordNames::name(const std::string& id) {
  if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  std::string found;
  auto record = reader_.get(id);
  if (record.ok()) {
    const EntitySchema* entity = DomainSchema::instance().entity(record->entity);
    // A school's short name reads better in tables than its full legal name.
    for (const std::string& field :
         {std::string("short_name"), entity ? entity->title_field : std::string()}) {
      if (field.empty()) continue;
      auto v = record->data.find(field);
      if (v != record->data.end() && v->is_string() && !v->get<std::string>().empty()) {
        found = v->get<std::string>();
        break;
      }
    }
  }
  cache_[id] = found;
  return found;
}

std::string RecordNames::describe(const std::string& id) {
  const std::string n = name(id);
  return n.empty() ? id : n + " (" + short_id(id) + ")";
}

std::string display_value(const EntitySchema& entity, const std::string& field_name, const json& value,
                          const Catalog& catalog, RecordNames& names, bool short_refs) {
  const FieldSchema* f = entity.field(field_name);
  if (!f || value.is_null()) return plain_value(value);
  auto one = [&](const json& v) -> std::string {
    if (!v.is_string()) return plain_value(v);
    const std::string s = v.get<std::string>();
    switch (f->type) {
      case FieldType::kEnum:
      case FieldType::kEnumSet:
        return catalog.enum_label(f->enum_name, s);
      case FieldType::kRef:
      case FieldType::kRefSet: {
        if (!short_refs) return names.describe(s);
        const std::string n = names.name(s);
        return n.empty() ? short_id(s) : n;
      }
      default:
        return s;
    }
  };
  if (value.is_boolean()) return catalog.tr(value.get<bool>() ? "cli.value.yes" : "cli.value.no");
  if (value.is_array()) {
    std::string out;
    for (const auto& e : value) out += (out.empty() ? "" : "; ") + one(e);
    return out;
  }
  return one(value);
}

}  // namespace nastavnik::cli
