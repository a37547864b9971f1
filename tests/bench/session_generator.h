#pragma once
// Mentoring sessions for the benchmarks, in the CLI's JSON Lines import format (README.md,
// `nastavnik-cli session add --from-json`): one object per line, keys are field names.
// The generator is deterministic for a seed and draws on the Volosovo demo registry: its
// pairs, assignments (mentor and mentees) and the event topics of each pair, plus Russian
// text with «quotes», № signs and dashes, so sizes and compression match real data.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"

namespace nastavnik::bench {

struct GeneratorOptions {
  size_t count = 1000;
  uint64_t seed = 1;
  // Only sessions this person mentors or attends (empty: every assignment of the registry).
  std::string person;
  std::string first_date = "2026-09-01";  // sessions are spread over `days` days from here
  int days = 270;
};

// The sessions, one JSON object each. NotFound when the registry has no assignment for
// `options.person`; errors reading the registry file come back as they are.
Result<std::vector<nlohmann::json>> generate_sessions(const std::filesystem::path& registry_file,
                                                      const GeneratorOptions& options);

// One JSON object per non-empty line. InvalidArgument naming the line for anything else.
Result<std::vector<nlohmann::json>> read_sessions_jsonl(const std::filesystem::path& path);

// Writes the records as JSON Lines (UTF-8, no escaping of non-ASCII) and returns the size
// in bytes of the file.
Result<uint64_t> write_sessions_jsonl(const std::filesystem::path& path, const std::vector<nlohmann::json>& records);

// The compact JSON of one record, exactly as written on its line.
std::string jsonl_line(const nlohmann::json& record);

// "YYYY-MM-DD" plus `days`.
std::string add_days(const std::string& date, int days);

}  // namespace nastavnik::bench
