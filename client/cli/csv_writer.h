#pragma once
// CSV as RFC 4180 describes it: CRLF line ends, a cell quoted when it holds a comma, a
// quote, CR or LF (quotes doubled). The file starts with a UTF-8 byte order mark, because
// spreadsheet programs otherwise read Cyrillic CSV in the local 8-bit code page.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik::cli {

class CsvWriter {
 public:
  // Writes the byte order mark at once when `bom` is set.
  explicit CsvWriter(std::ostream& out, bool bom = true);
  void write_row(const std::vector<std::string>& cells);
  size_t rows_written() const { return rows_; }

  // One cell, quoted when needed.
  static std::string quote(std::string_view cell);

 private:
  std::ostream& out_;
  size_t rows_ = 0;
};

}  // namespace nastavnik::cli
