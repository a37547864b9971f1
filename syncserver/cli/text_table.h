#pragma once
// A plain-text table for command output: columns padded to their widest cell, counted in
// characters rather than bytes, so that Cyrillic names line up.

#include <ostream>
#include <string>
#include <vector>

namespace nastavnik::server::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  // A row must have as many cells as there are headers.
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Characters (code points) in UTF-8 text.
size_t utf8_length(const std::string& text);

}  // namespace nastavnik::server::cli
