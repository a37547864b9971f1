#pragma once
// An op is one write to one record, stamped with one clock value: a create or edit
// (field values and set element changes) or a delete (a tombstone). Ops are what devices
// exchange; the state of a replica is a pure function of the set of ops it has seen.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/hlc.h"
#include "shared/core/status.h"

namespace nastavnik {

enum class OpKind { kUpsert, kDelete };

struct Op {
  OpKind kind = OpKind::kUpsert;
  std::string entity;
  std::string id;      // the record id (UUID)
  Hlc hlc;             // unique per op: it names the op
  std::string author;  // id of the person who wrote it (may be empty before enrollment)
  // Last-writer-wins fields: name -> value (null clears the field).
  nlohmann::json fields = nlohmann::json::object();
  // For each field in `fields`: the stamp of the version the writer saw when writing
  // (absent when the writer saw none). For a delete, "_record" is the newest stamp of the
  // record that the deleter saw. This is what makes conflicts detectable.
  std::map<std::string, Hlc> bases;
  // Element-set fields: elements added and removed by this op.
  std::map<std::string, std::set<std::string>> added;
  std::map<std::string, std::set<std::string>> removed;

  bool operator==(const Op&) const = default;
};

// Compact JSON form (see docs/PROTOCOL.md, "Op"):
// {"k":"u"|"d","e":entity,"i":id,"h":hlc,"a":author,"f":{..},"b":{..},"+":{..},"-":{..}}
nlohmann::json op_to_json(const Op& op);
// Strict: unknown keys, wrong types or malformed stamps give InvalidArgument.
Result<Op> op_from_json(const nlohmann::json& j);
// The same, taking the field values out of `j` instead of copying them.
Result<Op> op_from_json(nlohmann::json&& j);

// Checks an op against the domain schema: known entity and fields, set fields only in
// "+"/"-", LWW fields only in "f", values of the right type. Does not check authorization.
Status check_op_shape(const Op& op);

inline constexpr const char* kRecordBase = "_record";

}  // namespace nastavnik
