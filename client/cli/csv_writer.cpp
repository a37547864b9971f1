#include "client/cli/csv_writer.h"

namespace nastavnik::cli {

CsvWriter::CsvWriter(std::ostream& out, bool bom) : out_(out) {
  if (bom) out_ << "\xEF\xBB\xBF";
}

std::string CsvWriter::quote(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvWriter::write_row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ << ',';
    out_ << quote(cells[i]);
  }
  out_ << "\r\n";
  ++rows_;
}

}  // namespace nastavnik::cli
