#include "client/store/local_store.h"

#include "shared/sqlite/op_applier.h"
#include "shared/sqlite/record_references.h"
#include "shared/sqlite/superseded_ops.h"
#include "client/store/replica_migrations.h"
#include "shared/core/ids.h"
#include "shared/i18n/catalog.h"

namespace nastavnik {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

constexpr const char* kDeviceKey = "device_id";
constexpr const char* kClockKey = "last_hlc";
constexpr const char* kActorKey = "actor";

Status fail_validation(const std::vector<FieldError>& found, std::vector<FieldError>* errors) {
  if (found.empty()) return Status::Ok();
  if (errors) *errors = found;
  return to_status(found, Catalog());  // keys only: front ends render with their catalog
}

// check_write(), with the refusal also as an error that names no field, so that a front
// end can say why in its reader's language (catalog key "write.refused.<code>").
Status refuse_write(const Actor& actor, const EntitySchema& entity, const json& record,
                    std::vector<FieldError>* errors) {
  const std::string refusal = write_refusal(actor, entity, record);
  if (refusal.empty()) return Status::Ok();
  if (errors) errors->push_back(FieldError{entity.name, "", "write.refused." + refusal, {}});
  return check_write(actor, entity, record);
}

json actor_to_json(const Actor& a) {
  return json{{"person_id", a.person_id}, {"roles", a.roles}, {"school_id", a.school_id}};
}

Status open_pragmas(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(db.exec("PRAGMA journal_mode=WAL"));
  NASTAVNIK_RETURN_IF_ERROR(db.exec("PRAGMA synchronous=FULL"));
  return db.exec("PRAGMA foreign_keys=ON");
}

std::set<std::string> as_set(const json& v) {
  std::set<std::string> out;
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) out.insert(e.get<std::string>());
  return out;
}

}  // namespace

LocalStore::LocalStore(std::unique_ptr<sql::Database> db, const std::string& device_id, LocalStoreOptions options)
    : db_(std::move(db)),
      options_(options),
      device_id_(device_id),
      clock_(device_id, [this] { return wall_now(); }, options.max_drift_ms),
      reader_(*db_),
      outbox_(*db_),
      courier_(*db_) {}

Result<std::unique_ptr<LocalStore>> LocalStore::create(const fs::path& path, const std::string& device_id,
                                                       LocalStoreOptions options) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, sql::Database::open(path, sql::Database::Mode::kCreateNew));
  NASTAVNIK_RETURN_IF_ERROR(open_pragmas(*db));
  NASTAVNIK_RETURN_IF_ERROR(replica::migrate_replica(*db));
  std::unique_ptr<LocalStore> store(new LocalStore(std::move(db), device_id, options));
  NASTAVNIK_RETURN_IF_ERROR(store->set_meta(kDeviceKey, device_id));
  store->db_->track_clean_close();
  return store;
}

Result<std::unique_ptr<LocalStore>> LocalStore::open(const fs::path& path, LocalStoreOptions options) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, sql::Database::open(path, sql::Database::Mode::kOpenExisting));
  NASTAVNIK_RETURN_IF_ERROR(open_pragmas(*db));
  NASTAVNIK_RETURN_IF_ERROR(replica::migrate_replica(*db).with_context(path.string()));
  auto st = db->prepare("SELECT value FROM meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->bind(1, kDeviceKey);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return Status::Corruption(path.string() + " is not a Nastavnik replica (no device id)");
  const std::string device = st->text(0);
  std::unique_ptr<LocalStore> store(new LocalStore(std::move(db), device, options));
  NASTAVNIK_RETURN_IF_ERROR(store->load_state());
  store->db_->track_clean_close();
  return store;
}

Status LocalStore::load_state() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto last, meta(kClockKey));
  if (last) {
    NASTAVNIK_ASSIGN_OR_RETURN(Hlc h, Hlc::parse(*last));
    clock_.restore(h);
  }
  NASTAVNIK_RETURN_IF_ERROR(load_server_clock());
  NASTAVNIK_RETURN_IF_ERROR(load_scope_state());
  NASTAVNIK_ASSIGN_OR_RETURN(auto actor, meta(kActorKey));
  if (actor) {
    const json j = json::parse(*actor, nullptr, false);
    if (!j.is_object()) return Status::Corruption("the replica's identity record is damaged");
    actor_.person_id = j.value("person_id", "");
    actor_.school_id = j.value("school_id", "");
    actor_.roles = as_set(j.value("roles", json::array()));
  }
  return recover_clock().status();
}

