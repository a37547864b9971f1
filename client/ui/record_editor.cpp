#include "client/ui/record_editor.h"

#include <imgui.h>

#include "client/model/record_changes.h"
#include "client/ui/ui_helpers.h"

namespace nastavnik::ui {

namespace {
constexpr const char* kDiscardPopup = "###discard_edit";
constexpr const char* kDeletePopup = "###delete_record";
}  // namespace

void RecordEditor::RequestOpen(FrameContext& ctx, const std::string& id, bool dirty) {
  if (id.empty() || id == id_) return;
  if (dirty) {
    pending_open_ = id;
    ask_discard_ = true;
    return;
  }
  gone_ = false;
  opening_ = id;
  ctx.out.post(command::OpenRecord{id});
}

const nlohmann::json* RecordEditor::TakeOpened(const AppSnapshot& snap) {
  const view::OpenedRecord& opened = snap.opened_record;
  if (opening_.empty() || opened.id != opening_) return nullptr;
  opening_.clear();
  if (!opened.found || !opened.fields.is_object()) {
    gone_ = true;
    return nullptr;
  }
  id_ = opened.id;
  state_.ClearErrors();
  return &opened.fields;
}

void RecordEditor::Begin(nlohmann::json base) { base_ = std::move(base); }

const nlohmann::json* RecordEditor::RestoreOnce(const AppSnapshot& snap) {
  const nlohmann::json* draft = state_.RestoreOnce(snap);
  if (!draft || !draft->contains("record_id") || !(*draft)["record_id"].is_string() ||
      !draft->contains("fields") || !(*draft)["fields"].is_object())
    return nullptr;
  id_ = (*draft)["record_id"].get<std::string>();
  base_ = draft->value("base", nlohmann::json::object());
  return &(*draft)["fields"];
}

nlohmann::json RecordEditor::Changes(const nlohmann::json& fields) const {
  return model::record_changes(base_, fields);
}

void RecordEditor::MaybeSaveDraft(FrameContext& ctx, const nlohmann::json& fields) {
  if (!editing()) return;
  state_.MaybeSaveDraft(ctx, {{"record_id", id_}, {"base", base_}, {"fields", fields}});
}

void RecordEditor::Save(FrameContext& ctx, const std::string& entity, const nlohmann::json& fields) {
  if (!editing()) return;
  state_.Submit(ctx, command::SaveRecord{entity, id_, Changes(fields), ""});
}

void RecordEditor::Close(FrameContext& ctx) {
  if (editing()) state_.Discard(ctx);
  state_.ClearErrors();
  id_.clear();
  opening_.clear();
  base_ = nlohmann::json::object();
  ctx.out.post(command::OpenRecord{""});
}

bool RecordEditor::RequestClose(FrameContext& ctx, bool dirty) {
  if (dirty) {
    pending_open_.clear();
    ask_discard_ = true;
    return false;
  }
  Close(ctx);
  return true;
}

bool RecordEditor::PollDeleted(FrameContext& ctx) {
  if (delete_state_.Poll(ctx.snap) != FormState::Outcome::kSaved) return false;
  Close(ctx);
  return true;
}

void RecordEditor::DrawModals(FrameContext& ctx, const std::string& title) {
  if (ask_discard_) {
    ImGui::OpenPopup(kDiscardPopup);
    ask_discard_ = false;
  }
  if (ask_delete_) {
    ImGui::OpenPopup(kDeletePopup);
    ask_delete_ = false;
  }
  const float wrap = ImGui::GetFontSize() * 26.0f;
  const std::string discard_name = ctx.tr("ui.edit.discard_title") + kDiscardPopup;
  if (ImGui::BeginPopupModal(discard_name.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(ctx.text.format("ui.edit.discard_body", {{"title", title}}).c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button(ctx.tr("ui.edit.discard_and_open").c_str())) {
      const std::string next = pending_open_;
      Close(ctx);
      if (!next.empty()) RequestOpen(ctx, next, false);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("ui.edit.keep_editing").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      pending_open_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  const std::string delete_name = ctx.tr("ui.edit.delete_title") + kDeletePopup;
  if (ImGui::BeginPopupModal(delete_name.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(ctx.text.format("ui.edit.delete_body", {{"title", title}}).c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button(ctx.tr("ui.edit.delete_confirm").c_str())) {
      if (editing()) delete_state_.Post(ctx, command::DeleteRecord{id_});
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("ui.edit.cancel").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void RecordEditor::DrawNewRecordHeading(const FrameContext& ctx, const std::string& title) const {
  SectionTitle(ctx, title);
  if (opening()) ImGui::TextDisabled("%s", ctx.tr("ui.edit.loading").c_str());
  if (gone()) Hint(ctx.tr("ui.edit.gone"));
  else if (!opening()) Hint(ctx.tr("ui.edit.open_hint"));
}

}  // namespace nastavnik::ui
