#pragma once
// A name from a snapshot as people read it: the catalog's text for a person, school or
// pair this replica does not have (view::kNameElsewhere), "—" for none. Screens and
// exports both show names this way.

#include <string>

#include "client/model/view_data.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::view {

inline std::string shown_name(const Catalog& text, const std::string& name) {
  if (name.empty()) return "—";
  if (name == kNameElsewhere) return text.tr("ui.common.name_elsewhere");
  return name;
}

}  // namespace nastavnik::view
