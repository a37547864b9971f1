#pragma once
// Monitoring (methodologists, the education committee, mentors and school teams for what
// their replica holds): a half-year of the school year picked at the top; every indicator
// for the municipality, each pair and each school in tabs, with the previous half-year
// beside it and the direction of change (green when it goes the way the indicator wants);
// a click on a row shows the indicator's definition, its values over every half-year and
// the records it was computed from; and the half-year report as PDF, XLSX or CSV written
// where the person says. Two more tabs keep the programme's risk register and the
// half-year's conclusions, recommendations and decisions (ProgrammeRecordsPanel).

#include <string>

#include <nlohmann/json.hpp>

#include "client/ui/programme_records_panel.h"
#include "client/ui/view.h"
#include "client/ui/widgets/page_textures.h"

namespace nastavnik::ui {

class MonitoringView : public View {
 public:
  MonitoringView() : View("monitoring", "ui.monitoring.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawTable(FrameContext& ctx, const std::string& level, int period);
  void DrawDetails(FrameContext& ctx, int period);
  void DrawReport(FrameContext& ctx, int period);
  void DrawPreview(FrameContext& ctx);
  void DrawReported(FrameContext& ctx, int period);
  void DrawReportedForm(FrameContext& ctx, const std::string& period_id);

  int period_ = -1;       // index into snap.monitoring.periods; -1: the latest
  int selected_row_ = -1; // index into snap.monitoring.rows
  int format_ = 0;        // 0 PDF, 1 XLSX, 2 CSV
  std::string path_;      // where the report goes; empty: the export folder
  std::string path_for_;  // the period and format the default path was made for
  // The figure being entered (school teams and methodologists).
  std::string entry_school_, entry_indicator_;
  nlohmann::json entry_ = nlohmann::json::object();  // {"value": number} once typed
  ProgrammeRecordsPanel records_;  // risk register and the period's notes
  widgets::PageTextures page_textures_;  // the open report preview's pages
  int preview_page_ = 0;
  bool preview_fit_width_ = false;  // false: the whole page in view
  bool records_tab_ = false;       // one of them was the open tab last frame
};

}  // namespace nastavnik::ui
