#include <cmath>
#include <fstream>

#include "client/report/report_file.h"
#include "client/report/report_writers.h"
#include "shared/core/csv_writer.h"

namespace nastavnik::report {

double cell_number(const std::string& unit, double value) {
  if (unit == "share") return std::round(value * 1000.0) / 10.0;
  if (unit == "count") return value;
  return std::round(value * 100.0) / 100.0;
}

Status write_report_csv(const Report& report, const Catalog& text, const std::filesystem::path& out, char separator) {
  return write_via_temp(out, [&](const std::filesystem::path& tmp) -> Status {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    CsvWriter csv(file, true, separator);
    csv.write_row({text.tr("report.col.table"), text.tr("report.col.subject"), text.tr("report.col.indicator"),
                   text.tr("report.col.kind"), text.tr("report.col.unit"), report.period_id, report.previous_id,
                   text.tr("report.col.change")});
    for (const ReportTable& table : report.tables)
      for (const ReportRow& row : table.rows) {
        auto number = [&](const std::optional<double>& v) {
          return v ? text.number(cell_number(row.unit, *v), 2, false) : std::string();
        };
        csv.write_row({table.title, row.subject, row.indicator, text.tr("report.kind." + row.kind),
                       text.tr("report.unit." + row.unit), number(row.value), number(row.previous),
                       direction_mark(row.direction)});
      }
    // Each section follows as its own block: an empty line, its title, its header, its rows.
    for (const ReportSection& section : report.sections) {
      csv.write_row({});
      csv.write_row({section.title});
      csv.write_row(section.columns);
      for (const auto& cells : section.rows) {
        std::vector<std::string> row;
        for (const auto& c : cells) row.push_back(c.number ? text.number(*c.number, 2, false) : c.text);
        csv.write_row(row);
      }
    }
    file.flush();
    if (!file) return Status::Unavailable("cannot write " + tmp.string());
    return Status::Ok();
  });
}

Status write_report(const Report& report, const Catalog& text, const std::string& format,
                    const std::filesystem::path& out, char csv_separator) {
  if (format == "pdf") return write_report_pdf(report, text, out);
  if (format == "xlsx") return write_report_xlsx(report, text, out);
  if (format == "csv") return write_report_csv(report, text, out, csv_separator);
  return Status::InvalidArgument("unknown report format " + format + ": pdf, xlsx or csv");
}

}  // namespace nastavnik::report
