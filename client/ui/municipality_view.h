#pragma once
// Municipality overview (methodologists, the education committee), in tabs: the activity of
// every network pair with its progress through the learning-by-action chain; the deficit
// heatmap across schools; and, for methodologists, the enrolled devices. Each table can be
// exported as CSV (the app writes the file, not the view).

#include "client/ui/view.h"

namespace nastavnik::ui {

class MunicipalityView : public View {
 public:
  MunicipalityView() : View("municipality", "ui.municipality.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawPeriod(FrameContext& ctx);
  void DrawPairs(FrameContext& ctx);
  void DrawStages(FrameContext& ctx);
  void DrawHeatmap(FrameContext& ctx);
  void DrawDevices(FrameContext& ctx);
};

}  // namespace nastavnik::ui
