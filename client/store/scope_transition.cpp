#include "client/store/scope_transition.h"

#include "client/store/local_store.h"

namespace nastavnik {
namespace {

using nlohmann::json;

constexpr const char* kWriteScopeKey = "write_scope";
constexpr const char* kScopeCheckKey = "scope_check_active";

// Records with this device's own work the server has not accepted (not yet sent, sent and
// not yet answered, or refused): they stay with the person whatever the scope.
constexpr const char* kOwnUnacceptedWork =
    "EXISTS (SELECT 1 FROM ops o LEFT JOIN changesets c ON c.seq = o.changeset_seq "
    "WHERE o.record_id = scope_check.record_id AND o.origin = 'local' AND "
    "(o.changeset_seq IS NULL OR c.acked_ms IS NULL OR o.hlc IN (SELECT hlc FROM rejections)))";

}  // namespace

Status LocalStore::load_scope_state() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto saved, meta(kWriteScopeKey));
  if (saved) {
    const json j = json::parse(*saved, nullptr, false);
    if (!j.is_object()) return Status::Corruption("the replica's record of its scope is damaged");
    write_scope_.known = true;
    write_scope_.all_pairs = j.value("all_pairs", false);
    for (const auto& p : j.value("pairs", json::array()))
      if (p.is_string()) write_scope_.pairs.insert(p.get<std::string>());
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto active, meta(kScopeCheckKey));
  scope_check_active_ = active && *active == "1";
  return Status::Ok();
}

Status LocalStore::set_write_scope(const WriteScope& scope) {
  NASTAVNIK_RETURN_IF_ERROR(
      set_meta(kWriteScopeKey, json{{"all_pairs", scope.all_pairs}, {"pairs", scope.pairs}}.dump()));
  write_scope_ = scope;
  write_scope_.known = true;
  return Status::Ok();
}

Status LocalStore::refuse_out_of_scope(const EntitySchema& entity, const json& record,
                                       std::vector<FieldError>* errors) const {
  if (!write_scope_.known || write_scope_.all_pairs || !entity.field("pair_id")) return Status::Ok();
  const json pair = record.value("pair_id", json());
  if (!pair.is_string() || write_scope_.pairs.count(pair.get<std::string>())) return Status::Ok();
  if (errors) errors->push_back(FieldError{entity.name, "pair_id", "write.refused.pair_out_of_scope", {}});
  return Status::PermissionDenied("pair " + pair.get<std::string>() +
                                  " is not among this person's pairs any more; nothing was written");
}

Status LocalStore::begin_scope_check() {
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("DELETE FROM scope_check"));
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("INSERT INTO scope_check(record_id) SELECT id FROM records"));
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kScopeCheckKey, "1"));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  scope_check_active_ = true;
  return Status::Ok();
}

Result<ScopeRemoval> LocalStore::finish_scope_check() {
  ScopeRemoval removal;
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(db_->exec(std::string("DELETE FROM scope_check WHERE ") + kOwnUnacceptedWork));
  auto pairs = db_->prepare(
      "SELECT DISTINCT r.pair_id FROM records r JOIN scope_check s ON s.record_id = r.id WHERE r.pair_id IS NOT NULL "
      "ORDER BY r.pair_id");
  if (!pairs.ok()) return pairs.status();
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, pairs->step());
    if (!row) break;
    removal.pair_ids.push_back(pairs->text(0));
  }
  pairs->reset();
  auto count = db_->prepare("SELECT COUNT(*) FROM records WHERE id IN (SELECT record_id FROM scope_check)");
  if (!count.ok()) return count.status();
  NASTAVNIK_ASSIGN_OR_RETURN(bool counted, count->step());
  removal.records = counted ? count->integer(0) : 0;
  count->reset();
  for (const char* table : {"record_people", "conflicts", "ops"})
    NASTAVNIK_RETURN_IF_ERROR(
        db_->exec(std::string("DELETE FROM ") + table + " WHERE record_id IN (SELECT record_id FROM scope_check)"));
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("DELETE FROM records WHERE id IN (SELECT record_id FROM scope_check)"));
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("DELETE FROM scope_check"));
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kScopeCheckKey, "0"));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  scope_check_active_ = false;
  return removal;
}

}  // namespace nastavnik
