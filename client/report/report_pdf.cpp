#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "client/report/report_file.h"
#include "client/report/report_writers.h"

namespace nastavnik::report {
namespace {

// "№ 2" stays on one line: the sign and its number are joined by a no-break space.
std::string keep_numbers_together(std::string text) {
  for (size_t at = text.find("№ "); at != std::string::npos; at = text.find("№ ", at))
    text.replace(at + std::string("№").size(), 1, "\u00a0");
  return text;
}

// A4 in points, with 2 cm margins.
constexpr double kPageW = 595.276, kPageH = 841.89, kMargin = 56.7;
constexpr double kBodyW = kPageW - 2 * kMargin;

// Draws text with pango into a page, wrapping at word boundaries, and moves down.
class PdfPages {
 public:
  explicit PdfPages(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr), g_object_unref) {}

  // Height of `text` set in `font` at `width` points.
  double measure(const std::string& text, const char* font, double width) {
    set(text, font, width);
    int w = 0, h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(const std::string& text, const char* font, double x, double width, double y) {
    set(text, font, width);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
  }
  // A paragraph at the current position; a new page first when it does not fit.
  void paragraph(const std::string& text, const char* font, double space_after = 6) {
    const double h = measure(text, font, kBodyW);
    if (y_ + h > kPageH - kMargin) new_page();
    draw(text, font, kMargin, kBodyW, y_);
    y_ += h + space_after;
  }
  // A table row: cells at the given widths; a new page (with `header` repeated) when the
  // row does not fit.
  double row_height(const std::vector<std::string>& cells, const std::vector<double>& widths, const char* font) {
    double h = 0;
    for (size_t i = 0; i < cells.size(); ++i) h = std::max(h, measure(cells[i], font, widths[i] - 6));
    return h + 6;
  }
  bool fits(double height) const { return y_ + height <= kPageH - kMargin; }
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths, const char* font,
           bool shaded = false) {
    const double h = row_height(cells, widths, font);
    if (!fits(h)) new_page();
    if (shaded) {
      cairo_set_source_rgb(cr_, 0.90, 0.93, 0.97);
      cairo_rectangle(cr_, kMargin, y_, kBodyW, h);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    double x = kMargin;
    for (size_t i = 0; i < cells.size(); ++i) {
      draw(cells[i], font, x + 3, widths[i] - 6, y_ + 3);
      x += widths[i];
    }
    cairo_set_line_width(cr_, 0.4);
    cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
    cairo_move_to(cr_, kMargin, y_ + h);
    cairo_line_to(cr_, kMargin + kBodyW, y_ + h);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    y_ += h;
  }
  void new_page() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }
  void move_to(double y) { y_ = y; }
  void skip(double dy) { y_ += dy; }

 private:
  void set(const std::string& text, const char* font, double width) {
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout_.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    const std::string shown = keep_numbers_together(text);
    pango_layout_set_text(layout_.get(), shown.c_str(), -1);
  }

  cairo_t* cr_;
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout_;
  double y_ = kMargin;
};

void title_page(PdfPages& pages, const Report& report, const Catalog& text) {
  pages.move_to(kPageH * 0.3);
  pages.paragraph(report.municipality, "DejaVu Sans 14", 18);
  pages.paragraph(report.title, "DejaVu Sans Bold 22", 12);
  pages.paragraph(report.period_name, "DejaVu Sans 14", 30);
  pages.paragraph(text.render(Message("report.compared_with").with("period", report.previous_name)), "DejaVu Sans 11");
  if (!report.as_of.empty())
    pages.paragraph(text.render(Message("report.as_of").with("date", text.date(report.as_of))), "DejaVu Sans 11");
  pages.paragraph(text.tr("report.legend"), "DejaVu Sans 9");
}

void table_pages(PdfPages& pages, const ReportTable& table, const Report& report, const Catalog& text) {
  pages.new_page();
  pages.paragraph(table.title, "DejaVu Sans Bold 14", 10);
  const bool by_subject = table.key != "municipality";
  std::vector<std::string> header;
  std::vector<double> widths;
  if (by_subject) {
    header.push_back(text.tr("report.col.subject"));
    widths.push_back(130);
  }
  for (const std::string& h : {text.tr("report.col.indicator"), report.period_id, report.previous_id,
                               text.tr("report.col.change")})
    header.push_back(h);
  const double rest = kBodyW - (by_subject ? 130 : 0) - 2 * 62 - 72;
  widths.insert(widths.end(), {rest, 62, 62, 72});
  constexpr const char* kHeaderFont = "DejaVu Sans Bold 8";
  constexpr const char* kFont = "DejaVu Sans 8";
  pages.row(header, widths, kHeaderFont, true);
  std::string last_subject;
  for (const ReportRow& row : table.rows) {
    std::vector<std::string> cells;
    // A pair's or school's name once, above its indicators.
    if (by_subject) cells.push_back(row.subject == last_subject ? "" : row.subject);
    cells.push_back(row.indicator);
    cells.push_back(shown_value(text, row.unit, row.value));
    cells.push_back(shown_value(text, row.unit, row.previous));
    std::string change = direction_mark(row.direction);
    if (!change.empty() && row.direction != "same") change += row.better ? " " + text.tr("report.better") : " " + text.tr("report.worse");
    cells.push_back(change);
    // A row that starts a page repeats the header and names its pair or school again.
    if (!pages.fits(pages.row_height(cells, widths, kFont))) {
      pages.new_page();
      pages.row(header, widths, kHeaderFont, true);
      if (by_subject) cells[0] = row.subject;
    }
    pages.row(cells, widths, kFont);
    last_subject = row.subject;
  }
}

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
      PdfPages pages(cr);
      title_page(pages, report, text);
      for (const ReportTable& table : report.tables) table_pages(pages, table, report, text);
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
