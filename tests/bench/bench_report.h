#pragma once
// The results of a benchmark run: one row per measured quantity, each with the baseline it
// is compared to (measured in the same run), the ratio, the target from issue 5 and whether
// it was met; plus integrity checks (nothing lost, everything acknowledged), which are the
// only things that make the program fail. Printed as a table and as JSON.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nastavnik::bench {

struct FigureRow {
  std::string figure;   // "P1" ... "P5", "LOAD"
  std::string measure;  // "ingest rate"
  double value = 0;
  std::string unit;     // "records/s"
  // The same-run baseline and what it is; ratio = value / baseline unless stated.
  std::string baseline_label;
  double baseline = 0;
  std::string baseline_unit;
  std::optional<double> ratio;
  std::string target;        // as written in the issue, "" when there is none
  std::optional<bool> met;   // only for rows with a target
  std::string note;
};

struct IntegrityCheck {
  std::string name;
  bool ok = false;
  std::string detail;
};

class BenchReport {
 public:
  void add(FigureRow row) { rows_.push_back(std::move(row)); }
  // Records an integrity check; returns `ok`.
  bool check(const std::string& name, bool ok, const std::string& detail = "");
  // Free-form measured details of a figure, kept in the JSON ("details" -> figure -> ...).
  nlohmann::json& details(const std::string& figure) { return details_[figure]; }

  bool integrity_ok() const;
  const std::vector<FigureRow>& rows() const { return rows_; }
  void print(std::ostream& out) const;
  nlohmann::json to_json(const nlohmann::json& run_info) const;

 private:
  std::vector<FigureRow> rows_;
  std::vector<IntegrityCheck> checks_;
  nlohmann::json details_ = nlohmann::json::object();
};

// Facts about the run for the report: date (UTC), host, cores, kernel, load average.
nlohmann::json run_info(const std::string& program, const std::vector<std::string>& args);

// "12 345.6" style numbers for the table.
std::string format_number(double v, int decimals = 1);

}  // namespace nastavnik::bench
