#pragma once
// Field-level validation of records against the domain schema. Errors carry a message key
// from assets/i18n (validation.*) and its parameters, so every front end can show them in
// the user's language.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/schema.h"

namespace nastavnik {

class Catalog;

struct FieldError {
  std::string entity;
  std::string field;
  std::string key;                            // e.g. "validation.required"
  std::map<std::string, std::string> params;  // e.g. {"min": "1", "max": "5"}
};

// Checks a whole record (all current fields, sets as JSON arrays) against the schema:
// unknown fields, types, required fields, enum values, ranges, date formats and order,
// id formats. Returns every problem found, not just the first; empty means valid.
std::vector<FieldError> validate_record(const EntitySchema& entity, const nlohmann::json& fields);

// Checks one value of `field` alone (type, format, range, enum, length): what an op may
// carry, where record-level rules (required fields, date order) do not apply. Empty: valid.
std::vector<FieldError> validate_value(const EntitySchema& entity, const FieldSchema& field, const nlohmann::json& value);

// True for a real calendar date written "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

// "Field «Тема» is required"-style text in the catalog's language.
std::string render_error(const FieldError& error, const Catalog& catalog);
// All errors on one line, separated by "; ".
std::string render_errors(const std::vector<FieldError>& errors, const Catalog& catalog);

// InvalidArgument carrying the rendered errors, or Ok when there are none.
Status to_status(const std::vector<FieldError>& errors, const Catalog& catalog);

}  // namespace nastavnik
