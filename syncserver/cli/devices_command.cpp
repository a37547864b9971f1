// `devices --store ADDRESS [--json]`: every enrolled device with its person, role, when it
// enrolled and last synced, whether it is revoked, and how far its changeset chain got.
// The listing is device_directory() (syncserver/admin), the same as POST /v1/devices serves.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "syncserver/admin/device_directory.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/person_name.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/text_table.h"
#include "syncserver/cli/time_text.h"

namespace nastavnik::server::cli {
namespace {

using nlohmann::json;

std::string roles_text(const Device& d) {
  std::string out;
  for (const auto& r : d.roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

const char* status_text(const Device& d) { return d.revoked() ? "revoked" : "active"; }

std::string person_text(const DeviceDirectoryEntry& e) {
  return person_label(e.person_name, e.device.person_id);
}

json device_json(const DeviceDirectoryEntry& e) {
  const Device& d = e.device;
  return {{"id", d.id},
          {"name", d.name},
          {"person_id", d.person_id},
          {"person", person_text(e)},
          {"roles", d.roles},
          {"school_id", d.school_id},
          {"status", status_text(d)},
          {"enrolled", iso_utc(d.enrolled_ms)},
          {"last_seen", iso_utc(d.last_seen_ms)},
          {"revoked", iso_utc(d.revoked_ms)},
          {"last_seq", d.last_seq}};
}

CommandStatus run_devices(const StoreChoice& store_path, bool as_json) {
  if (CommandStatus s = require_store(store_path); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(store_path));
  NASTAVNIK_ASSIGN_OR_RETURN(auto devices, device_directory(*store));
  if (as_json) {
    json list = json::array();
    for (const auto& e : devices) list.push_back(device_json(e));
    // Device names are client input stored as sent: never let one bad byte stop the listing.
    std::cout << list.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return Status::Ok();
  }
  if (devices.empty()) {
    std::cout << "no devices enrolled yet: issue a code with `nastavnik-server enroll-code`\n";
    return Status::Ok();
  }
  TextTable table({"DEVICE", "PERSON", "ROLE", "ENROLLED", "LAST SEEN", "STATUS", "LAST SEQ"});
  for (const auto& e : devices) {
    const Device& d = e.device;
    table.add_row({d.id, person_text(e), roles_text(d), utc_text(d.enrolled_ms), utc_text(d.last_seen_ms),
                   status_text(d), std::to_string(d.last_seq)});
  }
  table.print(std::cout);
  return Status::Ok();
}

}  // namespace

void add_devices_command(CLI::App& root, Commands& out) {
  struct Options {
    StoreChoice store;
    bool json = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(root, "devices", "List enrolled devices",
                              "  nastavnik-server devices --store central.db\n"
                              "  nastavnik-server devices --store central.db --json\n");
  add_store_option(cmd, opts->store);
  cmd->add_flag("--json", opts->json, "Print JSON instead of a table");
  out.push_back({cmd, [opts] { return run_devices(opts->store, opts->json); }});
}

}  // namespace nastavnik::server::cli
