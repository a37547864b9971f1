#include "shared/ops/op.h"

#include "shared/core/ids.h"
#include "shared/domain/schema.h"
#include "shared/domain/validation.h"

namespace nastavnik {
namespace {

using nlohmann::json;

json sets_to_json(const std::map<std::string, std::set<std::string>>& sets) {
  json j = json::object();
  for (const auto& [field, elems] : sets) j[field] = elems;
  return j;
}

Status sets_from_json(const json& j, std::map<std::string, std::set<std::string>>& out) {
  if (!j.is_object()) return Status::InvalidArgument("op: set changes must be an object");
  for (const auto& [field, elems] : j.items()) {
    if (!elems.is_array()) return Status::InvalidArgument("op: set change of " + field + " must be a list");
    // An empty list is kept as an empty entry, so that op_to_json gives back the very bytes
    // the writer stored: a replica compares the body of an op it receives with its own.
    auto& set = out[field];
    for (const auto& e : elems) {
      if (!e.is_string()) return Status::InvalidArgument("op: set elements of " + field + " must be strings");
      set.insert(e.get<std::string>());
    }
  }
  return Status::Ok();
}

// Type, format and range of one value; record-level rules (required fields, date order)
// only make sense for whole records and are checked where records are written.
Status check_value(const EntitySchema& entity, const FieldSchema& field, const json& value) {
  const auto errors = validate_value(entity, field, value);
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(entity.name + "." + field.name + ": " + errors.front().key);
}

}  // namespace

json op_to_json(const Op& op) {
  json j;
  j["k"] = op.kind == OpKind::kDelete ? "d" : "u";
  j["e"] = op.entity;
  j["i"] = op.id;
  j["h"] = op.hlc.str();
  if (!op.author.empty()) j["a"] = op.author;
  if (!op.fields.empty()) j["f"] = op.fields;
  if (!op.bases.empty()) {
    json b = json::object();
    for (const auto& [field, hlc] : op.bases) b[field] = hlc.str();
    j["b"] = b;
  }
  if (!op.added.empty()) j["+"] = sets_to_json(op.added);
  if (!op.removed.empty()) j["-"] = sets_to_json(op.removed);
  return j;
}

namespace {

// `fields_from`: the same object as `j`, when its field values may be moved out.
Result<Op> parse_op(const json& j, json* fields_from) {
  if (!j.is_object()) return Status::InvalidArgument("op must be a JSON object");
  static const std::set<std::string> kKeys = {"k", "e", "i", "h", "a", "f", "b", "+", "-"};
  for (const auto& [key, value] : j.items())
    if (!kKeys.count(key)) return Status::InvalidArgument("op has unknown key '" + key + "'");
  for (const char* key : {"k", "e", "i", "h"})
    if (!j.contains(key) || !j[key].is_string())
      return Status::InvalidArgument(std::string("op: '") + key + "' must be a string");
  Op op;
  const std::string kind = j["k"].get<std::string>();
  if (kind != "u" && kind != "d") return Status::InvalidArgument("op: kind must be 'u' or 'd'");
  op.kind = kind == "d" ? OpKind::kDelete : OpKind::kUpsert;
  op.entity = j["e"].get<std::string>();
  op.id = j["i"].get<std::string>();
  if (!is_record_id(op.id)) return Status::InvalidArgument("op: record id is not a UUID");
  NASTAVNIK_ASSIGN_OR_RETURN(op.hlc, Hlc::parse(j["h"].get<std::string>()));
  if (j.contains("a")) {
    if (!j["a"].is_string()) return Status::InvalidArgument("op: author must be a string");
    op.author = j["a"].get<std::string>();
  }
  if (j.contains("f")) {
    if (!j["f"].is_object()) return Status::InvalidArgument("op: fields must be an object");
    op.fields = fields_from ? std::move((*fields_from)["f"]) : j["f"];
  }
  if (j.contains("b")) {
    if (!j["b"].is_object()) return Status::InvalidArgument("op: bases must be an object");
    for (const auto& [field, stamp] : j["b"].items()) {
      if (!stamp.is_string()) return Status::InvalidArgument("op: base stamps must be strings");
      NASTAVNIK_ASSIGN_OR_RETURN(op.bases[field], Hlc::parse(stamp.get<std::string>()));
    }
  }
  if (j.contains("+")) NASTAVNIK_RETURN_IF_ERROR(sets_from_json(j["+"], op.added));
  if (j.contains("-")) NASTAVNIK_RETURN_IF_ERROR(sets_from_json(j["-"], op.removed));
  return op;
}

}  // namespace

Result<Op> op_from_json(const json& j) { return parse_op(j, nullptr); }

Result<Op> op_from_json(json&& j) { return parse_op(j, &j); }

Status check_op_shape(const Op& op) {
  const EntitySchema* entity = DomainSchema::instance().entity(op.entity);
  if (!entity) return Status::InvalidArgument("op names unknown entity '" + op.entity + "'");
  if (op.kind == OpKind::kDelete) {
    if (!op.fields.empty() || !op.added.empty() || !op.removed.empty())
      return Status::InvalidArgument("a delete op carries no field values");
    return Status::Ok();
  }
  if (!op.fields.is_object()) return Status::InvalidArgument("op fields must be an object");
  for (const auto& [name, value] : op.fields.items()) {
    const FieldSchema* f = entity->field(name);
    if (!f) return Status::InvalidArgument(op.entity + " has no field '" + name + "'");
    if (f->is_set())
      return Status::InvalidArgument(op.entity + "." + name + " is a set: change it element by element");
    if (!value.is_null()) NASTAVNIK_RETURN_IF_ERROR(check_value(*entity, *f, value));
  }
  for (const auto* sets : {&op.added, &op.removed})
    for (const auto& [name, elems] : *sets) {
      const FieldSchema* f = entity->field(name);
      if (!f || !f->is_set()) return Status::InvalidArgument(op.entity + "." + name + " is not a set field");
      NASTAVNIK_RETURN_IF_ERROR(check_value(*entity, *f, json(elems)));
    }
  for (const auto& [name, stamp] : op.bases)
    if (name != kRecordBase && !op.fields.contains(name))
      return Status::InvalidArgument("op has a base for unchanged field " + name);
  return Status::Ok();
}

}  // namespace nastavnik
