#pragma once
// Where a central store lives, written as one address: `sqlite:PATH` (a bare PATH means the
// same) or `postgresql://…` (`postgres://…`), a libpq connection URI.

#include <filesystem>
#include <string>

#include "shared/core/status.h"

namespace nastavnik::server {

struct StoreAddress {
  enum class Engine { kSqlite, kPostgresql };
  Engine engine = Engine::kSqlite;
  std::string target;  // the file of a SQLite store; the connection URI of a PostgreSQL one
  // Safe to print: a PostgreSQL password is replaced by "***".
  std::string display() const;
};

// InvalidArgument for an empty address or an unknown scheme (e.g. "mysql://").
Result<StoreAddress> parse_store_address(const std::string& text);

}  // namespace nastavnik::server
