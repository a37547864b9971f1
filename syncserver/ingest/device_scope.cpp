#include "syncserver/ingest/device_scope.h"

#include "shared/crypto/sodium.h"
#include "shared/domain/schema.h"
#include "syncserver/ingest/feed_tags.h"

namespace nastavnik::server {
namespace {

using nlohmann::json;

std::string text(const json& record, const char* field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool contains(const json& record, const char* field, const std::string& value) {
  auto it = record.find(field);
  if (it == record.end() || value.empty()) return false;
  if (it->is_string()) return it->get<std::string>() == value;
  if (it->is_array())
    for (const auto& e : *it)
      if (e.is_string() && e.get<std::string>() == value) return true;
  return false;
}

Status deny(const std::string& why) { return Status::PermissionDenied(why); }

}  // namespace

json apply_to_record(const json& before, const Op& op) {
  json after = before.is_object() ? before : json::object();
  for (const auto& [k, v] : op.fields.items()) {
    if (v.is_null()) after.erase(k);
    else after[k] = v;
  }
  for (const auto& [k, elems] : op.added)
    for (const auto& e : elems)
      if (!contains(after, k.c_str(), e)) after[k].push_back(e);
  for (const auto& [k, elems] : op.removed) {
    if (!after.contains(k) || !after[k].is_array()) continue;
    json kept = json::array();
    for (const auto& e : after[k])
      if (!e.is_string() || !elems.count(e.get<std::string>())) kept.push_back(e);
    after[k] = kept;
  }
  return after;
}

DeviceScope DeviceScope::build(const Device& device, const RegistrySnapshot& registry) {
  DeviceScope s;
  s.actor_ = Actor{device.person_id, device.roles, device.school_id};
  s.write_all_ = device.roles.count("methodologist") != 0;
  s.read_all_ = s.write_all_ || device.roles.count("municipal_office") != 0;
  s.read_only_ = !s.write_all_ && device.roles.size() == 1 && device.roles.count("municipal_office");
  const std::string& me = device.person_id;
  if (!device.school_id.empty()) s.schools_.insert(device.school_id);
  for (const auto& [id, pair] : registry.pairs()) {
    const std::string low = text(pair, "low_school_id"), partner = text(pair, "partner_school_id");
    if (!device.school_id.empty() && (low == device.school_id || partner == device.school_id)) s.pairs_.insert(id);
  }
  std::set<std::string> mentored_pairs;  // pairs in which the person mentors someone
  for (const auto& [id, a] : registry.assignments()) {
    const bool mentor = !me.empty() && text(a, "mentor_id") == me;
    if (mentor || contains(a, "mentee_ids", me)) s.pairs_.insert(text(a, "pair_id"));
    if (mentor) mentored_pairs.insert(text(a, "pair_id"));
  }
  // A mentor reviews the pair as a whole: the deficits of every mentee of it, not only of
  // the ones assigned to them (a leader-leader mentor and the pair's teachers' tutors work
  // on one pair).
  for (const auto& [id, a] : registry.assignments())
    if (mentored_pairs.count(text(a, "pair_id")) && a.contains("mentee_ids"))
      for (const auto& m : a["mentee_ids"]) s.mentees_.insert(m.get<std::string>());
  for (const auto& pair_id : s.pairs_) {
    auto it = registry.pairs().find(pair_id);
    if (it == registry.pairs().end()) continue;
    s.schools_.insert(text(it->second, "low_school_id"));
    s.schools_.insert(text(it->second, "partner_school_id"));
  }
  s.people_.insert(me);
  for (const auto& [id, person] : registry.people())
    if (s.schools_.count(text(person, "school_id"))) s.people_.insert(id);
  for (const auto& [id, a] : registry.assignments()) {
    if (!s.pairs_.count(text(a, "pair_id"))) continue;
    s.people_.insert(text(a, "mentor_id"));
    if (a.contains("mentee_ids"))
      for (const auto& m : a["mentee_ids"]) s.people_.insert(m.get<std::string>());
  }
  s.schools_.erase("");
  s.people_.erase("");
  return s;
}

const std::vector<std::string>& DeviceScope::read_fields() { return DomainSchema::instance().read_policy_fields(); }

bool DeviceScope::holds(const ReadRule& rule, const std::string& id, const json& r) const {
  if (!rule.role.empty() && !actor_.has(rule.role)) return false;
  if (!rule.empty_field.empty() && !text(r, rule.empty_field.c_str()).empty()) return false;
  const auto in_set = [&](const std::string& value) {
    switch (rule.in) {
      case ScopeSet::kEveryone: return true;
      case ScopeSet::kMe: return !actor_.person_id.empty() && value == actor_.person_id;
      case ScopeSet::kMySchool: return !actor_.school_id.empty() && value == actor_.school_id;
      case ScopeSet::kMyPairs: return pairs_.count(value) != 0;
      case ScopeSet::kMySchools: return schools_.count(value) != 0;
      case ScopeSet::kMyPeople: return people_.count(value) != 0;
      case ScopeSet::kMyMentees: return mentees_.count(value) != 0;
    }
    return false;
  };
  if (rule.in == ScopeSet::kEveryone) return true;
  if (rule.field.empty()) return in_set(id);
  auto it = r.find(rule.field);
  if (it == r.end()) return false;
  if (it->is_string()) return in_set(it->get<std::string>());
  if (it->is_array())
    for (const auto& e : *it)
      if (e.is_string() && in_set(e.get<std::string>())) return true;
  return false;
}

bool DeviceScope::can_read(const std::string& entity, const std::string& id, const json& r) const {
  const EntitySchema* schema = DomainSchema::instance().entity(entity);
  if (!schema || schema->since_schema > reader_schema_) return false;
  if (read_all_) return true;
  const std::string& me = actor_.person_id;
  if (!me.empty() && text(r, kCreatedByField) == me) return true;
  for (const ReadRule& rule : schema->read_rules)
    if (holds(rule, id, r)) return true;
  return false;
}

std::vector<std::string> DeviceScope::read_tags() const {
  using feed_tags::member;
  std::set<std::string> tags = {feed_tags::kEveryone};
  if (!actor_.person_id.empty()) tags.insert(member(ScopeSet::kMe, actor_.person_id));
  if (!actor_.school_id.empty()) tags.insert(member(ScopeSet::kMySchool, actor_.school_id));
  const std::pair<ScopeSet, const std::set<std::string>*> sets[] = {
      {ScopeSet::kMyPairs, &pairs_}, {ScopeSet::kMySchools, &schools_}, {ScopeSet::kMyPeople, &people_},
      {ScopeSet::kMyMentees, &mentees_}};
  for (const auto& [set, members] : sets)
    for (const auto& m : *members) tags.insert(member(set, m));
  return {tags.begin(), tags.end()};
}

Status DeviceScope::can_write(const Op& op, const std::optional<Record>& before) const {
  if (read_only_) return deny("the municipal office's devices are read-only");
  if (op.author != actor_.person_id)
    return deny("the op is signed by this device but names another author");
  const EntitySchema* entity = DomainSchema::instance().entity(op.entity);
  if (!entity) return deny("unknown kind of record '" + op.entity + "'");
  // A deleted record keeps its last fields, and they decide: an edit or delete made before
  // the writer learnt of a delete is judged like one made just before it (it merges as an
  // edit_of_deleted conflict), not as a write to a record of nobody's pairs.
  const json current = before ? before->data : json::object();
  if (before && before->entity != op.entity)
    return deny("record " + op.id + " is a " + before->entity + ", not a " + op.entity);
  if (op.fields.contains(kCreatedByField)) {
    const json& claimed = op.fields[kCreatedByField];
    if (before && current.contains(kCreatedByField) && current[kCreatedByField] != claimed)
      return deny("the author of a record cannot be changed");
    if (!before && claimed != actor_.person_id) return deny("a record must be created in its author's own name");
  }
  const json after = op.kind == OpKind::kDelete ? current : apply_to_record(current, op);
  if (before) NASTAVNIK_RETURN_IF_ERROR(check_write(actor_, *entity, current));
  NASTAVNIK_RETURN_IF_ERROR(check_write(actor_, *entity, after));
  if (write_all_) return Status::Ok();
  const std::string pair = text(after, "pair_id");
  if (!pair.empty() && !pairs_.count(pair)) return deny("pair " + pair.substr(0, 8) + "… is not one you work with");
  if (before && !can_read(op.entity, op.id, current))
    return deny("this " + op.entity + " is outside the pairs and school you work with");
  if (!can_read(op.entity, op.id, after))
    return deny("this " + op.entity + " would be outside the pairs and school you work with");
  return Status::Ok();
}

std::string DeviceScope::fingerprint() const {
  json j = {{"all", read_all_}, {"pairs", pairs_}, {"schools", schools_}, {"people", people_},
            {"mentees", mentees_}, {"roles", actor_.roles}};
  // Schema 2 fingerprints stay as they were, so a server upgrade alone resets no device.
  if (reader_schema_ > 2) j["schema"] = reader_schema_;
  return crypto::hash_hex(j.dump()).substr(0, 32);
}

}  // namespace nastavnik::server
