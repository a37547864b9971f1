#pragma once
// Plain-text tables for the terminal: columns padded to their widest cell, measured in code
// points so that Cyrillic lines up; long cells are cut with "…" at a per-column limit.

#include <ostream>
#include <string>
#include <vector>

namespace nastavnik::cli {

class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers);

  // Cells of `column` longer than `max_width` code points are cut. Default: no limit.
  void set_max_width(size_t column, size_t max_width);
  // A row with fewer cells than headers is padded with empty cells; newlines become spaces.
  void add_row(std::vector<std::string> cells);
  size_t row_count() const { return rows_.size(); }

  // Header, a rule, then the rows. Trailing spaces are not printed.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<size_t> max_widths_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace nastavnik::cli
