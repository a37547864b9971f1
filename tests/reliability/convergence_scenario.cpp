// Sections: devices and their replicas · the scenario's steps (writes, syncs, relays,
// partitions) · the independent model · the final comparison.
#include "tests/reliability/convergence_scenario.h"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <catch2/catch.hpp>
#include <numeric>
#include <sstream>

#include "client/store/local_store.h"
#include "client/sync/enrollment_client.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_state.h"
#include "shared/domain/schema.h"
#include "shared/ops/changeset.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "shared/sqlite/record_reader.h"
#include "shared/sqlite/sqlite_db.h"
#include "shared/sqlite/stored_frame.h"
#include "shared/sqlite/stored_op_body.h"
#include "syncserver/store/store_engines.h"
#include "tests/support/demo_people.h"
#include "tests/support/wall_clock.h"

namespace nastavnik::testing {

using nlohmann::json;

namespace {

const std::vector<std::string> kEntities = {"mentoring_session", "individual_route", "route_step"};
constexpr int kSteps = 110;
const std::vector<std::string> kTopics = {"Смысловое чтение", "Формирующее оценивание", "Урок «под ключ»",
                                          "Функциональная грамотность — №2", "Открытый урок"};
const std::vector<std::string> kDeficits = {"modern_lesson", "functional_literacy", "assessment",
                                            "technologies"};

struct DeviceSpec {
  std::string name, person, role;
};

// Two laptops of one tutor give concurrent edits of the same records by one person.
const std::vector<DeviceSpec> kDeviceSpecs = {
    {"methodologist", demo::kMethodologist, "methodologist"},
    {"tutor1-laptop", demo::kTutor1, "tutor"},
    {"tutor1-home", demo::kTutor1, "tutor"},
    {"teacher1", demo::kTeacher1, "teacher"},
    {"tutor2", demo::kTutor2, "tutor"},
};

const std::vector<std::string>& teachers_of(const std::string& pair) {
  static const std::vector<std::string> pair1 = {demo::kTeacher1, demo::kTeacher1b},
                                        pair2 = {demo::kTeacher2};
  return pair == demo::kPair2 ? pair2 : pair1;
}

// Device keys come from the seed too: stamps of equal time and counter are ordered by
// device id, so random keys would make a replay differ.
crypto::KeyPair seeded_key(uint64_t seed, size_t index) {
  std::mt19937_64 g(seed * 1'000'003 + index);
  unsigned char s[crypto_sign_SEEDBYTES];
  for (auto& b : s) b = static_cast<unsigned char>(g());
  crypto::KeyPair kp;
  crypto_sign_seed_keypair(kp.public_key.data(), kp.secret_key.data(), s);
  return kp;
}

// Who may read what: docs/PROTOCOL.md §3.1 ("Read by") and §8.9, written again here from
// the document, for the people and entities of this scenario. It reads the registry file
// itself and shares no code with the server's DeviceScope, so that a scope the server gets
// wrong is seen as a difference, not agreed with.
class ExpectedReader {
 public:
  ExpectedReader(const DeviceSpec& spec, const json& registry) : person_(spec.person) {
    everything_ = spec.role == "methodologist" || spec.role == "municipal_office";
    std::string school;
    for (const auto& r : registry["records"])
      if (r["id"] == person_) school = r["fields"].value("school_id", "");
    for (const auto& r : registry["records"]) {
      const json& f = r["fields"];
      if (r["entity"] == "pair" && !school.empty() &&
          (f.value("low_school_id", "") == school || f.value("partner_school_id", "") == school))
        pairs_.insert(r["id"].get<std::string>());
      if (r["entity"] != "assignment") continue;
      const json mentees = f.value("mentee_ids", json::array());
      const bool mentor = f.value("mentor_id", "") == person_;
      if (mentor || std::find(mentees.begin(), mentees.end(), person_) != mentees.end())
        pairs_.insert(f.value("pair_id", ""));
      if (mentor)
        for (const auto& m : mentees) mentees_.insert(m.get<std::string>());
    }
  }

