#include "syncserver/cli/text_table.h"

#include <algorithm>

namespace nastavnik::server::cli {

size_t utf8_length(const std::string& text) {
  // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void TextTable::print(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const auto& h : headers_) widths.push_back(utf8_length(h));
  for (const auto& row : rows_)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], utf8_length(row[i]));
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) line += std::string(widths[i] - utf8_length(cells[i]) + 2, ' ');
    }
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace nastavnik::server::cli
