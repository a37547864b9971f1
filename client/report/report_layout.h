#pragma once
// The printed report laid out on A4 pages with cairo and pango — title page, the
// municipality's indicators, the charts, the tables by pair and school, the sections —
// onto any target: the PDF file (report_pdf.cpp) or page images for the preview in the
// window (report_preview.cpp).

#include <cairo.h>

#include "client/report/report_tables.h"

namespace nastavnik::report {

// A4 in points.
inline constexpr double kPageW = 595.276, kPageH = 841.89;

// Where the pages go. cr() is the context of the current page, in points.
class PageTarget {
 public:
  virtual ~PageTarget() = default;
  virtual cairo_t* cr() = 0;
  // The current page is complete; drawing continues on a fresh one.
  virtual void next_page() = 0;
};

void lay_out_report(PageTarget& target, const Report& report, const Catalog& text);

}  // namespace nastavnik::report
