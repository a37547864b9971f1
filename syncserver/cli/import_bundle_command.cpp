// `import-bundle FILE --return FILE --store ADDRESS`: the methodologist takes a courier
// bundle brought on a USB stick (shared/protocol/courier_bundle.h) straight into the store,
// as if each laptop in it had synced, and writes the return bundle — the signed receipts and
// what each laptop should receive — to take back. Envelopes not for this server are left
// out; refused ones are listed with why and change nothing. Taking a bundle twice is safe.

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "shared/core/hlc.h"
#include "syncserver/admin/server_identity.h"
#include "syncserver/cli/atomic_file.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/text_table.h"
#include "syncserver/ingest/courier_desk.h"

namespace nastavnik::server::cli {
namespace {

Result<wire::Bundle> read_bundle(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto bundle = wire::decode_bundle(text.str());
  if (!bundle.ok()) return bundle.status().with_context(path);
  return bundle;
}

CommandStatus run_import_bundle(const std::string& path, const std::string& return_path, const StoreChoice& choice) {
  if (CommandStatus s = require_store(choice); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(wire::Bundle bundle, read_bundle(path));
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(choice));
  NASTAVNIK_ASSIGN_OR_RETURN(auto key, open_server_key(choice));
  SyncService service(*store, key, system_wall_clock_ms);
  wire::Bundle back;
  back.written_by = key.id();
  back.created_ms = system_wall_clock_ms();
  TextTable table({"DEVICE", "OUTCOME", "DETAIL"});
  int delivered = 0, refused = 0, passed = 0;
  for (const auto& envelope : bundle.envelopes) {
    if (envelope.to != key.id()) {
      ++passed;  // a return for a laptop, or for another server: not this one's to open
      continue;
    }
    NASTAVNIK_ASSIGN_OR_RETURN(CourierDelivery d, take_envelope(service, envelope));
    table.add_row({d.from.substr(0, 16), d.delivered ? "delivered" : "refused", d.delivered ? "" : d.message});
    if (d.answer) back.envelopes.push_back(*d.answer);
    ++(d.delivered ? delivered : refused);
  }
  table.print(std::cout);
  if (!back.envelopes.empty())
    NASTAVNIK_RETURN_IF_ERROR(write_file_atomically(return_path, wire::encode_bundle(back)));
  std::cout << delivered << " delivered, " << refused << " refused, " << passed << " not for this server";
  if (!back.envelopes.empty()) std::cout << "; the answers are in " << return_path << ": take it back to the laptops";
  std::cout << "\n";
  if (refused > 0 && delivered == 0)
    return CommandStatus::Failure("nothing in " + path + " could be taken (the reasons are listed above)");
  return Status::Ok();
}

}  // namespace

void add_import_bundle_command(CLI::App& root, Commands& out) {
  struct Options {
    std::string bundle, return_path;
    StoreChoice store;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(
      root, "import-bundle", "Take a courier bundle from laptops without network and write the answers to take back",
      "  nastavnik-server import-bundle /media/usb/school-7.nbundle --return /media/usb/school-7-answer.nbundle "
      "--store central.db\n");
  cmd->add_option("file", opts->bundle, "A bundle written by `nastavnik-cli bundle export`")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--return", opts->return_path,
                  "Where to write the return bundle (receipts and what the laptops should receive)")
      ->required()
      ->type_name("FILE");
  add_store_option(cmd, opts->store);
  out.push_back({cmd, [opts] { return run_import_bundle(opts->bundle, opts->return_path, opts->store); }});
}

}  // namespace nastavnik::server::cli