  bool may_read(const RecordView& r) const {
    if (everything_ || r.data.value("created_by", "") == person_) return true;
    const auto is_me = [&](const char* field) { return r.data.value(field, "") == person_; };
    const auto is_mentee = [&](const char* field) { return mentees_.count(r.data.value(field, "")) != 0; };
    if (r.entity == "mentoring_session") {
      const json mentees = r.data.value("mentees", json::array());
      return pairs_.count(r.data.value("pair_id", "")) != 0 || is_me("mentor_id") ||
             std::find(mentees.begin(), mentees.end(), person_) != mentees.end();
    }
    if (r.entity == "individual_route") return is_me("teacher_id") || is_me("tutor_id") || is_mentee("teacher_id");
    if (r.entity == "route_step") return is_me("teacher_id") || is_mentee("teacher_id");
    return false;
  }

 private:
  std::string person_;
  bool everything_ = false;
  std::set<std::string> pairs_, mentees_;
};

json demo_registry() {
  std::ifstream in(std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json", std::ios::binary);
  json j = json::parse(in, nullptr, false);
  REQUIRE(j.is_object());
  return j;
}

std::string entity_list() {
  std::string out;
  for (const auto& e : kEntities) out += (out.empty() ? "'" : ",'") + e + "'";
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Devices

struct ScenarioDevice {
  DeviceSpec spec;
  ManualClock clock;
  crypto::KeyPair key;
  crypto::PublicKey server_key{};
  std::unique_ptr<SyncTransport> link;  // the device's own connection to the server
  std::unique_ptr<FaultTransport> net;  // the bad network on top of it
  std::unique_ptr<LocalStore> store;
  sqlite3* peek = nullptr;  // a second, read-only look at the replica file
  SyncSettings settings;

  ~ScenarioDevice() {
    if (peek) sqlite3_close(peek);
  }

  // Rows of a query on the replica file, each as its columns' text.
  std::vector<std::vector<std::string>> query(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(peek, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::vector<std::string>> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(st, i));
        row.emplace_back(p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, i)))
                           : std::string());
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    REQUIRE(rc == SQLITE_DONE);
    return rows;
  }

  // Every op of the scenario's kinds this replica holds, by stamp.
  std::map<std::string, Op> ops() {
    std::map<std::string, Op> out;
    for (const auto& row : query("SELECT hlc, body FROM ops WHERE entity IN (" + entity_list() + ")")) {
      auto body = unpack_op_body(row[1]);
      REQUIRE(body.ok());
      auto op = op_from_json(json::parse(*body));
      REQUIRE(op.ok());
      out.emplace(row[0], std::move(op).value());
    }
    return out;
  }

  // Every changeset this device ever sealed, acknowledged or not, by sequence.
  std::vector<std::string> frames() {
    std::vector<std::string> out;
    for (const auto& row : query("SELECT frame FROM changesets ORDER BY seq")) {
      auto frame = unpack_stored_frame(row[0]);
      REQUIRE(frame.ok());
      out.push_back(std::move(frame).value());
    }
    return out;
  }

