#include "client/cli/table_printer.h"

#include <algorithm>

#include "client/cli/utf8_text.h"

namespace nastavnik::cli {
namespace {

constexpr const char* kGap = "  ";

void print_line(std::ostream& out, const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += kGap;
    line += cells[i];
    if (i + 1 < cells.size()) line.append(widths[i] - utf8_width(cells[i]), ' ');
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  out << line << '\n';
}

}  // namespace

TablePrinter::TablePrinter(std::vector<std::string> headers)
    : headers_(std::move(headers)), max_widths_(headers_.size(), 0) {}

void TablePrinter::set_max_width(size_t column, size_t max_width) {
  if (column < max_widths_.size()) max_widths_[column] = max_width;
}

void TablePrinter::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = one_line(cells[i]);
    if (max_widths_[i] > 0) cells[i] = utf8_truncate(cells[i], max_widths_[i]);
  }
  rows_.push_back(std::move(cells));
}

void TablePrinter::print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = utf8_width(headers_[i]);
  for (const auto& row : rows_)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], utf8_width(row[i]));
  print_line(out, headers_, widths);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  print_line(out, rule, widths);
  for (const auto& row : rows_) print_line(out, row, widths);
}

}  // namespace nastavnik::cli
