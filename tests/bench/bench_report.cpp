#include "tests/bench/bench_report.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <thread>

namespace nastavnik::bench {
namespace {

using nlohmann::json;

// Display width of UTF-8 text (code points; the table holds no wide characters).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  const auto dot = s.find('.');
  std::string int_part = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
  const bool neg = !int_part.empty() && int_part[0] == '-';
  if (neg) int_part.erase(0, 1);
  std::string grouped;
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) grouped += ' ';
    grouped += int_part[i];
  }
  return (neg ? "-" : "") + grouped + frac;
}

bool BenchReport::check(const std::string& name, bool ok, const std::string& detail) {
  checks_.push_back({name, ok, detail});
  return ok;
}

bool BenchReport::integrity_ok() const {
  return std::all_of(checks_.begin(), checks_.end(), [](const IntegrityCheck& c) { return c.ok; });
}

void BenchReport::print(std::ostream& out) const {
  struct Line {
    std::string cells[7];
  };
  std::vector<Line> lines;
  lines.push_back({{"FIG", "MEASURE", "VALUE", "BASELINE (same run)", "RATIO", "TARGET", "MET"}});
  for (const auto& r : rows_) {
    const int decimals = std::fabs(r.value) >= 100 || r.unit == "requests" ? 0 : (std::fabs(r.value) >= 10 ? 1 : 2);
    std::string baseline = r.baseline_label.empty()
                               ? "-"
                               : r.baseline_label + ": " + format_number(r.baseline, r.baseline >= 100 ? 0 : 2) +
                                     (r.baseline_unit.empty() ? "" : " " + r.baseline_unit);
    lines.push_back({{r.figure, r.measure, format_number(r.value, decimals) + " " + r.unit, baseline,
                      r.ratio ? format_number(*r.ratio, 2) + "x" : "-", r.target.empty() ? "-" : r.target,
                      r.met ? (*r.met ? "yes" : "NO") : "-"}});
  }
  size_t w[7] = {};
  for (const auto& l : lines)
    for (int i = 0; i < 7; ++i) w[i] = std::max(w[i], width(l.cells[i]));
  for (const auto& l : lines) {
    for (int i = 0; i < 7; ++i) out << pad(l.cells[i], i == 6 ? 0 : w[i] + 2);
    out << "\n";
  }
  bool notes = false;
  for (const auto& r : rows_)
    if (!r.note.empty()) {
      if (!notes) out << "\nnotes:\n";
      notes = true;
      out << "  " << r.figure << " " << r.measure << ": " << r.note << "\n";
    }
  out << "\nintegrity checks:\n";
  for (const auto& c : checks_)
    out << "  [" << (c.ok ? "ok" : "FAILED") << "] " << c.name << (c.detail.empty() ? "" : " — " + c.detail) << "\n";
}

json BenchReport::to_json(const json& info) const {
  json rows = json::array();
  for (const auto& r : rows_) {
    json j = {{"figure", r.figure}, {"measure", r.measure}, {"value", number_or_null(r.value)}, {"unit", r.unit}};
    if (!r.baseline_label.empty())
      j["baseline"] = {{"what", r.baseline_label}, {"value", number_or_null(r.baseline)}, {"unit", r.baseline_unit}};
    j["ratio"] = r.ratio ? number_or_null(*r.ratio) : json(nullptr);
    j["target"] = r.target;
    j["met"] = r.met ? json(*r.met) : json(nullptr);
    if (!r.note.empty()) j["note"] = r.note;
    rows.push_back(std::move(j));
  }
  json checks = json::array();
  for (const auto& c : checks_) checks.push_back({{"name", c.name}, {"ok", c.ok}, {"detail", c.detail}});
  return {{"run", info}, {"figures", rows}, {"integrity", checks}, {"integrity_ok", integrity_ok()},
          {"details", details_}};
}

json run_info(const std::string& program, const std::vector<std::string>& args) {
  char date[64];
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
  utsname u{};
  ::uname(&u);
  double load[3] = {0, 0, 0};
  ::getloadavg(load, 3);
  std::string cpu;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  std::string command = program;
  for (const auto& a : args) command += " " + a;
  return {{"program", program},
          {"command", command},
          {"date_utc", date},
          {"host", u.nodename},
          {"kernel", std::string(u.sysname) + " " + u.release + " " + u.machine},
          {"cpu", cpu},
          {"cores", std::thread::hardware_concurrency()},
          {"load_average_at_start", {load[0], load[1], load[2]}}};
}

}  // namespace nastavnik::bench
