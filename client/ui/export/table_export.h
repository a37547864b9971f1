#pragma once
// Tables of the desktop client as CSV files. This is the non-UI half of "export a table":
// a view only asks for an export (ui::request::ExportCsv); the app builds the table from the
// snapshot with table_from_snapshot() and writes it with write_csv_file(), off the frame.
// Links no ImGui (target client_ui_export).
//
// CSV follows RFC 4180 (shared/core/csv_writer.h), with a semicolon between cells in
// Russian so that a Russian spreadsheet opens it in columns.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "client/model/app_model.h"
#include "shared/core/status.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui {

// Every table the views can export.
enum class ExportTable {
  kSessions,        // the mentoring sessions matching the current filter
  kVisits,          // lesson visits
  kRoadmap,         // roadmap events
  kPairActivity,    // municipality: activity of every pair
  kDeficitHeatmap,  // municipality: share of teachers with each deficit, per school
  kDevices,         // municipality: enrolled devices as last fetched
};

// Stable file stem of a table ("sessions", "pair-activity", ...).
const char* export_table_stem(ExportTable table);

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The table as the view shows it, with column titles and enum values in the catalog's
// language. Pure: reads only its arguments.
CsvTable table_from_snapshot(ExportTable table, const AppSnapshot& snapshot, const Catalog& text);

// The whole file content: BOM, header, rows, cells between `separator`s.
std::string csv_content(const CsvTable& table, char separator);

// Writes `table` to `dir`/<stem>-<stamp>.csv, creating `dir` if needed. The bytes go to a
// temporary file that is renamed into place, so a reader never sees half a file. Returns
// the path written, or IoError naming the path and the reason.
Result<std::filesystem::path> write_csv_file(const CsvTable& table, const std::filesystem::path& dir,
                                             std::string_view stem, std::string_view stamp, char separator);

}  // namespace nastavnik::ui
