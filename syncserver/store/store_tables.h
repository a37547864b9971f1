#pragma once
// The tables every central store engine holds, with the same columns in each (SQLite:
// sqlite_central_store.cpp, PostgreSQL: postgres_schema.h), in the order a copy fills
// them (store_copy.h) and each read in a fixed order, so two stores compare row by row.

#include <string>
#include <vector>

namespace nastavnik::server {

struct StoreTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> binary;  // columns holding bytes, not text
  // The order rows are read in; empty: the order of arrival (SQLite's rowid, PostgreSQL's
  // arrival column), which the changeset archive is exported in.
  std::string order_by;
  bool is_binary(const std::string& column) const;
};

const std::vector<StoreTable>& store_tables();
// The table named `name`, or nullptr.
const StoreTable* store_table(const std::string& name);

}  // namespace nastavnik::server
