#include "shared/monitoring/period_text.h"

namespace nastavnik::monitoring {

std::string period_label(const Catalog& text, const Period& period) {
  return text.render(Message("ui.monitoring.period_label")
                         .with("half", period.half() == 1 ? "first" : "second")
                         .with("years", period.school_year()));
}

std::string period_label(const Catalog& text, const std::string& period_id) {
  const auto period = Period::parse(period_id);
  return period ? period_label(text, *period) : period_id;
}

}  // namespace nastavnik::monitoring
