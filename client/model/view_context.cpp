#include "client/model/view_context.h"

#include "shared/i18n/localized_text.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "shared/domain/schema.h"

namespace nastavnik::model {

using nlohmann::json;

Result<Directory> Directory::load(RecordCache& records) {
  Directory d;
  NASTAVNIK_ASSIGN_OR_RETURN(const auto* people, records.all("person"));
  NASTAVNIK_ASSIGN_OR_RETURN(const auto* schools, records.all("school"));
  NASTAVNIK_ASSIGN_OR_RETURN(const auto* pairs, records.all("pair"));
  d.people_ = *people;
  d.schools_ = *schools;
  d.pairs_ = *pairs;
  for (const auto& p : d.people_) d.person_names_[p.id] = text_field(p, "full_name");
  for (const auto& s : d.schools_) {
    d.school_full_names_[s.id] = text_field(s, "name");
    const std::string short_name = text_field(s, "short_name");
    d.school_names_[s.id] = short_name.empty() ? text_field(s, "name") : short_name;
  }
  for (const auto& p : d.pairs_)
    d.pair_schools_[p.id] = {text_field(p, "low_school_id"), text_field(p, "partner_school_id")};
  for (const auto& p : d.pairs_) {
    const view::PairRef ref = d.pair(p.id);
    d.pair_labels_[p.id] = ref.low_school + " — " + ref.partner_school;
  }
  return d;
}

std::string Directory::person_name(const std::string& id) const {
  if (id.empty()) return "";
  auto it = person_names_.find(id);
  return it != person_names_.end() && !it->second.empty() ? it->second : view::kNameElsewhere;
}

view::PersonRef Directory::person(const std::string& id) const { return {id, person_name(id)}; }

std::string Directory::school_name(const std::string& id) const {
  if (id.empty()) return "";
  auto it = school_names_.find(id);
  return it != school_names_.end() && !it->second.empty() ? it->second : view::kNameElsewhere;
}

std::string Directory::school_full_name(const std::string& id) const {
  if (id.empty()) return "";
  auto it = school_full_names_.find(id);
  return it != school_full_names_.end() && !it->second.empty() ? it->second : school_name(id);
}

view::PairRef Directory::pair(const std::string& id) const {
  view::PairRef ref;
  ref.id = id;
  auto it = pair_schools_.find(id);
  if (it == pair_schools_.end()) return ref;
  ref.low_school = school_name(it->second.first);
  ref.partner_school = school_name(it->second.second);
  ref.low_school_full = school_full_name(it->second.first);
  ref.partner_school_full = school_full_name(it->second.second);
  return ref;
}

std::string Directory::pair_label(const std::string& id) const {
  if (id.empty()) return "";
  auto it = pair_labels_.find(id);
  return it != pair_labels_.end() ? it->second : view::kNameElsewhere;
}

std::string text_field(const Record& record, const std::string& field) {
  auto it = record.data.find(field);
  return it != record.data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_field(const Record& record, const std::string& field, int fallback) {
  auto it = record.data.find(field);
  return it != record.data.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::vector<std::string> list_field(const Record& record, const std::string& field) {
  std::vector<std::string> out;
  auto it = record.data.find(field);
  if (it == record.data.end() || !it->is_array()) return out;
  for (const auto& e : *it)
    if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

std::string record_title(const Record& record) {
  const EntitySchema* entity = DomainSchema::instance().entity(record.entity);
  return entity && !entity->title_field.empty() ? text_field(record, entity->title_field) : "";
}

std::string shown_title(const ViewContext& ctx, const Record& record) {
  if (record.entity == "self_assessment") {
    const Instrument* in = ctx.instruments.find(text_field(record, "instrument_id"), int_field(record, "instrument_version"));
    if (!in) in = ctx.instruments.latest(text_field(record, "instrument_id"));
    return in ? localized(in->title, ctx.lang) : std::string();
  }
  if (record.entity == "pair") return ctx.directory.pair_label(record.id);
  if (record.entity == "assignment") return ctx.directory.person_name(text_field(record, "mentor_id"));
  return record_title(record);
}

std::string record_date(const Record& record) {
  const EntitySchema* entity = DomainSchema::instance().entity(record.entity);
  return entity && !entity->date_field.empty() ? text_field(record, entity->date_field) : "";
}

void count_stage(view::StageProgress& progress, const Record& session) {
  const auto* stages = DomainSchema::instance().enum_values("session_stage");
  if (!stages) return;
  progress.sessions.resize(stages->size(), 0);
  auto it = std::find(stages->begin(), stages->end(), text_field(session, "stage"));
  if (it == stages->end()) return;
  ++progress.sessions[static_cast<size_t>(it - stages->begin())];
  progress.last_date = std::max(progress.last_date, record_date(session));
}

std::string stamp_device(const std::string& hlc) {
  auto stamp = Hlc::parse(hlc);
  return stamp.ok() ? stamp->device : std::string();
}

std::string localized(const json& texts, const std::string& lang) { return localized_text(texts, lang); }

namespace {

// The same test as the replica's indexes: a person field naming `person` (string or list).
bool names_person(const EntitySchema& entity, const Record& r, const std::string& person) {
  for (const auto& field : entity.person_fields) {
    auto it = r.data.find(field);
    if (it == r.data.end()) continue;
    if (it->is_string() && it->get<std::string>() == person) return true;
    if (it->is_array())
      for (const auto& e : *it)
        if (e.is_string() && e.get<std::string>() == person) return true;
  }
  return false;
}

std::string indexed(const Record& r, const std::string& field) { return field.empty() ? "" : text_field(r, field); }

}  // namespace

Status for_each_record(const ViewContext& ctx, const RecordQuery& q, const std::function<void(const Record&)>& fn) {
  const EntitySchema* entity = DomainSchema::instance().entity(q.entity);
  if (!entity) return Status::InvalidArgument("unknown kind of record '" + q.entity + "'");
  NASTAVNIK_ASSIGN_OR_RETURN(const auto* rows, ctx.records.all(q.entity));
  for (const auto& r : *rows) {
    if (!q.pair_id.empty() && indexed(r, entity->pair_field) != q.pair_id) continue;
    if (!q.school_id.empty() && indexed(r, entity->school_field) != q.school_id) continue;
    if (!q.date_from.empty() || !q.date_to.empty()) {
      // Like SQL on a NULL date key: an undated record matches no date bound.
      const std::string d = indexed(r, entity->date_field);
      if (d.empty() || (!q.date_from.empty() && d < q.date_from) || (!q.date_to.empty() && d > q.date_to)) continue;
    }
    if (!q.person_id.empty() && !names_person(*entity, r, q.person_id)) continue;
    fn(r);
  }
  return Status::Ok();
}

std::string add_days(const std::string& date, int days) {
  using namespace std::chrono;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return "";
  int y = 0;
  unsigned m = 0, d = 0;
  try {
    y = std::stoi(date.substr(0, 4));
    m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
    d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  } catch (const std::exception&) {
    return "";
  }
  const year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return "";
  const year_month_day out{sys_days{ymd} + std::chrono::days{days}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
  return buf;
}

std::string local_date(uint64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace nastavnik::model
