#include "shared/core/csv_writer.h"

namespace nastavnik {

char csv_separator(std::string_view lang) { return lang == "ru" ? ';' : ','; }

CsvWriter::CsvWriter(std::ostream& out, bool bom, char separator) : out_(out), separator_(separator) {
  if (bom) out_ << "\xEF\xBB\xBF";
}

std::string CsvWriter::quote(std::string_view cell, char separator) {
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  if (cell.find_first_of(special) == std::string_view::npos) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvWriter::write_row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ << separator_;
    out_ << quote(cells[i], separator_);
  }
  out_ << "\r\n";
  ++rows_;
}

}  // namespace nastavnik
