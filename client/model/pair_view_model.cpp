// The pair card a mentor reviews: plan vs done by month, the pair's timeline, the mentees'
// deficit trends and the reviews written so far.

#include <algorithm>
#include <map>
#include <set>

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

// Only well-formed dates count: a month walk must be able to step from one to the next.
std::string month_of(const std::string& date) { return add_days(date, 0).empty() ? "" : date.substr(0, 7); }

// "YYYY-MM" of the month after `month` (a month of a validated date).
std::string next_month(const std::string& month) { return add_days(month + "-28", 4).substr(0, 7); }

// Every month from the first to the last one that has activity, so a chart has no gaps.
std::vector<view::MonthActivity> contiguous(const std::map<std::string, view::MonthActivity>& by_month) {
  std::vector<view::MonthActivity> out;
  if (by_month.empty()) return out;
  const std::string last = by_month.rbegin()->first;
  for (std::string m = by_month.begin()->first; !m.empty() && m <= last; m = next_month(m)) {
    auto it = by_month.find(m);
    view::MonthActivity a = it != by_month.end() ? it->second : view::MonthActivity{};
    a.month = m;
    out.push_back(a);
  }
  return out;
}

std::vector<view::PersonRef> named(const ViewContext& ctx, const std::set<std::string>& ids) {
  std::vector<view::PersonRef> out;
  for (const auto& id : ids) out.push_back(ctx.directory.person(id));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
  return out;
}

RecordQuery of_pair(const std::string& entity, const std::string& pair_id) {
  RecordQuery q;
  q.entity = entity;
  q.pair_id = pair_id;
  return q;
}

}  // namespace

Result<view::PairCard> pair_card(const ViewContext& ctx, const std::string& pair_id) {
  const auto& pairs = ctx.directory.pairs();
  auto pair = std::find_if(pairs.begin(), pairs.end(), [&](const Record& r) { return r.id == pair_id; });
  if (pair == pairs.end()) return Status::NotFound("no pair with id " + pair_id + " in this replica");
  view::PairCard card;
  card.pair = ctx.directory.pair(pair_id);
  card.problem_zones = list_field(*pair, "problem_zones");
  card.topics = list_field(*pair, "topics");
  card.model = text_field(*pair, "model");
  card.direction = text_field(*pair, "direction");
  card.agreement_number = text_field(*pair, "agreement_number");
  card.agreement_date = text_field(*pair, "agreement_date");
  card.period_start = text_field(*pair, "period_start");
  card.period_end = text_field(*pair, "period_end");

  std::set<std::string> mentors, mentees;
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, of_pair("assignment", pair_id), [&](const Record& r) {
    const std::string mentor = text_field(r, "mentor_id");
    if (!mentor.empty()) mentors.insert(mentor);
    for (const auto& m : list_field(r, "mentee_ids")) mentees.insert(m);
    card.timeline.push_back({text_field(r, "start_date"), r.entity, r.id, ctx.directory.person_name(mentor)});
  }));
  card.mentors = named(ctx, mentors);
  card.mentees = named(ctx, mentees);

  std::map<std::string, view::MonthActivity> months;
  auto add = [&](const Record& r) { card.timeline.push_back({record_date(r), r.entity, r.id, shown_title(ctx, r)}); };
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, of_pair("roadmap_event", pair_id), [&](const Record& r) {
    const std::string status = text_field(r, "status");
    const std::string month = month_of(text_field(r, "planned_date"));
    if (status != "cancelled" && !month.empty()) ++months[month].events_planned;
    if (status == "done" && !month.empty()) ++months[month].events_done;
    add(r);
  }));
  view::StageProgress pair_stages{pair_id, ctx.directory.pair_label(pair_id), {}, ""};
  std::map<std::string, view::StageProgress> mentee_stages;
  for (const auto& m : card.mentees) mentee_stages[m.id] = view::StageProgress{m.id, m.name, {}, ""};
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, of_pair("mentoring_session", pair_id), [&](const Record& r) {
    if (const std::string m = month_of(record_date(r)); !m.empty()) ++months[m].sessions;
    add(r);
    count_stage(pair_stages, r);
    for (const auto& mentee : list_field(r, "mentees"))
      if (auto it = mentee_stages.find(mentee); it != mentee_stages.end()) count_stage(it->second, r);
  }));
  count_stage(pair_stages, Record{});  // sized even when the pair held no session
  card.stages.push_back(std::move(pair_stages));
  for (const auto& m : card.mentees) {
    view::StageProgress& p = mentee_stages[m.id];
    count_stage(p, Record{});
    card.stages.push_back(std::move(p));
  }
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, of_pair("lesson_visit", pair_id), [&](const Record& r) {
    if (const std::string m = month_of(record_date(r)); !m.empty()) ++months[m].visits;
    add(r);
  }));
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, of_pair("pair_review", pair_id), [&](const Record& r) {
    card.reviews.push_back({r.entity, r.id, record_date(r), text_field(r, "summary")});
    add(r);
  }));
  card.plan_vs_done = contiguous(months);
  std::sort(card.timeline.begin(), card.timeline.end(), [](const auto& a, const auto& b) {
    return std::tie(b.date, a.entity, a.record_id) < std::tie(a.date, b.entity, b.record_id);
  });

  for (const auto& mentee : card.mentees) {
    NASTAVNIK_ASSIGN_OR_RETURN(view::AssessmentTrend trend, assessment_trend(ctx, mentee.id, kDeficitInstrument));
    if (!trend.dates.empty()) card.mentee_trends.push_back(std::move(trend));
  }
  return card;
}

}  // namespace nastavnik::model
