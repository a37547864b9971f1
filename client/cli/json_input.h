#pragma once
// Records given as JSON for `--from-json`: one object, an array of objects, or JSON Lines
// (one object per line; the documented import format for mentoring sessions). Each
// object's keys are field names. Every record remembers where it came from ("line 3",
// "record #2") so that a refusal can say which one.

#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shared/core/status.h"

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

struct InputRecord {
  std::string where;  // translated position, empty for a lone object
  nlohmann::json fields;
};

// Parses `text`. InvalidArgument (translated, naming the line) when it is none of the
// accepted shapes or holds no record at all. A leading UTF-8 byte order mark is ignored.
Result<std::vector<InputRecord>> parse_json_records(std::string text, const Catalog& catalog);

// The largest input read: the whole input is checked before anything is written, so it
// is held in memory; an endless one (/dev/zero, a pipe that never closes) is cut here.
inline constexpr size_t kMaxInputBytes = size_t{256} << 20;

// Reads `path` ("-": `stdin_stream`) and parses it as above. NotFound when it cannot be
// opened, IoError when reading fails (a folder), InvalidArgument past kMaxInputBytes.
Result<std::vector<InputRecord>> read_json_records(const std::string& path, std::istream& stdin_stream,
                                                   const Catalog& catalog);

}  // namespace nastavnik::cli
