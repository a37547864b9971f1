#pragma once
// The half-year report written out: a printable A4 PDF (cairo + pango, so Cyrillic, «»
// and № are shaped by the same engine as the desktop's), an XLSX workbook with one sheet
// per table (libxlsxwriter), and CSV with the separator of the language (`;` for Russian,
// which Russian spreadsheet programs read as columns). Each file is written beside its
// destination and renamed into place, so a failed write never leaves half a report.

#include <filesystem>

#include "client/report/report_tables.h"
#include "shared/core/status.h"

namespace nastavnik::report {

// The number a spreadsheet cell holds for a value: a share in percent (one decimal), a mean
// with two decimals, a count as it is.
double cell_number(const std::string& unit, double value);

Status write_report_csv(const Report& report, const Catalog& text, const std::filesystem::path& out, char separator);
Status write_report_xlsx(const Report& report, const Catalog& text, const std::filesystem::path& out);
Status write_report_pdf(const Report& report, const Catalog& text, const std::filesystem::path& out);
// The writer of `format` ("pdf", "xlsx" or "csv").
Status write_report(const Report& report, const Catalog& text, const std::string& format,
                    const std::filesystem::path& out, char csv_separator);

}  // namespace nastavnik::report
