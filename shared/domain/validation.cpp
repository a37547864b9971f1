#include "shared/domain/validation.h"

#include <cmath>

#include "shared/core/control_characters.h"
#include "shared/core/ids.h"
#include "shared/i18n/catalog.h"
#include "shared/monitoring/period.h"

namespace nastavnik {
namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string number_text(double v) {
  if (std::floor(v) == v) return std::to_string(static_cast<long long>(v));
  std::string s = std::to_string(v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

class Checker {
 public:
  explicit Checker(const EntitySchema& e) : entity_(e) {}
  std::vector<FieldError> errors;

  void error(const std::string& field, const char* key, std::map<std::string, std::string> p = {}) {
    errors.push_back(FieldError{entity_.name, field, key, std::move(p)});
  }

  void check_value(const FieldSchema& f, const json& v) {
    switch (f.type) {
      case FieldType::kText:
        if (!v.is_string() || !is_utf8(v.get_ref<const std::string&>())) return error(f.name, "validation.type_text");
        if (has_control_characters(v.get_ref<const std::string&>()))
          return error(f.name, "validation.control_character");
        if (utf8_length(v.get_ref<const std::string&>()) > f.max_length)
          error(f.name, "validation.too_long", {{"max", std::to_string(f.max_length)}});
        return;
      case FieldType::kInt:
        if (!v.is_number_integer()) return error(f.name, "validation.type_int");
        return check_range(f, v.get<double>());
      case FieldType::kReal:
        if (!v.is_number()) return error(f.name, "validation.type_real");
        return check_range(f, v.get<double>());
      case FieldType::kBool:
        if (!v.is_boolean()) error(f.name, "validation.type_bool");
        return;
      case FieldType::kDate:
        if (!v.is_string() || !is_iso_date(v.get_ref<const std::string&>()))
          error(f.name, "validation.date_format");
        return;
      case FieldType::kEnum:
        return check_enum(f, v);
      case FieldType::kRef:
        if (!v.is_string() || !is_record_id(v.get_ref<const std::string&>()))
          error(f.name, "validation.ref_format");
        return;
      case FieldType::kTextSet:
      case FieldType::kEnumSet:
      case FieldType::kRefSet:
        return check_set(f, v);
      case FieldType::kObject:
        if (!v.is_object()) error(f.name, "validation.type_object");
        return;
      case FieldType::kPeriod:
        if (!v.is_string() || !monitoring::Period::parse(v.get_ref<const std::string&>()))
          error(f.name, "validation.period_format");
        return;
    }
  }

 private:
  const EntitySchema& entity_;

  // Well-formed UTF-8 (no stray continuation bytes, no truncated sequences).
  static bool is_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
      if (n == 0 || i + n > s.size()) return false;
      for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
      i += n;
    }
    return true;
  }

  static size_t utf8_length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xc0) != 0x80;
    return n;
  }

  void check_range(const FieldSchema& f, double v) {
    if ((f.min && v < *f.min) || (f.max && v > *f.max))
      error(f.name, "validation.range",
            {{"min", number_text(f.min.value_or(v))}, {"max", number_text(f.max.value_or(v))}});
  }

  void check_enum(const FieldSchema& f, const json& v) {
    const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    for (const auto& allowed : f.enum_values)
      if (v.is_string() && allowed == text) return;
    error(f.name, "validation.enum", {{"value", text}, {"allowed", join(f.enum_values)}});
  }

  void check_set(const FieldSchema& f, const json& v) {
    if (!v.is_array()) return error(f.name, "validation.type_set");
    for (const auto& item : v) {
      if (!item.is_string()) return error(f.name, "validation.type_set");
      if (f.type == FieldType::kEnumSet) check_enum(f, item);
      if (f.type == FieldType::kRefSet && !is_record_id(item.get_ref<const std::string&>()))
        return error(f.name, "validation.ref_format");
      if (f.type == FieldType::kTextSet && has_control_characters(item.get_ref<const std::string&>()))
        return error(f.name, "validation.control_character");
      if (f.type == FieldType::kTextSet && utf8_length(item.get_ref<const std::string&>()) > f.max_length)
        return error(f.name, "validation.too_long", {{"max", std::to_string(f.max_length)}});
    }
  }
};

bool is_present(const json& fields, const std::string& name) {
  auto it = fields.find(name);
  if (it == fields.end() || it->is_null()) return false;
  if (it->is_string() && it->get_ref<const std::string&>().empty()) return false;
  if (it->is_array() && it->empty()) return false;
  return true;
}

}  // namespace

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return false;
  const int y = std::stoi(std::string(t.substr(0, 4)));
  const int m = std::stoi(std::string(t.substr(5, 2)));
  const int d = std::stoi(std::string(t.substr(8, 2)));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::vector<FieldError> validate_record(const EntitySchema& entity, const json& fields) {
  Checker c(entity);
  if (!fields.is_object()) {
    c.error("", "validation.type_object");
    return c.errors;
  }
  for (const auto& [name, value] : fields.items()) {
    const FieldSchema* f = entity.field(name);
    if (!f) {
      c.error(name, "validation.unknown_field");
      continue;
    }
    if (!value.is_null()) c.check_value(*f, value);
  }
  for (const auto& f : entity.fields)
    if (f.required && !is_present(fields, f.name)) c.error(f.name, "validation.required");
  for (const auto& f : entity.fields) {
    if (f.not_before.empty() || !is_present(fields, f.name) || !is_present(fields, f.not_before))
      continue;
    const json& later = fields[f.name];
    const json& earlier = fields[f.not_before];
    if (later.is_string() && earlier.is_string() && later.get<std::string>() < earlier.get<std::string>())
      c.error(f.name, "validation.date_order", {{"other", f.not_before}});
  }
  if (!entity.one_of_required.empty()) {
    bool any = false;
    for (const auto& name : entity.one_of_required) any = any || is_present(fields, name);
    if (!any) c.error(join(entity.one_of_required), "validation.one_of_required");
  }
  return c.errors;
}

std::vector<FieldError> validate_value(const EntitySchema& entity, const FieldSchema& field, const json& value) {
  Checker c(entity);
  if (!value.is_null()) c.check_value(field, value);
  return c.errors;
}

std::string render_error(const FieldError& e, const Catalog& catalog) {
  std::map<std::string, std::string> params = e.params;
  if (!e.field.empty()) params["field"] = catalog.field_label(e.entity, e.field);
  if (params.count("other")) params["other"] = catalog.field_label(e.entity, params["other"]);
  return catalog.format(e.key, params);
}

std::string render_errors(const std::vector<FieldError>& errors, const Catalog& catalog) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + render_error(e, catalog);
  return out;
}

Status to_status(const std::vector<FieldError>& errors, const Catalog& catalog) {
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(render_errors(errors, catalog));
}

}  // namespace nastavnik
