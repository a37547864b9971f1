#include "tests/bench/figures.h"
#include "tests/bench/session_generator.h"

namespace nastavnik::bench {

using nlohmann::json;

std::vector<json> BenchConfig::sessions(size_t count, uint64_t salt) const {
  if (!file_records.empty()) {
    std::vector<json> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) out.push_back(file_records[i % file_records.size()]);
    return out;
  }
  GeneratorOptions o;
  o.count = count;
  o.seed = seed * 1000 + salt;
  auto r = generate_sessions(programs.demo_registry(), o);
  if (!r.ok()) throw BenchError(r.status().to_string());
  return std::move(r).value();
}

std::vector<json> BenchConfig::sessions_of(const std::string& person, size_t count, uint64_t salt,
                                           const std::string& first_date, int days) const {
  if (!file_records.empty()) return sessions(count, salt);
  GeneratorOptions o;
  o.count = count;
  o.seed = seed * 1000 + salt;
  o.person = person;
  o.first_date = first_date;
  o.days = days;
  auto r = generate_sessions(programs.demo_registry(), o);
  if (!r.ok()) throw BenchError(r.status().to_string());
  return std::move(r).value();
}

uint64_t jsonl_bytes(const std::vector<json>& records) {
  uint64_t n = 0;
  for (const auto& r : records) n += jsonl_line(r).size() + 1;
  return n;
}

}  // namespace nastavnik::bench
