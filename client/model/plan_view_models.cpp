// What is planned: individual routes (ИОМ) with their steps, the roadmap, and the pickers
// of pairs and people that the forms use.

#include <algorithm>
#include <map>

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

view::RouteStepView step_view(const Record& r) {
  view::RouteStepView s;
  s.id = r.id;
  s.title = text_field(r, "title");
  s.deficit = text_field(r, "deficit");
  s.due_date = text_field(r, "due_date");
  s.note = text_field(r, "note");
  auto done = r.data.find("done");
  s.done = done != r.data.end() && done->is_boolean() && done->get<bool>();
  return s;
}

// By due date, undated steps last, then by id so the order is stable.
bool step_before(const view::RouteStepView& a, const view::RouteStepView& b) {
  if (a.due_date.empty() != b.due_date.empty()) return b.due_date.empty();
  return std::tie(a.due_date, a.id) < std::tie(b.due_date, b.id);
}

}  // namespace

Result<std::vector<view::RouteView>> route_views(const ViewContext& ctx) {
  std::map<std::string, std::vector<view::RouteStepView>> steps;  // by route id
  RecordQuery sq;
  sq.entity = "route_step";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, sq, [&](const Record& r) {
    steps[text_field(r, "route_id")].push_back(step_view(r));
  }));
  std::vector<view::RouteView> out;
  RecordQuery rq;
  rq.entity = "individual_route";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, rq, [&](const Record& r) {
    view::RouteView v;
    v.id = r.id;
    v.title = text_field(r, "title");
    v.status = text_field(r, "status");
    v.teacher = ctx.directory.person(text_field(r, "teacher_id"));
    v.tutor = ctx.directory.person(text_field(r, "tutor_id"));
    v.deficits = list_field(r, "deficits");
    if (auto it = steps.find(r.id); it != steps.end()) v.steps = std::move(it->second);
    std::sort(v.steps.begin(), v.steps.end(), step_before);
    const auto done = std::count_if(v.steps.begin(), v.steps.end(), [](const auto& s) { return s.done; });
    v.progress = v.steps.empty() ? 0.0 : static_cast<double>(done) / static_cast<double>(v.steps.size());
    out.push_back(std::move(v));
  }));
  std::sort(out.begin(), out.end(), [](const view::RouteView& a, const view::RouteView& b) {
    return std::tie(a.teacher.name, a.title, a.id) < std::tie(b.teacher.name, b.title, b.id);
  });
  return out;
}

Result<std::vector<view::RoadmapRow>> roadmap_rows(const ViewContext& ctx) {
  std::vector<view::RoadmapRow> out;
  RecordQuery q;
  q.entity = "roadmap_event";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    view::RoadmapRow row;
    row.id = r.id;
    row.title = text_field(r, "title");
    row.planned_date = text_field(r, "planned_date");
    row.format = text_field(r, "format");
    row.status = text_field(r, "status");
    row.pair_label = ctx.directory.pair_label(text_field(r, "pair_id"));
    row.responsible_id = text_field(r, "responsible_id");
    row.responsible_name = ctx.directory.person_name(row.responsible_id);
    row.school_id = text_field(r, "school_id");
    row.report = text_field(r, "report");
    row.participants = static_cast<int>(list_field(r, "participants").size());
    out.push_back(std::move(row));
  }));
  std::sort(out.begin(), out.end(), [](const view::RoadmapRow& a, const view::RoadmapRow& b) {
    return std::tie(a.planned_date, a.id) < std::tie(b.planned_date, b.id);
  });
  return out;
}

std::vector<view::PairRef> pair_refs(const ViewContext& ctx) {
  std::vector<view::PairRef> out;
  for (const auto& p : ctx.directory.pairs()) out.push_back(ctx.directory.pair(p.id));
  std::sort(out.begin(), out.end(), [](const view::PairRef& a, const view::PairRef& b) {
    return std::tie(a.low_school, a.partner_school, a.id) < std::tie(b.low_school, b.partner_school, b.id);
  });
  return out;
}

std::vector<view::PersonRef> person_refs(const ViewContext& ctx) {
  std::vector<view::PersonRef> out;
  for (const auto& p : ctx.directory.people()) out.push_back(ctx.directory.person(p.id));
  std::sort(out.begin(), out.end(), [](const view::PersonRef& a, const view::PersonRef& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  return out;
}

}  // namespace nastavnik::model
