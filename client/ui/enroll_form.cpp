#include "client/ui/enroll_form.h"

#include <imgui.h>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"

namespace nastavnik::ui {

std::string KeyInGroups(const std::string& key_id) {
  std::string out;
  for (size_t i = 0; i < key_id.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(key_id[i]);
  }
  return out;
}

bool EnrollForm::Draw(FrameContext& ctx) {
  const bool enrolled = enroll_state_.Poll(ctx.snap) == FormState::Outcome::kSaved;
  if (enrolled) code_.clear();
  check_state_.Poll(ctx.snap);
  const view::SyncView& sync = ctx.snap.sync;
  const bool busy = sync.running || sync.checking;
  if (widgets::BeginForm("enroll", ImGui::GetFontSize() * 10.0f)) {
    widgets::FormRow(ctx.tr("ui.sync.server_url").c_str(), true);
    widgets::TextField("##url", &server_url_, "https://…");
    widgets::EndForm();
  }
  if (Button(ctx.tr("ui.sync.check_server"), !server_url_.empty() && !check_state_.pending() && !busy))
    check_state_.Post(ctx, command::CheckServer{server_url_});
  if (sync.checking) {
    ImGui::SameLine();
    Hint(ctx.tr("ui.sync.checking_server"));
  }
  if (sync.checked_url == server_url_ && !sync.check_error.empty())
    ErrorText(ctx.tr("ui.sync.check_" + sync.check_error));
  const bool checked = !server_url_.empty() && sync.checked_url == server_url_ && !sync.checked_key_id.empty();
  if (!checked) return enrolled;

  // The key id in large type, to compare with the methodologist's.
  ImGui::TextUnformatted(ctx.tr("ui.sync.server_key").c_str());
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::TextUnformatted(KeyInGroups(sync.checked_key_id).c_str());
  if (ctx.heading_font) ImGui::PopFont();
  Hint(ctx.tr("ui.sync.compare_key"));
  if (widgets::BeginForm("enroll_code", ImGui::GetFontSize() * 10.0f)) {
    widgets::FormRow(ctx.tr("ui.sync.code").c_str(), true);
    widgets::TextField("##code", &code_);
    widgets::EndForm();
  }
  if (Button(ctx.tr("ui.sync.enroll"), !code_.empty() && !enroll_state_.pending() && !busy))
    enroll_state_.Post(ctx, command::Enroll{server_url_, code_, sync.checked_key_id});
  if (enroll_state_.pending()) {
    ImGui::SameLine();
    Hint(ctx.tr("ui.sync.enrolling"));
  }
  const std::string error = enroll_state_.GeneralError(ctx.text, {});
  if (!error.empty()) ErrorText(ctx.text.format("ui.sync.enroll_failed", {{"reason", error}}));
  return enrolled;
}

}  // namespace nastavnik::ui
