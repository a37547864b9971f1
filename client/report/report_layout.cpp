#include "client/report/report_layout.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace nastavnik::report {
namespace {


// "№ 2" stays on one line: the sign and its number are joined by a no-break space.
std::string keep_numbers_together(std::string text) {
  for (size_t at = text.find("№ "); at != std::string::npos; at = text.find("№ ", at))
    text.replace(at + std::string("№").size(), 1, "\u00a0");
  return text;
}

// 2 cm margins.
constexpr double kMargin = 56.7;
constexpr double kBodyW = kPageW - 2 * kMargin;

// Draws text with pango into a page, wrapping at word boundaries, and moves down.
class ReportPages {
 public:
  explicit ReportPages(PageTarget& target)
      : target_(target), cr_(target.cr()), layout_(pango_cairo_create_layout(cr_), g_object_unref) {}

  // Height of `text` set in `font` at `width` points.
  double measure(const std::string& text, const char* font, double width) {
    set(text, font, width);
    int w = 0, h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  // Width of the widest word of `text` in `font`: a column narrower than this would break it.
  double widest_word(const std::string& text, const char* font) {
    double widest = 0;
    size_t start = 0;
    while (start <= text.size()) {
      const size_t end = std::min(text.find_first_of(" \n", start), text.size());
      if (end > start) {
        set(text.substr(start, end - start), font, -1);
        int w = 0, h = 0;
        pango_layout_get_size(layout_.get(), &w, &h);
        widest = std::max(widest, static_cast<double>(w) / PANGO_SCALE);
      }
      start = end + 1;
    }
    return widest;
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
    target_.next_page();
    // An image target draws each page on a new surface: the layout follows it.
    cr_ = target_.cr();
    pango_cairo_update_layout(cr_, layout_.get());
    y_ = kMargin;
  }
  void move_to(double y) { y_ = y; }
  double y() const { return y_; }
  cairo_t* cr() const { return cr_; }
  void skip(double dy) { y_ += dy; }

 private:
  void set(const std::string& text, const char* font, double width) {
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout_.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout_.get(), width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    const std::string shown = keep_numbers_together(text);
    pango_layout_set_text(layout_.get(), shown.c_str(), -1);
  }

  PageTarget& target_;
  cairo_t* cr_;
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout_;
  double y_ = kMargin;
};

void title_page(ReportPages& pages, const Report& report, const Catalog& text) {
  pages.move_to(kPageH * 0.3);
  pages.paragraph(report.municipality, "DejaVu Sans 14", 18);
  pages.paragraph(report.title, "DejaVu Sans Bold 22", 12);
  pages.paragraph(report.period_name, "DejaVu Sans 14", 30);
  pages.paragraph(text.render(Message("report.compared_with").with("period", report.previous_name)), "DejaVu Sans 11");
  if (!report.as_of.empty())
    pages.paragraph(text.render(Message("report.as_of").with("date", text.date(report.as_of))), "DejaVu Sans 11");
  pages.paragraph(text.tr("report.legend"), "DejaVu Sans 9");
}

void table_pages(ReportPages& pages, const ReportTable& table, const Report& report, const Catalog& text) {
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

// Horizontal bars: the name at the left, the bar on a common scale, the value at its end.
void chart(ReportPages& pages, const ReportChart& c, const Catalog& text) {
  constexpr const char* kFont = "DejaVu Sans 8";
  constexpr double kLabelW = 190, kValueW = 50, kBarH = 11, kGap = 5;
  const double bar_w = kBodyW - kLabelW - kValueW;
  double rows_h = 0;
  for (const auto& [name, value] : c.bars) rows_h += std::max(kBarH, pages.measure(name, kFont, kLabelW - 6)) + kGap;
  const double title_h = pages.measure(c.title, "DejaVu Sans Bold 10", kBodyW) + 6;
  if (!pages.fits(title_h + std::min(rows_h, 200.0) + 12)) pages.new_page();
  pages.paragraph(c.title, "DejaVu Sans Bold 10", 6);
  if (c.bars.empty()) {
    pages.paragraph(text.tr("report.chart.no_data"), "DejaVu Sans Oblique 8", 12);
    return;
  }
  cairo_t* cr = pages.cr();
  for (const auto& [name, value] : c.bars) {
    const double h = std::max(kBarH, pages.measure(name, kFont, kLabelW - 6));
    if (!pages.fits(h + kGap)) pages.new_page();
    const double y = pages.y();
    pages.draw(name, kFont, kMargin, kLabelW - 6, y);
    const double w = c.max > 0 ? bar_w * std::clamp(value / c.max, 0.0, 1.0) : 0;
    cairo_set_source_rgb(cr, 0.90, 0.92, 0.95);
    cairo_rectangle(cr, kMargin + kLabelW, y, bar_w, kBarH);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.20, 0.42, 0.70);
    cairo_rectangle(cr, kMargin + kLabelW, y, w, kBarH);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    pages.draw(shown_value(text, c.unit, value), kFont, kMargin + kLabelW + bar_w + 4, kValueW - 4, y);
    pages.skip(h + kGap);
  }
  pages.skip(10);
}

void charts_pages(ReportPages& pages, const Report& report, const Catalog& text) {
  pages.new_page();
  pages.paragraph(text.tr("report.charts"), "DejaVu Sans Bold 14", 10);
  for (const ReportChart& c : report.charts) chart(pages, c, text);
}

// Every column at least as wide as its widest word (so no word is broken), the rest of the
// page shared by the section's weights.
// Empty when even the widest words do not fit side by side at this size.
std::vector<double> column_widths(ReportPages& pages, const ReportSection& section, const char* header_font,
                                  const char* font) {
  constexpr double kPadding = 8;
  std::vector<double> least(section.columns.size(), 0);
  for (size_t c = 0; c < section.columns.size(); ++c) {
    least[c] = pages.widest_word(section.columns[c], header_font) + kPadding;
    for (const auto& row : section.rows)
      if (c < row.size()) least[c] = std::max(least[c], pages.widest_word(row[c].text, font) + kPadding);
  }
  double least_sum = 0, weights = 0;
  for (size_t c = 0; c < least.size(); ++c) least_sum += least[c], weights += section.widths[c];
  std::vector<double> widths;
  if (least_sum > kBodyW) return widths;
  for (size_t c = 0; c < least.size(); ++c) widths.push_back(least[c] + (kBodyW - least_sum) * section.widths[c] / weights);
  return widths;
}

void section_pages(ReportPages& pages, const ReportSection& section, const Catalog& text) {
  // A wide table is set smaller rather than break its words; at the smallest size words
  // that still do not fit are broken.
  std::string header_font, font;
  std::vector<double> widths;
  for (const char* size : {"8", "7", "6"}) {
    header_font = std::string("DejaVu Sans Bold ") + size;
    font = std::string("DejaVu Sans ") + size;
    widths = column_widths(pages, section, header_font.c_str(), font.c_str());
    if (!widths.empty()) break;
  }
  if (widths.empty()) {
    double weights = 0;
    for (double w : section.widths) weights += w;
    for (double w : section.widths) widths.push_back(kBodyW * w / weights);
  }
  const char* kHeaderFont = header_font.c_str();
  const char* kFont = font.c_str();
  const double title_h = pages.measure(section.title, "DejaVu Sans Bold 12", kBodyW) + 8;
  if (!pages.fits(title_h + 60)) pages.new_page();
  pages.skip(8);
  pages.paragraph(section.title, "DejaVu Sans Bold 12", 8);
  if (section.rows.empty()) {
    pages.paragraph(text.tr("report.section.empty"), "DejaVu Sans Oblique 8", 8);
    return;
  }
  // The header stays with the first row.
  std::vector<std::string> first;
  for (const auto& c : section.rows.front()) first.push_back(c.text);
  if (!pages.fits(pages.row_height(section.columns, widths, kHeaderFont) + pages.row_height(first, widths, kFont)))
    pages.new_page();
  pages.row(section.columns, widths, kHeaderFont, true);
  for (const auto& cells : section.rows) {
    std::vector<std::string> texts;
    for (const auto& c : cells) texts.push_back(c.text);
    if (!pages.fits(pages.row_height(texts, widths, kFont))) {
      pages.new_page();
      pages.row(section.columns, widths, kHeaderFont, true);
    }
    pages.row(texts, widths, kFont);
  }
}

}  // namespace

void lay_out_report(PageTarget& target, const Report& report, const Catalog& text) {
  ReportPages pages(target);
  title_page(pages, report, text);
  // The summary (the municipality's indicators) first, then the charts, the tables by pair
  // and school, and the sections.
  for (const ReportTable& table : report.tables) {
    table_pages(pages, table, report, text);
    if (table.key == "municipality") charts_pages(pages, report, text);
  }
  pages.new_page();
  for (const ReportSection& section : report.sections) section_pages(pages, section, text);
}

}  // namespace nastavnik::report
