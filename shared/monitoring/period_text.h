#pragma once
// A half-year as people name it, in the reader's language: «1-е полугодие 2026/27».

#include <string>

#include "shared/i18n/catalog.h"
#include "shared/monitoring/period.h"

namespace nastavnik::monitoring {

std::string period_label(const Catalog& text, const Period& period);
// The same for a period written "2026/27-1"; the text itself when it is not one.
std::string period_label(const Catalog& text, const std::string& period_id);

}  // namespace nastavnik::monitoring
