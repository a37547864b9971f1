#include "client/cli/json_input.h"

#include <fstream>
#include <sstream>

#include "shared/i18n/catalog.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

Status bad_input(const Catalog& catalog, const std::string& where, const std::string& detail) {
  return Status::InvalidArgument(
      catalog.format("cli.error.bad_json_record", {{"where", where}, {"detail", detail}}));
}

std::string where(const Catalog& catalog, const char* key, size_t n) {
  return catalog.format(key, {{"n", std::to_string(n)}});
}

}  // namespace

Result<std::vector<InputRecord>> parse_json_records(std::string text, const Catalog& catalog) {
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::vector<InputRecord> out;
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Status::InvalidArgument(catalog.tr("cli.error.empty_input"));

  // A whole document: one object or an array of objects.
  json whole;
  std::string whole_error;
  try {
    whole = json::parse(text);
  } catch (const json::exception& e) {
    whole_error = e.what();
  }
  if (whole_error.empty() && whole.is_object()) {
    out.push_back({"", std::move(whole)});
    return out;
  }
  if (text[first] == '[') {
    if (!whole_error.empty()) return bad_input(catalog, catalog.tr("cli.where.document"), whole_error);
    for (size_t i = 0; i < whole.size(); ++i) {
      if (!whole[i].is_object())
        return bad_input(catalog, where(catalog, "cli.where.item", i + 1),
                         catalog.tr("cli.error.not_an_object"));
      out.push_back({where(catalog, "cli.where.item", i + 1), std::move(whole[i])});
    }
    if (out.empty()) return Status::InvalidArgument(catalog.tr("cli.error.empty_input"));
    return out;
  }

  // JSON Lines: one object per line, blank lines allowed.
  std::istringstream lines(text);
  std::string line;
  for (size_t n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string at = where(catalog, "cli.where.line", n);
    json j;
    try {
      j = json::parse(line);
    } catch (const json::exception& e) {
      return bad_input(catalog, at, e.what());
    }
    if (!j.is_object()) return bad_input(catalog, at, catalog.tr("cli.error.not_an_object"));
    out.push_back({at, std::move(j)});
  }
  if (out.empty()) return Status::InvalidArgument(catalog.tr("cli.error.empty_input"));
  return out;
}

Result<std::vector<InputRecord>> read_json_records(const std::string& path, std::istream& stdin_stream,
                                                   const Catalog& catalog) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Status::NotFound(catalog.format("cli.error.cannot_read", {{"path", path}}));
  }
  std::istream& in = path == "-" ? stdin_stream : file;
  // istream::read turns a failing read (a folder, a device error) into badbit instead of
  // an exception, and the bound stops an endless input (/dev/zero, a stuck pipe).
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes)
      return Status::InvalidArgument(catalog.format(
          "cli.error.input_too_large", {{"path", path}, {"limit", std::to_string(kMaxInputBytes >> 20)}}));
  }
  if (in.bad()) return Status::IoError(catalog.format("cli.error.cannot_read", {{"path", path}}));
  return parse_json_records(std::move(text), catalog);
}

}  // namespace nastavnik::cli