Result<std::optional<std::string>> LocalStore::meta(const std::string& key) const {
  auto st = db_->prepare("SELECT value FROM meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->bind(1, key);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(st->text(0));
}

Status LocalStore::set_meta(const std::string& key, const std::string& value) {
  auto st = db_->prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.status();
  return st->bind(1, key).bind(2, value).run();
}

Status LocalStore::set_actor(const Actor& actor) {
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kActorKey, actor_to_json(actor).dump()));
  actor_ = actor;
  return Status::Ok();
}

Status LocalStore::write_op(const Op& op) {
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  replica::OpApplier applier(*db_);
  auto outcome = applier.apply(op, replica::OpOrigin::kLocal, "", options_.wall());
  if (!outcome.ok()) return outcome.status();
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kClockKey, clock_.last().str()));
  return tx.commit();
}

Result<Op> LocalStore::build_create_op(const EntitySchema& entity, const std::string& id, const json& fields,
                                       std::vector<FieldError>* errors) {
  if (!fields.is_object()) return Status::InvalidArgument("record fields must be a JSON object");
  if (fields.contains(kCreatedByField))
    return Status::InvalidArgument("created_by is set by the program, not given");
  json record = json::object();
  for (const auto& [k, v] : fields.items())
    if (!v.is_null()) record[k] = v;
  if (!actor_.person_id.empty()) record[kCreatedByField] = actor_.person_id;
  NASTAVNIK_RETURN_IF_ERROR(fail_validation(validate_record(entity, record), errors));
  NASTAVNIK_RETURN_IF_ERROR(refuse_write(actor_, entity, record, errors));
  NASTAVNIK_RETURN_IF_ERROR(refuse_out_of_scope(entity, record, errors));
  Op op;
  op.entity = entity.name;
  op.id = id;
  op.hlc = clock_.now();
  op.author = actor_.person_id;
  for (const auto& [k, v] : record.items()) {
    if (entity.field(k)->is_set()) op.added[k] = as_set(v);
    else op.fields[k] = v;
  }
  return op;
}

Result<std::string> LocalStore::create_record(const std::string& entity_name, const json& fields,
                                              std::vector<FieldError>* errors) {
  NASTAVNIK_RETURN_IF_ERROR(recover_clock().status());
  const EntitySchema* entity = DomainSchema::instance().entity(entity_name);
  if (!entity) return Status::InvalidArgument("unknown kind of record '" + entity_name + "'");
  const std::string id = new_record_id(options_.wall());
  NASTAVNIK_ASSIGN_OR_RETURN(Op op, build_create_op(*entity, id, fields, errors));
  NASTAVNIK_RETURN_IF_ERROR(write_op(op));
  return id;
}

Status LocalStore::put_record(const std::string& entity_name, const std::string& id, const json& fields,
                              std::vector<FieldError>* errors) {
  NASTAVNIK_RETURN_IF_ERROR(recover_clock().status());
  const EntitySchema* entity = DomainSchema::instance().entity(entity_name);
  if (!entity) return Status::InvalidArgument("unknown kind of record '" + entity_name + "'");
  if (!is_record_id(id)) return Status::InvalidArgument("'" + id + "' is not a record id (UUID)");
  auto existing = reader_.get(id);
  if (existing.ok()) {
    if (existing->entity != entity_name)
      return Status::Conflict("record " + id + " is a " + existing->entity + ", not a " + entity_name);
    json changes = fields;
    for (const auto& [k, v] : existing->data.items())
      if (!changes.contains(k) && k != kCreatedByField) changes[k] = nullptr;
    return update_record(id, changes, errors);
  }
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  NASTAVNIK_ASSIGN_OR_RETURN(Op op, build_create_op(*entity, id, fields, errors));
  return write_op(op);
}

Status LocalStore::update_record(const std::string& id, const json& changes, std::vector<FieldError>* errors) {
  NASTAVNIK_RETURN_IF_ERROR(recover_clock().status());
  if (!changes.is_object()) return Status::InvalidArgument("changes must be a JSON object");
  if (changes.contains(kCreatedByField)) return Status::InvalidArgument("created_by cannot be changed");
  NASTAVNIK_ASSIGN_OR_RETURN(Record current, reader_.get(id));
  if (current.deleted) return Status::FailedPrecondition("record " + id + " was deleted");
  const EntitySchema* entity = DomainSchema::instance().entity(current.entity);
  if (!entity) return Status::Corruption("record " + id + " has unknown kind " + current.entity);
  json merged = current.data;
  for (const auto& [k, v] : changes.items()) {
    if (v.is_null()) merged.erase(k);
    else merged[k] = v;
  }
  NASTAVNIK_RETURN_IF_ERROR(fail_validation(validate_record(*entity, merged), errors));
  NASTAVNIK_RETURN_IF_ERROR(refuse_write(actor_, *entity, current.data, errors));
  NASTAVNIK_RETURN_IF_ERROR(refuse_write(actor_, *entity, merged, errors));
  NASTAVNIK_RETURN_IF_ERROR(refuse_out_of_scope(*entity, merged, errors));
  NASTAVNIK_ASSIGN_OR_RETURN(auto stamps, reader_.field_stamps(id));
  Op op;
  op.entity = current.entity;
  op.id = id;
  op.author = actor_.person_id;
  for (const auto& [k, v] : changes.items()) {
    const json before = current.data.value(k, json());
    if (before == v) continue;
    if (entity->field(k)->is_set()) {
      const auto old_set = as_set(before), new_set = as_set(v);
      for (const auto& e : new_set)
        if (!old_set.count(e)) op.added[k].insert(e);
      for (const auto& e : old_set)
        if (!new_set.count(e)) op.removed[k].insert(e);
      continue;
    }
    op.fields[k] = v;
    if (stamps.count(k)) op.bases[k] = stamps.at(k);
  }
  if (op.fields.empty() && op.added.empty() && op.removed.empty()) return Status::Ok();
  op.hlc = clock_.now();
  return write_op(op);
}

