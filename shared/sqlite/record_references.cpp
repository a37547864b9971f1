#include "shared/sqlite/record_references.h"

#include "shared/domain/schema.h"

namespace nastavnik::replica {
namespace {

// An SQL condition true when `field` of a record's data names ?2. Field names come from
// the schema, never from input.
std::string names_id(const FieldSchema& field) {
  const std::string path = "'$.\"" + field.name + "\"'";
  if (field.type == FieldType::kRefSet) return "EXISTS (SELECT 1 FROM json_each(data, " + path + ") WHERE value = ?2)";
  return "json_extract(data, " + path + ") = ?2";
}

}  // namespace

Result<std::map<std::string, int64_t>> live_references(sql::Database& db, const std::string& entity,
                                                       const std::string& id) {
  std::map<std::string, int64_t> out;
  for (const auto& referring : DomainSchema::instance().entities()) {
    std::string any;
    for (const auto& field : referring.fields)
      if (field.ref_entity == entity && (field.type == FieldType::kRef || field.type == FieldType::kRefSet))
        any += (any.empty() ? "" : " OR ") + names_id(field);
    if (any.empty()) continue;
    auto st = db.prepare("SELECT COUNT(*) FROM records WHERE entity = ?1 AND deleted = 0 AND id <> ?2 AND (" + any + ")");
    if (!st.ok()) return st.status();
    st->bind(1, referring.name).bind(2, id);
    NASTAVNIK_RETURN_IF_ERROR(st->step().status());
    if (st->integer(0) > 0) out[referring.name] = st->integer(0);
  }
  return out;
}

}  // namespace nastavnik::replica
