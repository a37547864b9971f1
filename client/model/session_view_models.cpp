// Mentoring sessions and lesson visits: the two logs tutors and mentors keep.

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

view::SessionRow session_row(const ViewContext& ctx, const Record& r) {
  view::SessionRow row;
  row.id = r.id;
  row.date = text_field(r, "date");
  row.topic = text_field(r, "topic");
  row.format = text_field(r, "format");
  row.stage = text_field(r, "stage");
  row.pair_label = ctx.directory.pair_label(text_field(r, "pair_id"));
  row.mentor_name = ctx.directory.person_name(text_field(r, "mentor_id"));
  row.mentees = static_cast<int>(list_field(r, "mentees").size());
  return row;
}

// Mean of the numbers in an observation protocol's scores ({item id: score}); 0 when none.
double mean_score(const nlohmann::json& scores) {
  if (!scores.is_object()) return 0;
  double sum = 0;
  int n = 0;
  for (const auto& [item, value] : scores.items()) {
    if (!value.is_number()) continue;
    sum += value.get<double>();
    ++n;
  }
  return n == 0 ? 0 : sum / n;
}

}  // namespace

Result<view::SessionList> session_list(const ViewContext& ctx, const view::SessionFilter& filter) {
  view::SessionList list;
  list.filter = filter;
  RecordQuery q;
  q.entity = "mentoring_session";
  q.pair_id = filter.pair_id;
  q.person_id = filter.person_id;
  q.date_from = filter.date_from;
  q.date_to = filter.date_to;
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    if (!filter.format.empty() && text_field(r, "format") != filter.format) return;
    list.rows.push_back(session_row(ctx, r));
  }));
  list.total = static_cast<int64_t>(list.rows.size());
  return list;
}

Result<std::vector<view::VisitRow>> visit_rows(const ViewContext& ctx) {
  std::vector<view::VisitRow> rows;
  RecordQuery q;
  q.entity = "lesson_visit";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    view::VisitRow row;
    row.id = r.id;
    row.date = text_field(r, "date");
    row.subject = text_field(r, "subject");
    row.host_school = ctx.directory.school_name(text_field(r, "host_school_id"));
    row.visitor_name = ctx.directory.person_name(text_field(r, "visitor_id"));
    row.teacher_name = ctx.directory.person_name(text_field(r, "teacher_id"));
    row.grade = int_field(r, "grade");
    row.mean_score = mean_score(r.data.value("scores", nlohmann::json()));
    row.follow_up_date = text_field(r, "follow_up_date");
    rows.push_back(std::move(row));
  }));
  return rows;
}

}  // namespace nastavnik::model