Result<std::vector<std::string>> LocalStore::create_records(const std::vector<NewRecord>& records,
                                                            std::vector<FieldError>* errors) {
  NASTAVNIK_RETURN_IF_ERROR(recover_clock().status());
  std::vector<Op> ops;
  std::vector<std::string> ids;
  std::set<std::string> seen;
  ops.reserve(records.size());
  ids.reserve(records.size());
  for (const auto& r : records) {
    const EntitySchema* entity = DomainSchema::instance().entity(r.entity);
    if (!entity) return Status::InvalidArgument("unknown kind of record '" + r.entity + "'");
    std::string id = r.id.empty() ? new_record_id(options_.wall()) : r.id;
    if (!is_record_id(id)) return Status::InvalidArgument("'" + id + "' is not a record id (UUID)");
    if (!seen.insert(id).second) return Status::Conflict("record " + id + " is given twice");
    auto existing = reader_.get(id);
    if (existing.ok()) return Status::Conflict("record " + id + " exists already");
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, build_create_op(*entity, id, r.fields, errors));
    ops.push_back(std::move(op));
    ids.push_back(std::move(id));
  }
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  replica::OpApplier applier(*db_);
  for (const auto& op : ops) {
    auto outcome = applier.apply(op, replica::OpOrigin::kLocal, "", options_.wall());
    if (!outcome.ok()) return outcome.status();
  }
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kClockKey, clock_.last().str()));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return ids;
}

// Names like "3 mentoring_session, 1 pair" for a message.
static std::string describe_references(const std::map<std::string, int64_t>& by_entity, int64_t* total) {
  std::string out;
  *total = 0;
  for (const auto& [entity, n] : by_entity) {
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + entity;
    *total += n;
  }
  return out;
}

Status LocalStore::delete_record(const std::string& id, std::vector<FieldError>* errors) {
  NASTAVNIK_RETURN_IF_ERROR(recover_clock().status());
  NASTAVNIK_ASSIGN_OR_RETURN(Record current, reader_.get(id));
  if (current.deleted) return Status::FailedPrecondition("record " + id + " is already deleted");
  const EntitySchema* entity = DomainSchema::instance().entity(current.entity);
  if (!entity) return Status::Corruption("record " + id + " has unknown kind " + current.entity);
  NASTAVNIK_RETURN_IF_ERROR(refuse_write(actor_, *entity, current.data, errors));
  if (entity->write == WritePolicy::kRegistry) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto named_by, replica::live_references(*db_, current.entity, id));
    if (!named_by.empty()) {
      int64_t total = 0;
      const std::string which = describe_references(named_by, &total);
      if (errors)
        errors->push_back(FieldError{current.entity, "", "validation.still_referenced", {{"count", std::to_string(total)}}});
      return Status::FailedPrecondition("the " + current.entity + " " + id + " is still named by " + which +
                                        ": change or delete those records first");
    }
  }
  Op op;
  op.kind = OpKind::kDelete;
  op.entity = current.entity;
  op.id = id;
  op.author = actor_.person_id;
  NASTAVNIK_ASSIGN_OR_RETURN(op.bases[kRecordBase], Hlc::parse(current.updated_hlc));
  op.hlc = clock_.now();
  return write_op(op);
}

