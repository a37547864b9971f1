#include <cairo-pdf.h>

#include "client/report/report_file.h"
#include "client/report/report_layout.h"
#include "client/report/report_writers.h"

namespace nastavnik::report {
namespace {

// One PDF surface; a page is shown when the next begins.
class PdfTarget : public PageTarget {
 public:
  explicit PdfTarget(cairo_t* cr) : cr_(cr) {}
  cairo_t* cr() override { return cr_; }
  void next_page() override { cairo_show_page(cr_); }

 private:
  cairo_t* cr_;
};

}  // namespace

Status write_report_pdf(const Report& report, const Catalog& text, const std::filesystem::path& out) {
  return write_via_temp(out, [&](const std::filesystem::path& tmp) -> Status {
    cairo_surface_t* surface = cairo_pdf_surface_create(tmp.c_str(), kPageW, kPageH);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
      const std::string why = cairo_status_to_string(cairo_surface_status(surface));
      cairo_surface_destroy(surface);
      return Status::Unavailable("cannot create " + tmp.string() + ": " + why);
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (report.title + " — " + report.period_name).c_str());
    cairo_t* cr = cairo_create(surface);
    {
      PdfTarget target(cr);
      lay_out_report(target, report, text);
      cairo_show_page(cr);
    }
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t finished = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS)
      return Status::Unavailable("cannot write " + tmp.string() + ": " +
                                 cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : finished));
    return Status::Ok();
  });
}

}  // namespace nastavnik::report
