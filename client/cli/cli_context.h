#pragma once
// What every command shares: the global options (--data, --lang), the message catalog of
// the chosen language, the output streams, and the replica and instruments, both opened on
// first use so that `--help` and `instruments` work without a data directory.

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "client/store/data_dir.h"
#include "shared/core/status.h"
#include "shared/domain/instrument.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {

struct GlobalOptions {
  std::string data_dir;  // --data; empty: from the environment (DataDir::resolve)
  std::string lang;      // --lang; see language_from_args
};

// The language asked for: the last --lang on the command line, else $NASTAVNIK_LANG, else
// "ru". Read before the real parse, so that the help texts are in that language too.
std::string language_from_args(int argc, char** argv);
bool is_known_language(const std::string& lang);

class CliContext {
 public:
  CliContext(Catalog catalog, std::ostream& out, std::ostream& err);

  GlobalOptions& options() { return options_; }
  const Catalog& catalog() const { return catalog_; }
  std::string tr(std::string_view key) const { return catalog_.tr(key); }
  std::string format(std::string_view key, const std::map<std::string, std::string>& params) const {
    return catalog_.format(key, params);
  }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // The data directory (--data or the environment); FailedPrecondition, translated, when
  // that path is a file rather than a folder.
  Result<DataDir> data_dir() const;
  // The device's replica and key, opened on first call. A missing replica is NotFound with
  // a translated message naming the init command; other failures come from DataDir::open.
  Result<DeviceReplica*> replica();
  // assets/instruments, loaded on first call.
  Result<const InstrumentRegistry*> instruments();

 private:
  Catalog catalog_;
  std::ostream& out_;
  std::ostream& err_;
  GlobalOptions options_;
  std::optional<DeviceReplica> replica_;
  std::optional<InstrumentRegistry> instruments_;
};

}  // namespace nastavnik::cli
