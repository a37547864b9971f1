#include "client/cli/record_lookup.h"

#include <cctype>

#include "shared/core/ids.h"
#include "shared/domain/schema.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {
namespace {

std::string hex_digits(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool looks_like_record_id(const std::string& text) {
  size_t digits = 0;
  for (char c : text) {
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    ++digits;
  }
  return digits >= 8 && digits <= 32;
}

Result<Record> find_record(const replica::ReplicaReader& reader, const std::string& text,
                           const Catalog& catalog) {
  const auto not_found = [&] {
    return Status::NotFound(catalog.format("cli.error.no_record", {{"id", text}}));
  };
  if (is_record_id(text)) {
    std::string id = text;
    for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto record = reader.get(id);
    if (record.ok() || record.status().code() != StatusCode::kNotFound) return record;
    return not_found();
  }
  // The reader has no lookup by part of an id, so scan every kind; this is a one-off
  // lookup per command, and ids are short strings.
  const std::string wanted = hex_digits(text);
  std::vector<Record> matches;
  for (const auto& entity : DomainSchema::instance().entities()) {
    RecordQuery q;
    q.entity = entity.name;
    q.include_deleted = true;
    q.limit = 0;
    NASTAVNIK_ASSIGN_OR_RETURN(auto records, reader.list(q));
    for (auto& r : records) {
      const std::string digits = hex_digits(r.id);
      if (digits.starts_with(wanted) || digits.ends_with(wanted)) matches.push_back(std::move(r));
    }
  }
  if (matches.empty()) return not_found();
  if (matches.size() > 1)
    return Status::InvalidArgument(
        catalog.format("cli.error.ambiguous_id", {{"id", text}, {"count", std::to_string(matches.size())}}));
  return std::move(matches.front());
}

}  // namespace nastavnik::cli
