#include "shared/sqlite/sqlite_db.h"

#include "shared/sqlite/clean_close_stamp.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace nastavnik::sql {
namespace fs = std::filesystem;
namespace {

// Files of older versions were created readable by others: tighten them (the database and
// its -wal and -shm files) to the owner alone when they are opened.
void make_private(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = path.string() + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) ::chmod(file.c_str(), st.st_mode & 0700);
  }
}

bool has_sqlite_header(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const fs::path& path, Mode mode) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (mode == Mode::kOpenExisting && !exists)
    return Status::NotFound(path.string() + " does not exist");
  if (mode == Mode::kCreateNew && exists)
    return Status::FailedPrecondition(path.string() + " already exists");
  if (mode == Mode::kOpenExisting && fs::file_size(path, ec) == 0)
    return Status::Corruption(path.string() + " is empty, not a database; it was left untouched");
  if (exists && !has_sqlite_header(path))
    return Status::Corruption(path.string() + " is not a database file (damaged or wrong file); it was left untouched");
  if (exists) make_private(path);
  if (mode == Mode::kCreateNew) {
    // Created by us, readable by the owner alone: SQLite gives the -wal and -shm files the
    // mode of the database file, so personal data never lands in a file others can read.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::IoError("cannot create " + path.string() + ": " + std::strerror(errno));
    ::close(fd);
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, connect(path));
  // quick_check reads every page: a truncated or scribbled file is caught here, before
  // anything is written to it — when it may have changed since our last clean close.
  const bool unchanged = exists && unchanged_since_clean_close(path);
  if (exists && !unchanged) {
    db->checked_fully_ = true;
    auto st = db->prepare("PRAGMA quick_check");
    if (!st.ok()) return st.status().code() == StatusCode::kCorruption
                             ? Status::Corruption(path.string() + " is damaged (" + st.status().message() + "); it was left untouched")
                             : st.status();
    auto row = st->step();
    if (!row.ok() || !*row || st->text(0) != "ok")
      return Status::Corruption(path.string() + " is damaged (integrity check failed: " +
                                (row.ok() && *row ? st->text(0) : row.status().message()) +
                                "); it was left untouched");
  }
  return db;
}

Result<std::unique_ptr<Database>> Database::open_reader(const fs::path& path) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, connect(path));
  NASTAVNIK_RETURN_IF_ERROR(db->exec("PRAGMA query_only=1"));
  return db;
}

Result<std::unique_ptr<Database>> Database::connect(const fs::path& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<Database> db(new Database(raw, path));
  if (rc != SQLITE_OK) return db->error("cannot open " + path.string());
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Database::~Database() {
  cache_->close();
  // Only a close that really happened (no statement left open) leaves the file as stamped.
  if (sqlite3_close(db_) == SQLITE_OK) {
    if (tracking_clean_close_) record_clean_close(path_);
  } else {
    sqlite3_close_v2(db_);
  }
}

void Database::track_clean_close() {
  forget_clean_close(path_);
  tracking_clean_close_ = true;
}

Status Database::error(std::string_view what) const {
  const int code = db_ ? sqlite3_errcode(db_) & 0xff : SQLITE_CANTOPEN;
  std::string msg = std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
  switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Corruption(msg);
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return Status::IoError(msg);
    case SQLITE_CONSTRAINT: return Status::Conflict(msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable(msg + " (another program is using the file)");
    default: return Status::Internal(msg);
  }
}

Status Database::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return error("sql");
  }
  return Status::Ok();
}

Result<Statement> Database::prepare(std::string_view sql) {
  std::string text(sql);
  if (sqlite3_stmt* kept = cache_->take(text)) return Statement(this, kept, cache_, std::move(text));
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return error("prepare");
  return Statement(this, stmt, cache_, std::move(text));
}

sqlite3_stmt* StatementCache::take(const std::string& sql) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = kept_.find(sql);
  if (it == kept_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  kept_.erase(it);
  return stmt;
}

void StatementCache::give_back(std::string sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closed_ && kept_.count(sql) < kMaxCopiesPerText) {
      kept_.emplace(std::move(sql), stmt);
      return;
    }
  }
  sqlite3_finalize(stmt);
}

void StatementCache::close() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  for (auto& [sql, stmt] : kept_) sqlite3_finalize(stmt);
  kept_.clear();
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Statement::~Statement() {
  if (!stmt_) return;
  if (cache_) cache_->give_back(std::move(sql_), stmt_);
  else sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::bind_opt(int i, const std::optional<std::string>& text) {
  return text ? bind(i, *text) : bind_null(i);
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error("step");
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string();
}
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Transaction::Transaction(Database& db) : db_(db) {}
Transaction::~Transaction() {
  if (open_) (void)db_.exec("ROLLBACK");
}
Status Transaction::begin() {
  NASTAVNIK_RETURN_IF_ERROR(db_.exec("BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}
Status Transaction::commit() {
  NASTAVNIK_RETURN_IF_ERROR(db_.exec("COMMIT"));
  open_ = false;
  return Status::Ok();
}

Result<ReadTransaction> ReadTransaction::begin(Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(db.exec("BEGIN DEFERRED"));
  return ReadTransaction(&db);
}

ReadTransaction::~ReadTransaction() {
  if (db_ && !db_->exec("COMMIT").ok()) (void)db_->exec("ROLLBACK");
}

}  // namespace nastavnik::sql
