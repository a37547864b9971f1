#pragma once
// Small drawing and formatting helpers shared by the views.

#include <cstdint>
#include <string>
#include <vector>

#include "client/ui/frame_context.h"
#include "client/ui/item_marks.h"
#include "client/ui/widgets/trend_chart.h"
#include "shared/domain/write_policy.h"

namespace nastavnik::ui {

// The ISO date `days` after `iso` ("" for text that is not an ISO date).
std::string AddDays(const std::string& iso, int days);
// "сен 2025" / "Sep 2025" for "2025-09" (short month names from the catalog).
std::string MonthLabel(const Catalog& text, const std::string& year_month, bool short_year = false);
// Roles as "Тьютор, Учитель".
std::string RolesLabel(const Catalog& text, const std::vector<std::string>& roles);
// The entity's display name ("Наставническая встреча").
std::string EntityLabel(const Catalog& text, const std::string& entity);

// Schools known to this device, for pickers: the short name people use (the full legal
// name when the registry has no short one) and the full name for tooltips, by short name.
struct SchoolChoice {
  std::string id, name, full_name;
};
std::vector<SchoolChoice> KnownSchools(const AppSnapshot& snap);
// The text of an instrument's localised JSON ({"ru": ..., "en": ...}) in `lang`.
std::string Localised(const nlohmann::json& texts, const std::string& lang);

// The title of a deficit area (an area id of the teacher deficits instrument) in the UI
// language; the id itself when no instrument names it.
std::string DeficitTitle(const FrameContext& ctx, const std::string& area_id);

// A name from a snapshot as people read it: the catalog's text for a person, school or
// pair this replica does not have (view::kNameElsewhere), "—" for none.
std::string ShownName(const Catalog& text, const std::string& name);

// The person using this device as the write rules see them (write_policy.h).
Actor ActorOf(const AppSnapshot& snap);

// A tooltip for the last item that wraps at a readable width, so it never runs off the
// window; shown on hover, also over a disabled item (the reason it is disabled).
void ReasonTooltip(const std::string& text);
// The same for any hovered text, when it is not empty.
void WrappedTooltip(const std::string& text);

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

// One line per area of an assessment trend, for the trend chart (a missing mean is NaN).
std::vector<widgets::LineSeries> TrendSeries(const view::AssessmentTrend& trend);

}  // namespace nastavnik::ui
