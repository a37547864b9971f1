#include "syncserver/store/pg_connection.h"

#include <cstdlib>

namespace nastavnik::pg {
namespace {

// SQLSTATE classes and codes that mean "try again", not "the request is wrong".
bool retryable(const std::string& sqlstate) {
  return sqlstate.starts_with("08") ||  // connection exception
         sqlstate == "40001" ||          // serialization failure
         sqlstate == "40P01" ||          // deadlock detected
         sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||  // shutdown, starting up
         sqlstate == "53300";            // too many connections
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string Rows::text(int row, int col) const {
  return std::string(PQgetvalue(result_.get(), row, col), static_cast<size_t>(PQgetlength(result_.get(), row, col)));
}

int64_t Rows::integer(int row, int col) const { return std::strtoll(PQgetvalue(result_.get(), row, col), nullptr, 10); }

std::string Rows::bytes(int row, int col) const {
  size_t length = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, col)), &length);
  if (!raw) return {};
  std::string out(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return out;
}

std::string Rows::command_status() const { return PQcmdStatus(result_.get()); }

int64_t Rows::affected() const {
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (!conn) return Status::Unavailable("PostgreSQL: out of memory opening a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return Status::Unavailable("PostgreSQL cannot be reached: " + why);
  }
  std::unique_ptr<Connection> c(new Connection(conn));
  // Notices (e.g. "relation already exists, skipping") are for a console, not a server log.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  NASTAVNIK_RETURN_IF_ERROR(c->exec("SET client_min_messages = warning"));
  return c;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

Status Connection::reset() {
  PQreset(conn_);
  prepared_.clear();  // a new session holds none of them
  if (healthy()) return Status::Ok();
  return Status::Unavailable("PostgreSQL cannot be reached: " + trimmed(PQerrorMessage(conn_)));
}

Status Connection::error_of(PGresult* result, const std::string& sql) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  if (!healthy() || retryable(sqlstate))
    return Status::Unavailable("PostgreSQL: " + message + (sqlstate.empty() ? "" : " [" + sqlstate + "]"));
  const std::string head = sql.substr(0, 60);
  return Status::IoError("PostgreSQL: " + message + " [" + sqlstate + "] in: " + head);
}

Result<Rows> Connection::query(const std::string& sql, const std::vector<Param>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size()), formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    values[i] = params[i].value ? params[i].value->data() : nullptr;
    lengths[i] = params[i].value ? static_cast<int>(params[i].value->size()) : 0;
    formats[i] = params[i].binary ? 1 : 0;
  }
  PGresult* result = nullptr;
  if (params.empty()) {  // COMMIT, FETCH...: statements PostgreSQL does not prepare
    result = PQexecParams(conn_, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
  } else {
    auto name = prepared(sql, static_cast<int>(params.size()));
    if (!name.ok()) return name.status();
    result = PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()), values.data(), lengths.data(),
                            formats.data(), 0);
  }
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
  Status error = error_of(result, sql);
  if (result) PQclear(result);
  return error;
}

Result<std::string> Connection::prepared(const std::string& sql, int params) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  const std::string name = "s" + std::to_string(prepared_.size() + 1);
  PGresult* result = PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr);
  const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
  Status error = ok ? Status::Ok() : error_of(result, sql);
  if (result) PQclear(result);
  if (!ok) return error;
  prepared_.emplace(sql, name);
  return name;
}

Status Connection::exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  Status out = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? Status::Ok() : error_of(result, sql);
  if (result) PQclear(result);
  return out;
}

Status Connection::copy_in(const std::string& copy_sql, const std::vector<std::string>& lines) {
  Transaction tx(*this);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  PGresult* started = PQexec(conn_, copy_sql.c_str());
  const bool copying = started && PQresultStatus(started) == PGRES_COPY_IN;
  Status error = copying ? Status::Ok() : error_of(started, copy_sql);
  if (started) PQclear(started);
  if (!copying) return error;
  for (const auto& line : lines)
    if (PQputCopyData(conn_, line.data(), static_cast<int>(line.size())) != 1) break;
  if (PQputCopyEnd(conn_, nullptr) != 1) return Status::Unavailable("PostgreSQL: " + trimmed(PQerrorMessage(conn_)));
  while (PGresult* result = PQgetResult(conn_)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && error.ok()) error = error_of(result, copy_sql);
    PQclear(result);
  }
  NASTAVNIK_RETURN_IF_ERROR(error);
  return tx.commit();
}

Transaction::~Transaction() {
  if (open_) (void)conn_.exec("ROLLBACK");
}

Status Transaction::begin(const std::string& mode) {
  NASTAVNIK_RETURN_IF_ERROR(conn_.exec(mode.empty() ? "BEGIN" : "BEGIN " + mode));
  open_ = true;
  return Status::Ok();
}

Status Transaction::commit() {
  open_ = false;
  NASTAVNIK_ASSIGN_OR_RETURN(Rows done, conn_.query("COMMIT"));
  // A transaction that failed earlier answers COMMIT with ROLLBACK, not with an error.
  if (done.command_status() != "COMMIT")
    return Status::Internal("PostgreSQL rolled the transaction back instead of committing it");
  return Status::Ok();
}

}  // namespace nastavnik::pg
