// The registry as methodologists keep it (schools, people, pairs, mentor assignments), and
// one record opened for editing.

#include <algorithm>
#include <map>

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

bool flag(const Record& r, const char* field) {
  auto it = r.data.find(field);
  return it != r.data.end() && it->is_boolean() && it->get<bool>();
}

std::optional<double> number(const Record& r, const char* field) {
  auto it = r.data.find(field);
  if (it == r.data.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::vector<view::PairRow> pair_rows(const ViewContext& ctx, const std::vector<view::AssignmentRow>& assignments) {
  std::map<std::string, int> assigned;
  for (const auto& a : assignments) ++assigned[a.pair_id];
  std::vector<view::PairRow> rows;
  for (const auto& p : ctx.directory.pairs()) {
    view::PairRow row;
    row.id = p.id;
    row.label = ctx.directory.pair_label(p.id);
    row.low_school_name = ctx.directory.school_name(text_field(p, "low_school_id"));
    row.partner_school_name = ctx.directory.school_name(text_field(p, "partner_school_id"));
    row.low_school_full = ctx.directory.school_full_name(text_field(p, "low_school_id"));
    row.partner_school_full = ctx.directory.school_full_name(text_field(p, "partner_school_id"));
    row.problem_zones = list_field(p, "problem_zones");
    row.model = text_field(p, "model");
    row.direction = text_field(p, "direction");
    row.agreement_number = text_field(p, "agreement_number");
    row.agreement_date = text_field(p, "agreement_date");
    row.assignments = assigned[p.id];
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return std::tie(a.label, a.id) < std::tie(b.label, b.id); });
  return rows;
}

}  // namespace

Result<view::RegistryData> registry_data(const ViewContext& ctx) {
  view::RegistryData out;
  std::map<std::string, std::string> municipality_names;
  NASTAVNIK_ASSIGN_OR_RETURN(const auto* municipalities, ctx.records.all("municipality"));
  for (const auto& m : *municipalities) {
    municipality_names[m.id] = text_field(m, "name");
    out.municipalities.push_back({m.id, text_field(m, "name")});
  }
  std::sort(out.municipalities.begin(), out.municipalities.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });

  std::map<std::string, int> people_at;  // school id -> people
  for (const auto& p : ctx.directory.people()) {
    view::PersonRow row;
    row.id = p.id;
    row.name = text_field(p, "full_name");
    row.school_id = text_field(p, "school_id");
    row.school_name = row.school_id.empty() ? "" : ctx.directory.school_name(row.school_id);
    row.subject = text_field(p, "subject");
    row.position = text_field(p, "position");
    row.roles = list_field(p, "roles");
    if (!row.school_id.empty()) ++people_at[row.school_id];
    out.people.push_back(std::move(row));
  }
  std::sort(out.people.begin(), out.people.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });

  for (const auto& s : ctx.directory.schools()) {
    view::SchoolRow row;
    row.id = s.id;
    row.name = text_field(s, "name");
    row.short_name = text_field(s, "short_name");
    row.municipality_id = text_field(s, "municipality_id");
    if (auto it = municipality_names.find(row.municipality_id); it != municipality_names.end())
      row.municipality_name = it->second;
    row.address = text_field(s, "address");
    row.low_results = flag(s, "low_results");
    row.difficult_social = flag(s, "difficult_social");
    row.leader = flag(s, "leader");
    row.resource_center = flag(s, "resource_center");
    row.ior = number(s, "ior");
    row.social_index = number(s, "social_index");
    row.ior_quartile = int_field(s, "ior_quartile");
    row.people = people_at[s.id];
    out.schools.push_back(std::move(row));
  }
  std::sort(out.schools.begin(), out.schools.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });

  RecordQuery q;
  q.entity = "assignment";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    view::AssignmentRow row;
    row.id = r.id;
    row.pair_id = text_field(r, "pair_id");
    row.pair_label = ctx.directory.pair_label(row.pair_id);
    row.kind = text_field(r, "kind");
    row.mentor_id = text_field(r, "mentor_id");
    row.mentor_name = ctx.directory.person_name(row.mentor_id);
    row.mode = text_field(r, "mode");
    row.start_date = text_field(r, "start_date");
    for (const auto& id : list_field(r, "mentee_ids"))
      row.mentee_names.push_back(ctx.directory.person_name(id));
    std::sort(row.mentee_names.begin(), row.mentee_names.end());
    out.assignments.push_back(std::move(row));
  }));
  std::stable_sort(out.assignments.begin(), out.assignments.end(), [](const auto& a, const auto& b) {
    return std::tie(a.pair_label, a.start_date, a.mentor_name, a.id) <
           std::tie(b.pair_label, b.start_date, b.mentor_name, b.id);
  });
  out.pairs = pair_rows(ctx, out.assignments);
  return out;
}

namespace {

std::string value_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

view::HistoryRow history_row(const ViewContext& ctx, const replica::HistoryEntry& e, bool first) {
  view::HistoryRow row;
  row.time_ms = e.op.hlc.ms;
  row.author_name = e.op.author.empty() ? "" : ctx.directory.person_name(e.op.author);
  row.kind = e.op.kind == OpKind::kDelete ? "deleted" : first && e.op.bases.empty() ? "created" : "changed";
  for (const auto& [field, value] : e.op.fields.items()) row.fields.emplace_back(field, value.is_null() ? "" : value_text(value));
  for (const auto& [field, elements] : e.op.added)
    for (const auto& element : elements) row.fields.emplace_back(field, "+ " + element);
  for (const auto& [field, elements] : e.op.removed)
    for (const auto& element : elements) row.fields.emplace_back(field, "− " + element);
  row.written_here = e.written_here;
  row.delivered = e.delivered;
  row.untrusted = !e.flag.empty();
  row.refusal = e.refusal;
  return row;
}

}  // namespace

Result<std::vector<view::HistoryRow>> history_rows(const ViewContext& ctx, const std::string& id) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto entries, ctx.store.history(id));
  std::vector<view::HistoryRow> rows;
  for (size_t i = 0; i < entries.size(); ++i) rows.push_back(history_row(ctx, entries[i], i == 0));
  return rows;
}

Result<view::OpenedRecord> opened_record(const ViewContext& ctx, const std::string& id) {
  view::OpenedRecord out;
  out.id = id;
  if (id.empty()) return out;
  auto record = ctx.store.reader().get(id);
  if (!record.ok()) {
    if (record.status().code() == StatusCode::kNotFound) return out;
    return record.status();
  }
  out.entity = record->entity;
  if (record->deleted) return out;
  out.found = true;
  out.fields = record->data.is_object() ? record->data : nlohmann::json::object();
  NASTAVNIK_ASSIGN_OR_RETURN(out.history, history_rows(ctx, id));
  return out;
}

}  // namespace nastavnik::model
