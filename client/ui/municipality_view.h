#pragma once
// Municipality overview (methodologists, the education committee): the activity of every
// network pair, the deficit heatmap across schools, and the enrolled devices; each table
// can be exported as CSV (the app writes the file, not the view).

#include "client/ui/view.h"

namespace nastavnik::ui {

class MunicipalityView : public View {
 public:
  MunicipalityView() : View("municipality", "ui.municipality.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawPairs(FrameContext& ctx);
  void DrawHeatmap(FrameContext& ctx);
  void DrawDevices(FrameContext& ctx);
  void ExportButton(FrameContext& ctx, ExportTable table);
};

}  // namespace nastavnik::ui