Result<MergeReport> LocalStore::merge_remote(const std::vector<Op>& ops) {
  for (const auto& op : ops) NASTAVNIK_RETURN_IF_ERROR(check_op_shape(op).with_context("received op " + op.hlc.str()));
  MergeReport report;
  const Hlc clock_before = clock_.last();
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  replica::OpApplier applier(*db_);
  for (const auto& op : ops) {
    const bool trusted = clock_.observe(op.hlc);
    auto outcome = applier.apply(op, replica::OpOrigin::kRemote, trusted ? "" : "future_stamp", options_.wall());
    if (!outcome.ok()) {
      clock_ = fresh_clock();
      clock_.restore(clock_before);
      return outcome.status();
    }
    if (outcome->duplicate) ++report.duplicates;
    else ++report.applied;
    if (scope_check_active_) {
      auto confirm = db_->prepare("DELETE FROM scope_check WHERE record_id = ?");
      if (!confirm.ok()) return confirm.status();
      NASTAVNIK_RETURN_IF_ERROR(confirm->bind(1, op.id).run());
    }
    if (!trusted && !outcome->duplicate) ++report.flagged_future;
    report.new_conflicts += outcome->new_conflicts;
  }
  NASTAVNIK_RETURN_IF_ERROR(set_meta(kClockKey, clock_.last().str()));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return report;
}

Result<std::optional<OutboxEntry>> LocalStore::seal_pending(const crypto::KeyPair& key, size_t max_ops) {
  if (key.id() != device_id())
    return Status::FailedPrecondition("the key does not belong to this replica's device");
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_ASSIGN_OR_RETURN(auto entry, outbox_.seal_next(key, max_ops, options_.wall()));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return entry;
}

Status LocalStore::mark_acked(uint64_t seq) { return outbox_.mark_acked(seq, options_.wall()); }

Status LocalStore::acknowledge_conflict(const ConflictRecord& c) {
  auto st = db_->prepare(
      "UPDATE conflicts SET acknowledged = 1 WHERE record_id = ? AND field = ? AND loser_hlc = ? AND winner_hlc = ?");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(st->bind(1, c.record_id).bind(2, c.field).bind(3, c.loser_hlc).bind(4, c.winner_hlc).run());
  if (db_->changes() == 0) return Status::NotFound("no such conflict");
  return Status::Ok();
}

}  // namespace nastavnik

namespace nastavnik {

Status LocalStore::record_rejections(const std::vector<Rejection>& rejections) {
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  auto st = db_->prepare(
      "INSERT OR IGNORE INTO rejections(hlc, record_id, entity, code, message, received_ms) "
      "SELECT ?1, record_id, entity, ?2, ?3, ?4 FROM ops WHERE hlc = ?1");
  if (!st.ok()) return st.status();
  for (const auto& r : rejections) {
    st->reset();
    NASTAVNIK_RETURN_IF_ERROR(
        st->bind(1, r.hlc).bind(2, r.code).bind(3, r.message).bind(4, static_cast<int64_t>(options_.wall())).run());
  }
  return tx.commit();
}

Result<std::vector<Rejection>> LocalStore::rejections(bool include_acknowledged) const {
  auto st = db_->prepare(std::string("SELECT hlc, record_id, entity, code, message, received_ms, acknowledged FROM rejections") +
                         (include_acknowledged ? "" : " WHERE acknowledged = 0") + " ORDER BY hlc");
  if (!st.ok()) return st.status();
  std::vector<Rejection> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    out.push_back(Rejection{st->text(0), st->text(1), st->text(2), st->text(3), st->text(4),
                            static_cast<uint64_t>(st->integer(5)), st->integer(6) != 0});
  }
  return out;
}

Status LocalStore::mark_unacked_from(uint64_t seq) {
  auto st = db_->prepare("UPDATE changesets SET acked_ms = NULL WHERE seq >= ?");
  if (!st.ok()) return st.status();
  return st->bind(1, static_cast<int64_t>(seq)).run();
}

Result<int64_t> LocalStore::trim_acknowledged_ops(uint64_t before_ms) {
  const std::string horizon = Hlc{before_ms, 0, std::string(32, '0')}.str();
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_ASSIGN_OR_RETURN(auto superseded, sql::superseded_ops(*db_));
  auto known = db_->prepare(
      "SELECT 1 FROM ops o WHERE o.hlc = ? AND o.flagged IS NULL AND (o.origin = 'remote' OR EXISTS "
      "(SELECT 1 FROM changesets c WHERE c.seq = o.changeset_seq AND c.acked_ms IS NOT NULL))");
  if (!known.ok()) return known.status();
  std::vector<std::string> gone;
  for (const auto& hlc : superseded) {
    if (hlc >= horizon) continue;
    known->reset();
    known->bind(1, hlc);
    NASTAVNIK_ASSIGN_OR_RETURN(bool server_has_it, known->step());
    if (server_has_it) gone.push_back(hlc);
  }
  known->reset();
  NASTAVNIK_RETURN_IF_ERROR(sql::delete_ops(*db_, gone));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return static_cast<int64_t>(gone.size());
}

}  // namespace nastavnik
