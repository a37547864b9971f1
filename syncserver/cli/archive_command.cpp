// `archive export --store ADDRESS --out FILE [--from DATE] [--before DATE]` writes the signed
// changesets devices sent (the audit archive, admin/changeset_archive.h) to a file;
// `archive prune --store ADDRESS --archive FILE --before DATE` then drops from the store the
// frames of those received before DATE that the file holds, keeping each changeset's hash,
// result and place in its device's chain.

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "syncserver/admin/changeset_archive.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"

namespace nastavnik::server::cli {
namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  StoreChoice store;
  std::string out, from, before;
};

struct PruneOptions {
  StoreChoice store;
  std::string archive, before;
};

Status sync_to_disk(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Status::IoError("cannot write " + path.string() + " to disk");
  }
  ::close(fd);
  return Status::Ok();
}

CommandStatus run_export(const ExportOptions& o) {
  if (CommandStatus s = require_store(o.store); !s.ok()) return s;
  uint64_t from = 0, before = static_cast<uint64_t>(INT64_MAX);
  if (!o.from.empty()) {
    auto ms = utc_day_start_ms(o.from);
    if (!ms.ok()) return CommandStatus::Usage("--from: " + ms.status().message());
    from = *ms;
  }
  if (!o.before.empty()) {
    auto ms = utc_day_start_ms(o.before);
    if (!ms.ok()) return CommandStatus::Usage("--before: " + ms.status().message());
    before = *ms;
  }
  std::error_code ec;
  if (fs::exists(o.out, ec)) return CommandStatus::Failure(o.out + " exists; the archive never replaces a file");
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(o.store));
  // Written beside its final name and renamed when complete: a cut export leaves no file
  // that looks like an archive.
  const fs::path partial = o.out + ".partial";
  ArchiveCount count;
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot create " + partial.string());
    auto written = export_archive(*store, from, before, out);
    if (!written.ok()) {
      fs::remove(partial, ec);
      return written.status();
    }
    count = *written;
  }
  NASTAVNIK_RETURN_IF_ERROR(sync_to_disk(partial));
  fs::rename(partial, o.out, ec);
  if (ec) return Status::IoError("cannot name the archive " + o.out + ": " + ec.message());
  std::cout << "archived " << count.changesets << " changesets (" << count.frame_bytes / 1024 << " KiB of signed frames) to "
            << o.out << "\n";
  return Status::Ok();
}

CommandStatus run_prune(const PruneOptions& o) {
  if (CommandStatus s = require_store(o.store); !s.ok()) return s;
  auto before = utc_day_start_ms(o.before);
  if (!before.ok()) return CommandStatus::Usage("--before: " + before.status().message());
  std::ifstream in(o.archive, std::ios::binary);
  if (!in) return CommandStatus::Failure("cannot read the archive " + o.archive);
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(o.store));
  NASTAVNIK_ASSIGN_OR_RETURN(auto count, prune_archived(*store, in, *before));
  std::cout << "dropped the frames of " << count.dropped << " changesets received before " << o.before << " ("
            << count.in_archive << " in the archive; the others were dropped before or are not this store's)\n"
            << "their hashes and results stay: resent copies are still answered `duplicate`\n";
  return Status::Ok();
}

}  // namespace

void add_archive_command(CLI::App& root, Commands& out) {
  CLI::App* archive = root.add_subcommand("archive", "Export the signed changesets (the audit archive), prune exported ones");
  archive->require_subcommand(1);

  auto e = std::make_shared<ExportOptions>();
  CLI::App* exp = add_command(*archive, "export", "Write the signed changesets received in a period to a file",
                              "  nastavnik-server archive export --store central.db --before 2026-09-01 --out 2025-26.jsonl\n");
  add_store_option(exp, e->store);
  exp->add_option("--out", e->out, "The archive file to write (JSON Lines); never replaced")->required()->type_name("FILE");
  exp->add_option("--from", e->from, "Only changesets received on or after this day (UTC)")->type_name("YYYY-MM-DD");
  exp->add_option("--before", e->before, "Only changesets received before this day (UTC)")->type_name("YYYY-MM-DD");
  out.push_back({exp, [e] { return run_export(*e); }});

  auto p = std::make_shared<PruneOptions>();
  CLI::App* prune = add_command(
      *archive, "prune", "Drop from the store the signed frames an archive file holds, received before a day",
      "  nastavnik-server archive prune --store central.db --archive 2025-26.jsonl --before 2026-09-01\n");
  add_store_option(prune, p->store);
  prune->add_option("--archive", p->archive, "An archive written by `archive export`")->required()->type_name("FILE");
  prune->add_option("--before", p->before, "Prune changesets received before this day (UTC)")->required()->type_name("YYYY-MM-DD");
  out.push_back({prune, [p] { return run_prune(*p); }});
}

}  // namespace nastavnik::server::cli
