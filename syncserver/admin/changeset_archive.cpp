#include "syncserver/admin/changeset_archive.h"

#include <chrono>
#include <regex>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/crypto/sodium.h"

namespace nastavnik::server {

using nlohmann::json;

Result<ArchiveCount> export_archive(CentralStore& store, uint64_t from_ms, uint64_t before_ms, std::ostream& out) {
  out << json{{"format", kArchiveFormat}, {"version", 1}, {"from_ms", from_ms}, {"before_ms", before_ms}}.dump() << "\n";
  ArchiveCount count;
  NASTAVNIK_RETURN_IF_ERROR(store.for_each_changeset(from_ms, before_ms, [&](const ArchivedChangeset& cs) {
    out << json{{"device", cs.device}, {"seq", cs.seq}, {"hash", cs.hash}, {"received_ms", cs.received_ms},
                {"frame", crypto::to_base64(cs.frame)}}
               .dump()
        << "\n";
    if (!out) return Status::IoError("the archive could not be written");
    ++count.changesets;
    count.frame_bytes += cs.frame.size();
    return Status::Ok();
  }));
  out.flush();
  if (!out) return Status::IoError("the archive could not be written");
  return count;
}

static Result<ArchivedChangeset> archived_line(const std::string& line, int64_t number) {
  const auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("line " + std::to_string(number) + " of the archive " + why + "; nothing was pruned");
  };
  const json j = json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("frame") || !j["frame"].is_string() || !j.contains("device") ||
      !j["device"].is_string() || !j.contains("seq") || !j["seq"].is_number_unsigned() ||
      !j.contains("received_ms") || !j["received_ms"].is_number_unsigned())
    return bad("is not a changeset entry");
  auto frame = crypto::from_base64(j["frame"].get<std::string>());
  if (!frame.ok()) return bad("holds a damaged frame");
  return ArchivedChangeset{j["device"].get<std::string>(), j["seq"].get<uint64_t>(), j.value("hash", std::string()),
                           j["received_ms"].get<uint64_t>(), std::move(frame).value()};
}

Result<PruneCount> prune_archived(CentralStore& store, std::istream& archive, uint64_t before_ms) {
  std::string line;
  const auto is_archive_header = [](const std::string& text) {
    const json header = json::parse(text, nullptr, false);
    return header.is_object() && header.value("format", "") == kArchiveFormat;
  };
  if (!std::getline(archive, line) || !is_archive_header(line))
    return Status::InvalidArgument("this file is not a changeset archive (written by `archive export`); nothing was pruned");
  // Every line is read before anything is dropped: a damaged file prunes nothing.
  std::vector<ArchivedChangeset> entries;
  int64_t number = 1;
  while (std::getline(archive, line)) {
    ++number;
    if (line.empty()) continue;
    NASTAVNIK_ASSIGN_OR_RETURN(auto cs, archived_line(line, number));
    if (cs.received_ms < before_ms) entries.push_back(std::move(cs));
  }
  PruneCount count;
  count.in_archive = static_cast<int64_t>(entries.size());
  constexpr size_t kBatch = 200;
  for (size_t at = 0; at < entries.size(); at += kBatch) {
    const std::vector<ArchivedChangeset> batch(entries.begin() + static_cast<std::ptrdiff_t>(at),
                                               entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), at + kBatch)));
    NASTAVNIK_ASSIGN_OR_RETURN(int64_t dropped, store.drop_changeset_frames(batch));
    count.dropped += dropped;
  }
  return count;
}

Result<uint64_t> utc_day_start_ms(const std::string& date) {
  static const std::regex kDate(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::smatch m;
  if (!std::regex_match(date, m, kDate)) return Status::InvalidArgument("a date is written YYYY-MM-DD: " + date);
  const std::chrono::year_month_day day{std::chrono::year{std::stoi(m[1])}, std::chrono::month{static_cast<unsigned>(std::stoi(m[2]))},
                                        std::chrono::day{static_cast<unsigned>(std::stoi(m[3]))}};
  if (!day.ok()) return Status::InvalidArgument("no such day: " + date);
  const auto since_epoch = std::chrono::sys_days(day).time_since_epoch();
  if (since_epoch.count() < 0) return Status::InvalidArgument("a date before 1970: " + date);
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count());
}

}  // namespace nastavnik::server
