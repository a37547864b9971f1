// `enroll-code --store ADDRESS --person ID --role ROLE [--ttl-days N]`: issues a one-time,
// expiring code that binds one device to a person acting in one role. Only the code's hash
// is stored: the printed code is the only copy.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "shared/domain/schema.h"
#include "syncserver/admin/enrollment.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/person_name.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/time_text.h"

namespace nastavnik::server::cli {
namespace {

constexpr uint64_t kDayMs = 24ULL * 3600 * 1000;

struct Options {
  StoreChoice store;
  std::string person, role;
  int ttl_days = 7;
};

CommandStatus run_enroll_code(const Options& o) {
  if (CommandStatus s = require_store(o.store); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(o.store));
  NASTAVNIK_ASSIGN_OR_RETURN(auto key, open_server_key(o.store));
  const uint64_t now = system_wall_clock_ms();
  const uint64_t ttl = static_cast<uint64_t>(o.ttl_days) * kDayMs;
  NASTAVNIK_ASSIGN_OR_RETURN(std::string code, issue_enrollment_code(*store, o.person, o.role, now, ttl));
  std::cout << "enrollment code   " << code << "\n"
            << "for               " << person_name(*store, o.person) << " (" << o.person << ")\n"
            << "role              " << o.role << "\n"
            << "expires           " << utc_text(now + ttl) << " (in " << o.ttl_days << " day"
            << (o.ttl_days == 1 ? "" : "s") << ")\n"
            << "server key id     " << key.id() << "\n"
            << "The code works once. When enrolling, the device shows the server key id: it must match the "
               "one above.\n";
  return Status::Ok();
}

}  // namespace

void add_enroll_code_command(CLI::App& root, Commands& out) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(
      root, "enroll-code", "Issue a one-time enrollment code for a person and role",
      "  nastavnik-server enroll-code --store central.db --person 00000000-0000-7000-8000-00030000001a "
      "--role tutor\n"
      "  nastavnik-server enroll-code --store central.db --person <id> --role mentor --ttl-days 2\n");
  add_store_option(cmd, opts->store);
  cmd->add_option("--person", opts->person, "Id of the person in the registry")->required()->type_name("ID");
  cmd->add_option("--role", opts->role, "The role the device acts in; the person must have it")
      ->required()
      ->type_name("ROLE")
      ->check(CLI::IsMember(*DomainSchema::instance().enum_values("role")));
  cmd->add_option("--ttl-days", opts->ttl_days, "Days until the code expires (default 7)")
      ->type_name("N")
      ->check(CLI::Range(1, 90));
  out.push_back({cmd, [opts] { return run_enroll_code(*opts); }});
}

}  // namespace nastavnik::server::cli
