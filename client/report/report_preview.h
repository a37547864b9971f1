#pragma once
// The printed report as page images, for the preview in the window: the same layout as the
// PDF (report_layout.h) drawn on image surfaces, handed over as plain RGBA pixels so the
// window can show them without knowing cairo.

#include <cstdint>
#include <vector>

#include "client/report/report_tables.h"
#include "shared/core/status.h"

namespace nastavnik::report {

struct PageImage {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4, rows top to bottom
};

struct ReportPreview {
  std::vector<PageImage> pages;  // the first `max_pages` pages
  int total_pages = 0;           // pages of the whole report
};

// `pixels_per_point`: 1 gives 595 × 842 pixels per A4 page.
Result<ReportPreview> render_report_preview(const Report& report, const Catalog& text, double pixels_per_point,
                                            int max_pages);

}  // namespace nastavnik::report
