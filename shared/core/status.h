#pragma once
// Status and Result: every call that can fail for reasons outside the code (disk, SQLite,
// a bad signature, malformed input) returns one of these instead of throwing.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace nastavnik {

enum class StatusCode {
  kOk,
  kInvalidArgument,   // the caller's input is wrong (bad field, bad flag)
  kNotFound,          // unknown record, file or key
  kCorruption,        // stored or received bytes are damaged
  kIoError,           // the disk or the OS refused
  kPermissionDenied,  // the actor may not do this
  kUnauthenticated,   // signature or identity could not be verified
  kFailedPrecondition,// the state does not allow it (not initialised, already exists)
  kConflict,          // a sequence gap, a replay, a clash with stored state
  kUnavailable,       // the network or a peer is not reachable
  kServerFault,       // the server was reached and said it failed (HTTP 5xx): not the
                      // caller's fault; the same request can be retried later
  kInternal,          // a bug: an invariant did not hold
};

const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status ServerFault(std::string m) { return {StatusCode::kServerFault, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corruption: <message>", or "ok".
  std::string to_string() const;
  // The same status with "<context>: " put in front of the message.
  Status with_context(const std::string& context) const;

 private:
  Status(StatusCode c, std::string m) : code_(c), message_(std::move(m)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}          // NOLINT: must not be ok
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace nastavnik

#define NASTAVNIK_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::nastavnik::Status _st = (expr);            \
    if (!_st.ok()) return _st;                   \
  } while (0)

#define NASTAVNIK_CONCAT_INNER(a, b) a##b
#define NASTAVNIK_CONCAT(a, b) NASTAVNIK_CONCAT_INNER(a, b)
#define NASTAVNIK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                     \
  if (!tmp.ok()) return tmp.status();                    \
  lhs = std::move(tmp).value()
// NASTAVNIK_ASSIGN_OR_RETURN(auto x, compute()); returns the Status on failure.
#define NASTAVNIK_ASSIGN_OR_RETURN(lhs, expr) \
  NASTAVNIK_ASSIGN_OR_RETURN_IMPL(NASTAVNIK_CONCAT(_res_, __LINE__), lhs, expr)
