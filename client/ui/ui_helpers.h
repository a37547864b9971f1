#pragma once
// Small drawing and formatting helpers shared by the views.

#include <cstdint>
#include <string>
#include <vector>

#include "client/ui/frame_context.h"

namespace nastavnik::ui {

// "YYYY-MM-DD HH:MM" in local time; "" for 0.
std::string FormatTime(uint64_t unix_ms);
// "сен 2025" / "Sep 2025" for "2025-09" (short month names from the catalog).
std::string MonthLabel(const Catalog& text, const std::string& year_month, bool short_year = false);
// Roles as "Тьютор, Учитель".
std::string RolesLabel(const Catalog& text, const std::vector<std::string>& roles);
// The entity's display name ("Наставническая встреча").
std::string EntityLabel(const Catalog& text, const std::string& entity);

// Schools known to this device, for pickers (id, name), sorted by name.
struct SchoolChoice {
  std::string id, name;
};
std::vector<SchoolChoice> KnownSchools(const AppSnapshot& snap);
// The text of an instrument's localised JSON ({"ru": ..., "en": ...}) in `lang`.
std::string Localised(const nlohmann::json& texts, const std::string& lang);

// The title of a deficit area (an area id of the teacher deficits instrument) in the UI
// language; the id itself when no instrument names it.
std::string DeficitTitle(const FrameContext& ctx, const std::string& area_id);

// A section title: larger font when available, then a separator.
void SectionTitle(const FrameContext& ctx, const std::string& title);
// Greyed explanatory text that wraps.
void Hint(const std::string& text);
// Wrapped text in the error / success colour.
void ErrorText(const std::string& text);
void SuccessText(const std::string& text);
void WarningText(const std::string& text);
// A big number with a caption under it (status cards). `caption_key` is a catalog pattern
// that takes the number as {count}, so the caption agrees with it («1 изменение», «5 изменений»).
void StatCard(const FrameContext& ctx, const char* id, int64_t value, const char* caption_key, bool alert);
// A button that is greyed out and inert when `enabled` is false.
bool Button(const std::string& label, bool enabled = true);

}  // namespace nastavnik::ui