  bool may_write(const Record& r) const {
    if (spec.role == "methodologist") return true;
    if (r.entity == "mentoring_session") return r.data.value("created_by", "") == spec.person;
    return true;  // routes and steps: any tutor or teacher who can see them
  }
};

RecordMap records_of(const replica::ReplicaReader& reader) {
  RecordMap out;
  for (const auto& entity : kEntities) {
    RecordQuery q;
    q.entity = entity;
    q.include_deleted = true;
    q.limit = 0;
    auto rows = reader.list(q);
    REQUIRE(rows.ok());
    for (const auto& r : *rows) out[r.id] = RecordView{r.entity, r.deleted, r.data};
  }
  return out;
}

std::set<ConflictKey> conflicts_of(const replica::ReplicaReader& reader) {
  auto rows = reader.conflicts(true);
  REQUIRE(rows.ok());
  std::set<ConflictKey> out;
  for (const auto& c : *rows) out.insert({c.record_id, c.field, c.kind, c.loser_hlc, c.winner_hlc});
  return out;
}

// The server's records, conflicts and op stamps (of the scenario's entities), as the rows
// of its tables, read through a connection of their own whatever the store's engine.
struct ServerTables {
  RecordMap records;
  std::set<ConflictKey> conflicts;
  std::vector<std::string> op_stamps;  // sorted
};

ServerTables server_tables(const std::string& address) {
  auto parsed = server::parse_store_address(address);
  REQUIRE(parsed.ok());
  auto store = server::open_store_engine(*parsed);
  INFO(store.status().message());
  REQUIRE(store.ok());
  ServerTables out;
  const std::set<std::string> entities(std::begin(kEntities), std::end(kEntities));
  auto each_row = [&](const char* table, auto&& take) {
    REQUIRE((*store)
                ->export_table(table,
                               [&](const server::TableChunk& chunk) {
                                 for (const auto& row : chunk.rows) take(row);
                                 return Status::Ok();
                               })
                .ok());
  };
  // records: id, entity, deleted, data, ...
  each_row("records", [&](const auto& row) {
    if (entities.count(*row[1]))
      out.records[*row[0]] = RecordView{*row[1], *row[2] != "0", json::parse(*row[3], nullptr, false)};
  });
  // conflicts: record_id, field, kind, loser_hlc, winner_hlc, ...
  each_row("conflicts", [&](const auto& row) { out.conflicts.insert({*row[0], *row[1], *row[2], *row[3], *row[4]}); });
  // ops: position, hlc, kind, entity, ...
  each_row("ops", [&](const auto& row) {
    if (entities.count(*row[3])) out.op_stamps.push_back(*row[1]);
  });
  std::sort(out.op_stamps.begin(), out.op_stamps.end());
  return out;
}

// Differences between two record maps, "" when equal (at most a few, readably).
std::string diff(const RecordMap& expected, const RecordMap& actual) {
  std::ostringstream out;
  int shown = 0;
  auto line = [&](const std::string& text) {
    if (shown++ < 6) out << "\n  " << text;
  };
  for (const auto& [id, e] : expected) {
    auto it = actual.find(id);
    if (it == actual.end())
      line("missing " + e.entity + " " + id);
    else if (!(it->second == e))
      line(e.entity + " " + id + ": expected " + (e.deleted ? "deleted " : "") + e.data.dump() + ", got " +
           (it->second.deleted ? "deleted " : "") + it->second.data.dump());
  }
  for (const auto& [id, a] : actual)
    if (!expected.count(id)) line("unexpected " + a.entity + " " + id + " " + a.data.dump());
  if (shown > 6) out << "\n  ... " << shown - 6 << " more";
  return out.str();
}

std::string diff(const std::set<ConflictKey>& expected, const std::set<ConflictKey>& actual) {
  std::ostringstream out;
  auto show = [&](const char* what, const ConflictKey& k) {
    const auto& [record, field, kind, loser, winner] = k;
    out << "\n  " << what << " " << kind << " on " << record << "." << field << " (" << loser << " lost to "
        << winner << ")";
  };
  for (const auto& k : expected)
    if (!actual.count(k)) show("missing", k);
  for (const auto& k : actual)
    if (!expected.count(k)) show("unexpected", k);
  return out.str();
}

ScenarioTotals& ScenarioTotals::operator+=(const ScenarioTotals& o) {
  ops += o.ops;
  records += o.records;
  concurrent_writes += o.concurrent_writes;
  edits_of_deleted += o.edits_of_deleted;
  syncs += o.syncs;
  failed_syncs += o.failed_syncs;
  relayed_accepted += o.relayed_accepted;
  relayed_duplicates += o.relayed_duplicates;
  relayed_gaps += o.relayed_gaps;
  faults += o.faults;
  return *this;
}

std::string ScenarioTotals::describe() const {
  std::ostringstream s;
  s << ops << " ops on " << records << " records, conflicts: " << concurrent_writes << " concurrent_write + "
    << edits_of_deleted << " edit_of_deleted; " << syncs << " syncs (" << failed_syncs
    << " cut short by the network); faults: " << faults.dropped_requests << " requests lost, "
    << faults.dropped_replies << " answers lost, " << faults.duplicates << " duplicated, "
    << faults.stale_replays << " stale requests replayed, " << faults.truncated << " answers truncated, "
    << faults.offline_refusals << " refused by partitions; relayed changesets: " << relayed_accepted
    << " accepted, " << relayed_duplicates << " duplicate, " << relayed_gaps << " gap";
  return s.str();
}

// ---------------------------------------------------------------------------------------
// The scenario

ConvergenceScenario::ConvergenceScenario(uint64_t seed, const WorldFactory& make_world)
    : seed_(seed), rng_(seed), world_(make_world()) {
  // Laptop clocks run a little ahead of the server and of each other (well within the
  // server's 5-minute limit), and only move when the scenario moves them.
  const uint64_t base = system_wall_clock_ms() + 1000;
  auto pick = [&](std::initializer_list<double> v) { return *(v.begin() + rng_() % v.size()); };
  TransportFaults faults;
  faults.drop_request = pick({0, 0.05, 0.15});
  faults.drop_reply = pick({0, 0.05, 0.15});
  faults.duplicate = pick({0, 0.05, 0.15});
  faults.replay_stale = pick({0, 0.1, 0.2});
  faults.truncate_reply = pick({0, 0.03, 0.1});
  for (size_t i = 0; i < kDeviceSpecs.size(); ++i) {
    auto d = std::make_unique<ScenarioDevice>();
    d->spec = kDeviceSpecs[i];
    d->clock.set(base + rng_() % 10'000);
    d->key = seeded_key(seed, i);
    d->link = world_->connect();
    d->net = std::make_unique<FaultTransport>(*d->link, seed * 31 + i);
    const auto path = dir_ / (d->spec.name + ".db");
    auto store = LocalStore::create(path, d->key.id(), {d->clock.fn()});
    REQUIRE(store.ok());
    d->store = std::move(store).value();
    auto enrolled = enroll_device(*d->store, d->key, *d->link, "http://scenario",
                                  world_->code_for(d->spec.person, d->spec.role), d->spec.name);
    INFO(d->spec.name << ": " << enrolled.status().to_string());
    REQUIRE(enrolled.ok());
    d->server_key = SyncState::load(*d->store).value().server_key().value();
    REQUIRE(sqlite3_open_v2(path.c_str(), &d->peek, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    // First contact on a good link: the registry of what the device may see arrives.
    SyncEngine first(*d->store, d->key, *d->link, {}, [](uint64_t) {});
    REQUIRE(first.run().ok());
    d->settings.max_ops_per_changeset = 1 + rng_() % 5;
    d->settings.max_request_bytes = static_cast<size_t>(pick({700, 4000, 1 << 20}));
    d->settings.page_limit = static_cast<uint32_t>(pick({5, 40, 2000}));
    d->settings.max_attempts = static_cast<int>(1 + rng_() % 3);
    d->net->set_faults(faults);
    devices_.push_back(std::move(d));
  }
}

ConvergenceScenario::~ConvergenceScenario() = default;

void ConvergenceScenario::run() {
  for (int step = 0; step < kSteps; ++step) {
    for (auto& d : devices_) d->clock.advance(static_cast<int64_t>(rng_() % 700));
    const int dice = static_cast<int>(rng_() % 100);
    ScenarioDevice& d = *devices_[pick_device()];
    if (dice < 45) {
      local_write(d);
    } else if (dice < 73) {
      sync(d, false);
    } else if (dice < 82) {
      relay(d, *devices_[pick_device()]);
    } else if (dice < 91) {
      d.net->set_offline(!d.net->offline());  // a partition starts or heals
    } else {
      REQUIRE(d.store->seal_pending(d.key, 1 + rng_() % 4).ok());
    }
  }
  // Heal every partition, devices in random orders: the first round pushes everything, the
  // second pulls everything, the third must find nothing to do.
  for (auto& d : devices_) {
    d->net->set_offline(false);
    d->net->set_faults(TransportFaults::none());
  }
  std::vector<size_t> order(devices_.size());
  std::iota(order.begin(), order.end(), 0);
  for (int round = 0; round < 2; ++round) {
    std::shuffle(order.begin(), order.end(), rng_);
    for (size_t i : order) sync(*devices_[i], true);
  }
  for (auto& d : devices_) {
    SyncEngine engine(*d->store, d->key, *d->net, {}, [](uint64_t) {});
    auto idle = engine.run();
    INFO(d->spec.name << ": " << idle.status().to_string());
    REQUIRE(idle.ok());
    CHECK(idle->requests == 1);
    CHECK(idle->changesets_sent == 0);
    CHECK(idle->ops_received == 0);
  }
  for (auto& d : devices_) totals_.faults += d->net->counts();
}

nlohmann::json ConvergenceScenario::subset(const std::vector<std::string>& pool) {
  json out = json::array();
  for (const auto& p : pool)
    if (rng_() % 2) out.push_back(p);
  return out;
}

void ConvergenceScenario::local_write(ScenarioDevice& d) {
  std::vector<Record> live, writable;
  for (const auto& entity : kEntities) {
    RecordQuery q;
    q.entity = entity;
    q.limit = 0;
    auto rows = d.store->reader().list(q);
    REQUIRE(rows.ok());
    for (auto& r : *rows) {
      if (d.may_write(r)) writable.push_back(r);
      live.push_back(std::move(r));
    }
  }
  const auto before = d.ops();
  const int dice = static_cast<int>(rng_() % 100);
  if (writable.empty() || dice < 35) {
    create(d, live);
  } else {
    const Record& target = writable[rng_() % writable.size()];
    if (dice < 47) {
      const Status st = d.store->delete_record(target.id);
      INFO(d.spec.name << " deletes " << target.id << ": " << st.to_string());
      REQUIRE(st.ok());
    } else {
      const Status st = d.store->update_record(target.id, random_changes(target));
      INFO(d.spec.name << " edits " << target.id << ": " << st.to_string());
      REQUIRE(st.ok());
    }
  }
  std::set<std::string> seen;
  for (const auto& [stamp, op] : before) seen.insert(stamp);
  for (auto& [stamp, op] : d.ops()) {
    if (before.count(stamp)) continue;
    REQUIRE(op.hlc.device == d.key.id());
    facts_.push_back(WriteFact{op, seen});
  }
  // Sometimes the write is sealed at once (its own changeset), sometimes it waits and is
  // batched with later ones by the next sync.
  if (rng_() % 2) REQUIRE(d.store->seal_pending(d.key, 1 + rng_() % 4).ok());
}

void ConvergenceScenario::create(ScenarioDevice& d, const std::vector<Record>& live) {
  const std::string& role = d.spec.role;
  int kind = d.spec.name == "tutor2" ? 0 : static_cast<int>(rng_() % 3);  // session, route, step
  std::vector<const Record*> routes;
  for (const auto& r : live)
    if (r.entity == "individual_route") routes.push_back(&r);
  if (kind == 2 && routes.empty()) kind = 1;
  json fields;
  std::string entity;
  if (kind == 0) {
    std::string pair = demo::kPair1;
    if (d.spec.name == "tutor2" || (role == "methodologist" && rng_() % 2)) pair = demo::kPair2;
    entity = "mentoring_session";
    fields = {{"pair_id", pair},
              {"mentor_id", pair == demo::kPair2 ? demo::kTutor2 : demo::kTutor1},
              {"date", "2026-11-" + std::to_string(10 + rng_() % 19)},
              {"format", rng_() % 2 ? "online" : "offline"},
              {"stage", "theory"},
              {"topic", kTopics[rng_() % kTopics.size()]},
              {"mentees", subset(teachers_of(pair))}};
  } else if (kind == 1) {
    entity = "individual_route";
    const std::string teacher = role == "teacher" || rng_() % 2 ? demo::kTeacher1 : demo::kTeacher1b;
    fields = {{"teacher_id", teacher},
              {"tutor_id", demo::kTutor1},
              {"title", "ИОМ: " + kTopics[rng_() % kTopics.size()]},
              {"status", "draft"},
              {"deficits", subset(kDeficits)}};
  } else {
    entity = "route_step";
    const Record& route = *routes[rng_() % routes.size()];
    fields = {{"route_id", route.id},
              {"teacher_id", route.data.value("teacher_id", "")},
              {"title", "Шаг: " + kTopics[rng_() % kTopics.size()]},
              {"due_date", "2026-12-" + std::to_string(10 + rng_() % 19)}};
  }
  auto id = d.store->create_record(entity, fields);
  INFO(d.spec.name << " creates " << entity << " " << fields.dump() << ": " << id.status().to_string());
  REQUIRE(id.ok());
}

nlohmann::json ConvergenceScenario::random_changes(const Record& r) {
  json c = json::object();
  while (c.empty()) {
    if (r.entity == "mentoring_session") {
      if (rng_() % 2) c["topic"] = kTopics[rng_() % kTopics.size()];
      if (rng_() % 3 == 0) c["notes"] = "Заметка " + std::to_string(rng_() % 1000);
      if (rng_() % 4 == 0) c["satisfaction"] = static_cast<int>(rng_() % 5 + 1);
      if (rng_() % 5 == 0) c["format"] = rng_() % 2 ? "online" : "offline";
      if (rng_() % 5 == 0) c["agreed_actions"] = "Пробный урок №" + std::to_string(rng_() % 10);
      if (rng_() % 3 == 0) c["mentees"] = subset(teachers_of(r.data.value("pair_id", "")));
    } else if (r.entity == "individual_route") {
      if (rng_() % 2) c["title"] = "ИОМ: " + kTopics[rng_() % kTopics.size()];
      if (rng_() % 3 == 0) c["status"] = std::vector<std::string>{"draft", "active", "completed"}[rng_() % 3];
      if (rng_() % 3 == 0) c["deficits"] = subset(kDeficits);
    } else {
      if (rng_() % 2) c["title"] = "Шаг: " + kTopics[rng_() % kTopics.size()];
      if (rng_() % 3 == 0) c["note"] = "Отметка " + std::to_string(rng_() % 1000);
      if (rng_() % 3 == 0) c["done"] = rng_() % 2 == 0;
    }
  }
  return c;
}

void ConvergenceScenario::sync(ScenarioDevice& d, bool must_succeed) {
  SyncEngine engine(*d.store, d.key, *d.net, d.settings, [](uint64_t) {});
  auto result = engine.run();
  ++totals_.syncs;
  INFO(d.spec.name << " syncs: " << result.status().to_string());
  if (!result.ok()) {
    // Only the network may stop a sync: a lost answer or a cut one, never a refusal.
    REQUIRE_FALSE(must_succeed);
    const StatusCode code = result.status().code();
    REQUIRE((code == StatusCode::kUnavailable || code == StatusCode::kCorruption));
    ++totals_.failed_syncs;
    return;
  }
  for (const auto& r : result->rejected)
    FAIL_CHECK(d.spec.name << ": op " << r.hlc << " refused: " << r.message);
  for (const auto& c : result->refused_changesets) FAIL_CHECK(d.spec.name << ": " << c);
}

// A device carries changesets of another device (or its own old ones) to the server, a
// few at a time and maybe out of order, as a USB stick or a mentor's laptop would.
void ConvergenceScenario::relay(ScenarioDevice& relayer, ScenarioDevice& source) {
  if (relayer.net->offline()) return;
  const auto frames = source.frames();
  if (frames.empty()) return;
  const size_t start = rng_() % frames.size();
  const size_t end = std::min(frames.size(), start + 1 + rng_() % 4);
  wire::SyncRequest request;
  request.schema = kDomainSchemaVersion;
  const SyncState state = SyncState::load(*relayer.store).value();
  request.cursor = state.cursor;
  request.scope = state.scope;
  request.page_limit = 1;
  for (size_t i = start; i < end; ++i) {
    auto unframed = ChangesetCodec::unframe(frames[i]);
    REQUIRE(unframed.ok());
    for (auto& f : *unframed) request.changesets.push_back(std::move(f));
  }
  if (rng_() % 2) std::shuffle(request.changesets.begin(), request.changesets.end(), rng_);
  const std::string body = wire::encode_sync_request(request);
  const auto sig = wire::sign_request(relayer.key, "POST", "/v1/sync", system_wall_clock_ms(), body);
  auto reply = relayer.link->post("/v1/sync", wire::kSyncContentType, body,
                                  {{wire::kDeviceHeader, sig.device},
                                   {wire::kTimeHeader, std::to_string(sig.time_ms)},
                                   {wire::kSignatureHeader, sig.signature_b64}});
  REQUIRE(reply.ok());
  INFO(relayer.spec.name << " relays for " << source.spec.name << ": " << reply->status << " "
                         << reply->body.substr(0, 300));
  REQUIRE(reply->status == 200);
  const json answer = json::parse(reply->body);
  auto receipt_body = wire::open_document(wire::kReceiptContext, answer.at("receipt"), relayer.server_key);
  REQUIRE(receipt_body.ok());
  auto receipt = wire::receipt_from_json(*receipt_body);
  REQUIRE(receipt.ok());
  REQUIRE(receipt->results.size() == request.changesets.size());
  for (const auto& r : receipt->results) {
    CHECK(r.rejected_ops.empty());
    if (r.outcome == wire::ChangesetOutcome::kAccepted)
      ++totals_.relayed_accepted;
    else if (r.outcome == wire::ChangesetOutcome::kDuplicate)
      ++totals_.relayed_duplicates;
    else {
      CHECK(r.code == "sequence_gap");  // sent ahead of an earlier one: the device sends both later
      ++totals_.relayed_gaps;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The model: the merge rules applied directly to the facts.

RecordMap ConvergenceScenario::model_state() const {
  std::map<std::string, std::map<std::string, std::pair<Hlc, json>>> fields;
  std::map<std::string, std::map<std::string, std::pair<Hlc, bool>>> elements;
  std::map<std::string, RecordView> out;
  for (const auto& f : facts_) {
    const Op& op = f.op;
    auto& view = out[op.id];
    view.entity = op.entity;
    view.deleted = view.deleted || op.kind == OpKind::kDelete;
    for (const auto& [name, value] : op.fields.items()) {
      auto& slot = fields[op.id][name];
      if (slot.first < op.hlc) slot = {op.hlc, value};
    }
    for (const auto& [present, sets] : {std::pair{true, &op.added}, std::pair{false, &op.removed}})
      for (const auto& [name, elems] : *sets)
        for (const auto& e : elems) {
          auto& slot = elements[op.id][name + "\n" + e];
          if (slot.first < op.hlc) slot = {op.hlc, present};
        }
  }
  for (auto& [id, view] : out) {
    view.data = json::object();
    for (const auto& [name, slot] : fields[id])
      if (!slot.second.is_null()) view.data[name] = slot.second;
    for (const auto& [key, slot] : elements[id]) {
      if (!slot.second) continue;
      const auto cut = key.find('\n');
      view.data[key.substr(0, cut)].push_back(key.substr(cut + 1));
    }
  }
  return out;
}

namespace {
// The newest stamp among the ops a writer had seen that touched `field` of `record` (""
// = any field: what a delete's "_record" base names).
template <typename Facts, typename Fact>
std::optional<Hlc> seen_base(const Fact& w, const Facts& facts, const std::string& record,
                             const std::string& field) {
  std::optional<Hlc> best;
  for (const auto& f : facts) {
    if (f.op.id != record || !w.seen_at_write.count(f.op.hlc.str())) continue;
    const bool touches = field.empty() || f.op.fields.contains(field);
    if (touches && (!best || *best < f.op.hlc)) best = f.op.hlc;
  }
  return best;
}
}  // namespace

std::set<ConflictKey> ConvergenceScenario::model_conflicts() const {
  std::set<ConflictKey> out;
  for (const auto& a : facts_)
    for (const auto& b : facts_) {
      if (a.op.id != b.op.id || a.op.hlc.device == b.op.hlc.device) continue;
      if (a.op.kind == OpKind::kUpsert && b.op.kind == OpKind::kUpsert && a.op.hlc < b.op.hlc) {
        for (const auto& [field, value] : a.op.fields.items()) {
          if (!b.op.fields.contains(field)) continue;
          const auto base = seen_base(b, facts_, b.op.id, field);
          if (!base || *base < a.op.hlc)
            out.insert({a.op.id, field, "concurrent_write", a.op.hlc.str(), b.op.hlc.str()});
        }
      }
      if (a.op.kind == OpKind::kUpsert && b.op.kind == OpKind::kDelete) {
        const auto base = seen_base(b, facts_, b.op.id, "");
        if (!base || *base < a.op.hlc)
          out.insert({a.op.id, "*", "edit_of_deleted", a.op.hlc.str(), b.op.hlc.str()});
      }
    }
  return out;
}

// Soundness: every recorded conflict is a pair of writes that truly did not see each other.
std::string ConvergenceScenario::unsound_conflicts(const std::set<ConflictKey>& found) const {
  std::map<std::string, const WriteFact*> by_stamp;
  for (const auto& f : facts_) by_stamp[f.op.hlc.str()] = &f;
  std::ostringstream out;
  for (const auto& [record, field, kind, loser, winner] : found) {
    auto l = by_stamp.find(loser), w = by_stamp.find(winner);
    if (l == by_stamp.end() || w == by_stamp.end())
      out << "\n  " << kind << " names an op nobody wrote";
    else if (w->second->seen_at_write.count(loser) || l->second->seen_at_write.count(winner))
      out << "\n  " << kind << " on " << record << "." << field << ": " << winner << " had seen " << loser;
  }
  return out.str();
}

// ---------------------------------------------------------------------------------------
// The final comparison

bool ConvergenceScenario::check() {
  bool ok = true;
  auto expect_same = [&ok](const std::string& what, const std::string& difference) {
    INFO(what);
    CHECK(difference == "");
    ok = ok && difference.empty();
  };
  const ServerTables server = server_tables(world_->store_address());
  const RecordMap& server_records = server.records;
  const std::set<ConflictKey>& server_conflicts = server.conflicts;

  // The server: the model's state and conflicts, every op exactly once.
  expect_same("the server's records against the model", diff(model_state(), server_records));
  const auto model = model_conflicts();
  expect_same("the server's conflicts against the model", diff(model, server_conflicts));
  expect_same("conflicts between writes that had seen each other", unsound_conflicts(server_conflicts));
  std::vector<std::string> stored = server.op_stamps, written;
  for (const auto& f : facts_) written.push_back(f.op.hlc.str());
  std::sort(written.begin(), written.end());
  CHECK(stored == written);
  ok = ok && stored == written;

  // Each device: exactly what the protocol lets it read, equal to the server's.
  const json registry = demo_registry();
  for (auto& d : devices_) {
    INFO("device " << d->spec.name << " (" << d->spec.role << ")");
    const ExpectedReader reader_of(d->spec, registry);
    RecordMap visible;
    std::set<ConflictKey> visible_conflicts;
    for (const auto& [id, r] : server_records)
      if (reader_of.may_read(r)) visible[id] = r;
    for (const auto& c : server_conflicts)
      if (visible.count(std::get<0>(c))) visible_conflicts.insert(c);
    expect_same("records against the server's, filtered by the device's scope",
                diff(visible, records_of(d->store->reader())));
    expect_same("conflicts against the server's", diff(visible_conflicts, conflicts_of(d->store->reader())));
    auto pending = d->store->outbox().pending();
    REQUIRE(pending.ok());
    CHECK(pending->unsealed_ops == 0);
    CHECK(pending->unacked_changesets == 0);
    CHECK(d->store->rejections(true)->empty());
    ok = ok && pending->unsealed_ops == 0 && pending->unacked_changesets == 0;
  }
  totals_.ops = static_cast<int64_t>(facts_.size());
  totals_.records = static_cast<int64_t>(server_records.size());
  for (const auto& c : server_conflicts)
    ++(std::get<2>(c) == "concurrent_write" ? totals_.concurrent_writes : totals_.edits_of_deleted);
  return ok;
}

}  // namespace nastavnik::testing
