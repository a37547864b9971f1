#pragma once
// CSV as RFC 4180 describes it: CRLF line ends, a cell quoted when it holds the separator,
// a quote, CR or LF (quotes doubled). The file starts with a UTF-8 byte order mark, because
// spreadsheet programs otherwise read Cyrillic CSV in the local 8-bit code page. The
// separator is a comma, or a semicolon where the decimal separator is a comma (Russian
// spreadsheets read a comma-separated file as one column): csv_separator().

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

// ';' for languages that write decimals with a comma (ru), ',' otherwise.
char csv_separator(std::string_view lang);

class CsvWriter {
 public:
  // Writes the byte order mark at once when `bom` is set.
  explicit CsvWriter(std::ostream& out, bool bom = true, char separator = ',');
  void write_row(const std::vector<std::string>& cells);
  size_t rows_written() const { return rows_; }

  // One cell, quoted when needed.
  static std::string quote(std::string_view cell, char separator = ',');

 private:
  std::ostream& out_;
  char separator_;
  size_t rows_ = 0;
};

}  // namespace nastavnik
