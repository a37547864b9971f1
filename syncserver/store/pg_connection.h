#pragma once
// A thin layer over libpq for the PostgreSQL store: a connection, statements with
// parameters sent apart from the SQL text (never spliced in), rows read as text, and a
// transaction that rolls back unless committed. Errors become Status codes a server can act
// on: an unreachable or restarting database is Unavailable (the device is asked to retry,
// it is not its fault), a serialization failure or deadlock is Unavailable too, anything
// else keeps PostgreSQL's own message.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/core/status.h"

namespace nastavnik::pg {

// One parameter of a statement: text, or bytes sent as bytea.
struct Param {
  std::optional<std::string> value;  // nullopt: SQL NULL
  bool binary = false;
};
inline Param text(std::string v) { return Param{std::move(v), false}; }
inline Param integer(int64_t v) { return Param{std::to_string(v), false}; }
inline Param bytes(std::string v) { return Param{std::move(v), true}; }
inline Param null() { return Param{std::nullopt, false}; }
inline Param maybe_text(const std::optional<std::string>& v) { return v ? text(*v) : null(); }

class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result, &PQclear) {}
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  bool is_null(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
  std::string text(int row, int col) const;
  int64_t integer(int row, int col) const;
  // A bytea column, decoded from the text form libpq gives.
  std::string bytes(int row, int col) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  int64_t affected() const;
  std::string command_status() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class Connection {
 public:
  // `uri` is a libpq connection string or URI. Unavailable when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> open(const std::string& uri);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<Rows> query(const std::string& sql, const std::vector<Param>& params = {});
  // Runs one or more statements without parameters.
  Status exec(const std::string& sql);
  // Runs `copy_sql` (COPY ... FROM STDIN) with `lines` as its data, in one transaction.
  Status copy_in(const std::string& copy_sql, const std::vector<std::string>& lines);
  // False when the connection was lost (the server restarted, the network failed).
  bool healthy() const;
  // Connects again after a loss.
  Status reset();

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Status error_of(PGresult* result, const std::string& sql) const;
  // The name of `sql` prepared on this connection (prepared on first use): PostgreSQL then
  // parses and plans each statement once per connection, not once per call.
  Result<std::string> prepared(const std::string& sql, int params);
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

// BEGIN on construction of begin(), ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Connection& conn) : conn_(conn) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // `mode`: e.g. "ISOLATION LEVEL REPEATABLE READ READ ONLY"; empty for READ COMMITTED.
  Status begin(const std::string& mode = "");
  Status commit();

 private:
  Connection& conn_;
  bool open_ = false;
};

}  // namespace nastavnik::pg
