#include "client/report/report_preview.h"

#include <cmath>

#include "client/report/report_layout.h"

namespace nastavnik::report {
namespace {

// A white image surface per page; a finished page's pixels are kept while fewer than
// `max_pages` are, the rest only counted.
class ImageTarget : public PageTarget {
 public:
  ImageTarget(double scale, int max_pages) : scale_(scale), max_pages_(max_pages) { begin(); }
  ~ImageTarget() override { drop(); }
  ImageTarget(const ImageTarget&) = delete;
  ImageTarget& operator=(const ImageTarget&) = delete;

  cairo_t* cr() override { return cr_; }
  void next_page() override {
    finish();
    begin();
  }
  // Completes the last page.
  ReportPreview take() {
    finish();
    return std::move(preview_);
  }
  cairo_status_t status() const { return status_; }

 private:
  void begin() {
    drop();
    const int w = static_cast<int>(std::lround(kPageW * scale_)), h = static_cast<int>(std::lround(kPageH * scale_));
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cr_ = cairo_create(surface_);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_scale(cr_, scale_, scale_);
  }
  void finish() {
    if (!surface_) return;
    if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) status_ = cairo_status(cr_);
    ++preview_.total_pages;
    if (static_cast<int>(preview_.pages.size()) < max_pages_) preview_.pages.push_back(pixels());
    drop();
  }
  // Cairo keeps ARGB32 as premultiplied native-endian words; the page is opaque white
  // underneath, so the colour channels are the colour.
  PageImage pixels() {
    cairo_surface_flush(surface_);
    PageImage page;
    page.width = cairo_image_surface_get_width(surface_);
    page.height = cairo_image_surface_get_height(surface_);
    const int stride = cairo_image_surface_get_stride(surface_);
    const unsigned char* data = cairo_image_surface_get_data(surface_);
    page.rgba.resize(static_cast<size_t>(page.width) * static_cast<size_t>(page.height) * 4);
    for (int y = 0; y < page.height; ++y) {
      const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
      uint8_t* out = page.rgba.data() + static_cast<size_t>(y) * static_cast<size_t>(page.width) * 4;
      for (int x = 0; x < page.width; ++x) {
        const uint32_t argb = row[x];
        out[4 * x + 0] = static_cast<uint8_t>(argb >> 16);
        out[4 * x + 1] = static_cast<uint8_t>(argb >> 8);
        out[4 * x + 2] = static_cast<uint8_t>(argb);
        out[4 * x + 3] = 255;
      }
    }
    return page;
  }
  void drop() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
    cr_ = nullptr;
    surface_ = nullptr;
  }

  double scale_;
  int max_pages_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  cairo_status_t status_ = CAIRO_STATUS_SUCCESS;
  ReportPreview preview_;
};

}  // namespace

Result<ReportPreview> render_report_preview(const Report& report, const Catalog& text, double pixels_per_point,
                                            int max_pages) {
  if (pixels_per_point <= 0 || pixels_per_point > 4)
    return Status::InvalidArgument("a preview is drawn at 0 to 4 pixels per point");
  ImageTarget target(pixels_per_point, max_pages);
  lay_out_report(target, report, text);
  ReportPreview preview = target.take();
  if (target.status() != CAIRO_STATUS_SUCCESS)
    return Status::Internal(std::string("the preview could not be drawn: ") + cairo_status_to_string(target.status()));
  return preview;
}

}  // namespace nastavnik::report
