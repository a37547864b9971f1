#include "client/ui/export/table_export.h"

#include <sstream>

#include "client/model/shown_name.h"
#include "shared/core/csv_writer.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

namespace nastavnik::ui {
namespace {

// Names and numbers as the screen shows them; numbers with the language's decimal
// separator and no grouping, so that a spreadsheet reads them as numbers.
std::string name(const Catalog& t, const std::string& n) { return view::shown_name(t, n); }

CsvTable sessions_table(const AppSnapshot& s, const Catalog& t) {
  CsvTable out;
  out.header = {t.field_label("mentoring_session", "date"),
                t.field_label("mentoring_session", "topic"),
                t.field_label("mentoring_session", "format"),
                t.field_label("mentoring_session", "stage"),
                t.field_label("mentoring_session", "pair_id"),
                t.field_label("mentoring_session", "mentor_id"),
                t.tr("ui.sessions.col_mentees")};
  out.rows.reserve(s.sessions.rows.size());
  for (const auto& r : s.sessions.rows)
    out.rows.push_back({r.date, r.topic, t.enum_label("mode", r.format),
                        t.enum_label("session_stage", r.stage), name(t, r.pair_label), name(t, r.mentor_name),
                        std::to_string(r.mentees)});
  return out;
}

CsvTable visits_table(const AppSnapshot& s, const Catalog& t) {
  CsvTable out;
  out.header = {t.field_label("lesson_visit", "date"),
                t.field_label("lesson_visit", "subject"),
                t.field_label("lesson_visit", "grade"),
                t.field_label("lesson_visit", "host_school_id"),
                t.field_label("lesson_visit", "teacher_id"),
                t.field_label("lesson_visit", "visitor_id"),
                t.tr("ui.visits.col_mean"),
                t.field_label("lesson_visit", "follow_up_date")};
  for (const auto& v : s.visits)
    out.rows.push_back({v.date, v.subject, v.grade > 0 ? std::to_string(v.grade) : "", name(t, v.host_school),
                        name(t, v.teacher_name), name(t, v.visitor_name), v.mean_score > 0 ? t.number(v.mean_score, 2, false) : "",
                        v.follow_up_date});
  return out;
}

CsvTable roadmap_table(const AppSnapshot& s, const Catalog& t) {
  CsvTable out;
  out.header = {
      t.field_label("roadmap_event", "planned_date"), t.field_label("roadmap_event", "title"),
      t.field_label("roadmap_event", "format"),       t.field_label("roadmap_event", "status"),
      t.field_label("roadmap_event", "pair_id"),      t.field_label("roadmap_event", "responsible_id"),
      t.field_label("roadmap_event", "participants"), t.field_label("roadmap_event", "report")};
  for (const auto& e : s.roadmap)
    out.rows.push_back({e.planned_date, e.title, t.enum_label("event_format", e.format),
                        t.enum_label("event_status", e.status.empty() ? "planned" : e.status),
                        e.pair_label.empty() ? "" : name(t, e.pair_label),
                        e.responsible_id.empty() ? "" : name(t, e.responsible_name), std::to_string(e.participants), e.report});
  return out;
}

CsvTable pair_activity_table(const AppSnapshot& s, const Catalog& t) {
  CsvTable out;
  out.header = {t.field_label("pair", "low_school_id"),   t.field_label("pair", "partner_school_id"),
                t.tr("ui.municipality.col_sessions"),     t.tr("ui.municipality.col_visits"),
                t.tr("ui.municipality.col_events_done"),  t.tr("ui.municipality.col_events_planned"),
                t.tr("ui.municipality.col_last_activity")};
  for (const auto& p : s.municipality.pairs)
    out.rows.push_back({name(t, p.pair.low_school_full), name(t, p.pair.partner_school_full), std::to_string(p.sessions),
                        std::to_string(p.visits), std::to_string(p.events_done),
                        std::to_string(p.events_planned), p.last_activity});
  return out;
}

CsvTable heatmap_table(const AppSnapshot& s, const Catalog& t) {
  const auto& h = s.municipality.heatmap;
  CsvTable out;
  out.header.push_back(t.tr("ui.municipality.col_school"));
  for (const auto& title : h.area_titles) out.header.push_back(title);
  for (size_t i = 0; i < h.school_names.size(); ++i) {
    std::vector<std::string> row{name(t, i < h.school_full_names.size() ? h.school_full_names[i] : h.school_names[i])};
    for (size_t a = 0; a < h.area_titles.size(); ++a) {
      double v = (i < h.share.size() && a < h.share[i].size()) ? h.share[i][a] : -1;
      row.push_back(v < 0 || std::isnan(v) ? "" : t.number(v, 2, false));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvTable devices_table(const AppSnapshot& s, const Catalog& t) {
  CsvTable out;
  out.header = {t.tr("ui.municipality.col_device"), t.tr("ui.municipality.col_person"),
                t.tr("ui.municipality.col_role"),   t.tr("ui.municipality.col_status"),
                t.tr("ui.municipality.col_enrolled"), t.tr("ui.municipality.col_last_seen")};
  for (const auto& d : s.municipality.devices)
    out.rows.push_back({d.device_id, d.person_name.empty() ? d.person_id : d.person_name,
                        t.enum_label("role", d.role), t.tr("ui.municipality.status_" + d.status),
                        t.date_time(d.enrolled_ms), t.date_time(d.last_seen_ms)});
  return out;
}

}  // namespace

const char* export_table_stem(ExportTable table) {
  switch (table) {
    case ExportTable::kSessions:
      return "sessions";
    case ExportTable::kVisits:
      return "visits";
    case ExportTable::kRoadmap:
      return "roadmap";
    case ExportTable::kPairActivity:
      return "pair-activity";
    case ExportTable::kDeficitHeatmap:
      return "deficit-heatmap";
    case ExportTable::kDevices:
      return "devices";
  }
  return "table";
}

CsvTable table_from_snapshot(ExportTable table, const AppSnapshot& snapshot, const Catalog& text) {
  switch (table) {
    case ExportTable::kSessions:
      return sessions_table(snapshot, text);
    case ExportTable::kVisits:
      return visits_table(snapshot, text);
    case ExportTable::kRoadmap:
      return roadmap_table(snapshot, text);
    case ExportTable::kPairActivity:
      return pair_activity_table(snapshot, text);
    case ExportTable::kDeficitHeatmap:
      return heatmap_table(snapshot, text);
    case ExportTable::kDevices:
      return devices_table(snapshot, text);
  }
  return {};
}

std::string csv_content(const CsvTable& table, char separator) {
  std::ostringstream out;
  CsvWriter csv(out, /*bom=*/true, separator);
  csv.write_row(table.header);
  for (const auto& r : table.rows) csv.write_row(r);
  return out.str();
}

Result<std::filesystem::path> write_csv_file(const CsvTable& table, const std::filesystem::path& dir,
                                             std::string_view stem, std::string_view stamp, char separator) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create folder " + dir.string() + ": " + ec.message());
  const fs::path path = dir / (std::string(stem) + "-" + std::string(stamp) + ".csv");
  const fs::path tmp = dir / ("." + path.filename().string() + ".tmp");
  const std::string content = csv_content(table, separator);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + tmp.string() + ": " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Status::IoError("cannot write " + tmp.string() + ": the disk refused the data");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return Status::IoError("cannot move the export into place at " + path.string() + ": " + ec.message());
  }
  return path;
}

}  // namespace nastavnik::ui
