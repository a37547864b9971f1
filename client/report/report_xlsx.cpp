#include <xlsxwriter.h>

#include "client/report/report_file.h"
#include "client/report/report_writers.h"

namespace nastavnik::report {
namespace {

// Sheet names: at most 31 characters (libxlsxwriter counts UTF-8 characters) and none of
// []:*?/\ — the table titles of the catalogs respect both.
Status write_sheet(lxw_workbook* book, const ReportTable& table, const Report& report, const Catalog& text,
                   lxw_format* bold) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, table.title.c_str());
  if (!sheet) return Status::InvalidArgument("cannot add the sheet «" + table.title + "»");
  const std::vector<std::string> header = {text.tr("report.col.subject"), text.tr("report.col.indicator"),
                                           text.tr("report.col.kind"),    text.tr("report.col.unit"),
                                           report.period_id,              report.previous_id,
                                           text.tr("report.col.change")};
  for (size_t c = 0; c < header.size(); ++c)
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  worksheet_set_column(sheet, 0, 0, 34, nullptr);
  worksheet_set_column(sheet, 1, 1, 60, nullptr);
  worksheet_set_column(sheet, 2, 3, 14, nullptr);
  worksheet_set_column(sheet, 4, 6, 12, nullptr);
  lxw_row_t r = 1;
  for (const ReportRow& row : table.rows) {
    worksheet_write_string(sheet, r, 0, row.subject.c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, row.indicator.c_str(), nullptr);
    worksheet_write_string(sheet, r, 2, text.tr("report.kind." + row.kind).c_str(), nullptr);
    worksheet_write_string(sheet, r, 3, text.tr("report.unit." + row.unit).c_str(), nullptr);
    if (row.value) worksheet_write_number(sheet, r, 4, cell_number(row.unit, *row.value), nullptr);
    if (row.previous) worksheet_write_number(sheet, r, 5, cell_number(row.unit, *row.previous), nullptr);
    worksheet_write_string(sheet, r, 6, direction_mark(row.direction).c_str(), nullptr);
    ++r;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  return Status::Ok();
}

Status write_section(lxw_workbook* book, const ReportSection& section, lxw_format* bold) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, section.title.c_str());
  if (!sheet) return Status::InvalidArgument("cannot add the sheet «" + section.title + "»");
  for (size_t c = 0; c < section.columns.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), section.columns[c].c_str(), bold);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 12 * section.widths[c], nullptr);
  }
  lxw_row_t r = 1;
  for (const auto& cells : section.rows) {
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (cells[c].number) worksheet_write_number(sheet, r, col, *cells[c].number, nullptr);
      else worksheet_write_string(sheet, r, col, cells[c].text.c_str(), nullptr);
    }
    ++r;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  return Status::Ok();
}

}  // namespace

Status write_report_xlsx(const Report& report, const Catalog& text, const std::filesystem::path& out) {
  return write_via_temp(out, [&](const std::filesystem::path& tmp) -> Status {
    lxw_workbook* book = workbook_new(tmp.c_str());
    if (!book) return Status::Unavailable("cannot create " + tmp.string());
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    Status status = Status::Ok();
    for (const ReportTable& table : report.tables)
      if (status.ok()) status = write_sheet(book, table, report, text, bold);
    for (const ReportSection& section : report.sections)
      if (status.ok()) status = write_section(book, section, bold);
    const lxw_error closed = workbook_close(book);
    if (!status.ok()) return status;
    if (closed != LXW_NO_ERROR)
      return Status::Unavailable("cannot write " + tmp.string() + ": " + lxw_strerror(closed));
    return Status::Ok();
  });
}

}  // namespace nastavnik::report
