#include "client/ui/first_run_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"

namespace nastavnik::ui {

void FirstRunView::DrawContent(FrameContext& ctx) {
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::TextUnformatted(ctx.tr("ui.first_run.welcome").c_str());
  if (ctx.heading_font) ImGui::PopFont();
  Hint(ctx.tr("ui.first_run.intro"));

  SectionTitle(ctx, ctx.tr("ui.first_run.language"));
  for (const char* lang : kLanguages) {
    ImGui::PushID(lang);
    if (ImGui::RadioButton(ctx.tr(std::string("ui.language.") + lang).c_str(), ctx.app.lang == lang) &&
        ctx.app.lang != lang)
      ctx.out.request(request::SetLanguage{lang});
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::NewLine();

  if (!ctx.app.model_open)
    DrawReplicaStep(ctx);
  else
    DrawEnrollStep(ctx);
}

void FirstRunView::DrawReplicaStep(FrameContext& ctx) {
  if (!data_dir_loaded_) {
    data_dir_loaded_ = true;
    data_dir_ = ctx.app.data_dir;
  }
  SectionTitle(ctx, ctx.tr("ui.first_run.step_replica"));
  Hint(ctx.tr("ui.first_run.replica_hint"));
  if (widgets::BeginForm("replica", ImGui::GetFontSize() * 10.0f)) {
    widgets::FormRow(ctx.tr("ui.first_run.data_dir").c_str(), true);
    widgets::TextField("##dir", &data_dir_);
    widgets::EndForm();
  }
  if (Button(ctx.tr("ui.first_run.create"), !data_dir_.empty()))
    ctx.out.request(request::CreateReplica{data_dir_});
  ImGui::SameLine();
  if (Button(ctx.tr("ui.first_run.open"), !data_dir_.empty()))
    ctx.out.request(request::OpenReplica{data_dir_});
  if (!ctx.app.open_error.empty()) ErrorText(ctx.app.open_error);
}

void FirstRunView::DrawEnrollStep(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.first_run.step_enroll"));
  SuccessText(ctx.text.format("ui.first_run.replica_ready", {{"dir", ctx.app.data_dir}}));
  Hint(ctx.tr("ui.sync.enroll_hint"));
  if (enroll_form_.Draw(ctx)) ctx.out.request(request::FinishFirstRun{});
  if (ImGui::Button(ctx.tr("ui.first_run.skip").c_str())) ctx.out.request(request::FinishFirstRun{});
}

}  // namespace nastavnik::ui
