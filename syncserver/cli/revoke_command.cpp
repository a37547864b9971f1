// `revoke DEVICE --store ADDRESS`: revokes a device (lost or stolen laptop, a person who left
// the programme). It takes effect at the device's next request; what it synced before
// stays in the store. DEVICE is the full id or a unique prefix of at least 8 hex digits,
// as `devices` prints it.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>

#include "syncserver/cli/commands.h"
#include "syncserver/cli/person_name.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/time_text.h"

namespace nastavnik::server::cli {
namespace {

constexpr size_t kMinPrefix = 8;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool is_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// The one device whose id starts with `prefix`, or why there is not exactly one.
Result<Device> find_by_prefix(CentralStore& store, const std::string& prefix) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto devices, store.list_devices());
  std::vector<Device> matches;
  for (auto& d : devices)
    if (d.id.compare(0, prefix.size(), prefix) == 0) matches.push_back(std::move(d));
  if (matches.empty())
    return Status::NotFound("no enrolled device has an id starting with " + prefix +
                            ": see `nastavnik-server devices`");
  if (matches.size() > 1) {
    std::string ids;
    for (const auto& d : matches) ids += (ids.empty() ? "" : ", ") + d.id.substr(0, 12) + "…";
    return Status::InvalidArgument(prefix + " matches " + std::to_string(matches.size()) + " devices (" +
                                   ids + "): give more digits");
  }
  return matches.front();
}

CommandStatus run_revoke(const std::string& device_arg, const StoreChoice& store_path) {
  if (CommandStatus s = require_store(store_path); !s.ok()) return s;
  const std::string prefix = lower(device_arg);
  if (prefix.size() < kMinPrefix || !is_hex(prefix))
    return CommandStatus::Usage("DEVICE must be a device id or at least its first 8 hex digits, not '" +
                                device_arg.substr(0, 40) + "'");
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(store_path));
  NASTAVNIK_ASSIGN_OR_RETURN(Device device, find_by_prefix(*store, prefix));
  const std::string who = person_name(*store, device.person_id);
  if (device.revoked())
    return CommandStatus::Failure("device " + device.id + " (" + who + ") was already revoked on " +
                                  utc_text(device.revoked_ms));
  NASTAVNIK_RETURN_IF_ERROR(store->revoke_device(device.id, system_wall_clock_ms()));
  std::cout
      << "revoked device " << device.id << " (" << who << ")\n"
      << "Its next request is refused. What it synced before stays; records it has not synced stay on the "
         "device and can be exported there.\n";
  return Status::Ok();
}

}  // namespace

void add_revoke_command(CLI::App& root, Commands& out) {
  struct Options {
    std::string device;
    StoreChoice store;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd =
      add_command(root, "revoke", "Revoke a device: it can no longer sync",
                  "  nastavnik-server revoke 5f0c2d3e --store central.db\n"
                  "  nastavnik-server revoke 5f0c2d3e4a5b6c7d8e9fa0b1c2d3e4f5 --store central.db\n");
  cmd->add_option("device", opts->device, "Device id, or a unique prefix of at least 8 hex digits")
      ->required()
      ->type_name("DEVICE");
  add_store_option(cmd, opts->store);
  out.push_back({cmd, [opts] { return run_revoke(opts->device, opts->store); }});
}

}  // namespace nastavnik::server::cli
