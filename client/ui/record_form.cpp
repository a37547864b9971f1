#include "client/ui/record_form.h"

#include "client/model/shown_name.h"

#include <imgui.h>

#include "client/ui/item_marks.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "shared/domain/write_policy.h"

namespace nastavnik::ui {
namespace {

constexpr const char* kConfirmPopup = "###confirm_save";

widgets::FieldSources SourcesOf(const FrameContext& ctx) {
  widgets::FieldSources s;
  s.people = &ctx.snap.people;
  s.pairs = &ctx.snap.pairs;
  for (const auto& school : KnownSchools(ctx.snap)) s.schools.push_back({school.id, school.name, school.full_name});
  for (const auto& m : ctx.snap.registry.municipalities) s.municipalities.push_back({m.id, m.name, ""});
  s.today = ctx.app.today;
  return s;
}

// Dates of the form are typed in the reader's format and kept as ISO; one that is not a
// real date yet blocks saving (the field says why).
bool DatesOk(const EntitySchema& schema, const nlohmann::json& fields) {
  for (const auto& f : schema.fields) {
    if (f.type != FieldType::kDate) continue;
    auto it = fields.find(f.name);
    if (it != fields.end() && it->is_string() && !widgets::DateOk(it->get<std::string>())) return false;
  }
  return true;
}

bool CtrlEnter() {
  return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
         ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
}

}  // namespace

RecordForm::RecordForm(RecordFormSpec spec)
    : spec_(std::move(spec)),
      schema_(DomainSchema::instance().entity(spec_.entity)),
      new_state_(spec_.draft_key),
      editor_(spec_.draft_key + "_edit") {}

std::vector<std::string> RecordForm::FieldNames() const {
  std::vector<std::string> out;
  for (const auto& f : spec_.fields) out.push_back(f.name);
  return out;
}

nlohmann::json RecordForm::Completed(const FrameContext& ctx, const nlohmann::json& fields) const {
  nlohmann::json out = fields;
  if (spec_.complete) spec_.complete(ctx, &out);
  return out;
}

std::string RecordForm::Title(const FrameContext& ctx, const nlohmann::json& fields) const {
  if (spec_.title) return spec_.title(ctx, fields);
  if (schema_ && !schema_->title_field.empty()) {
    auto it = fields.find(schema_->title_field);
    if (it != fields.end() && it->is_string()) return it->get<std::string>();
  }
  return EntityLabel(ctx.text, spec_.entity);
}

std::string RecordForm::Refusal(const FrameContext& ctx) const {
  if (!schema_) return kRefusedRegistry;
  // An edit is judged on the stored record and on the result, as the store does.
  if (editing()) {
    const std::string before = write_refusal(ActorOf(ctx.snap), *schema_, editor_.base());
    if (!before.empty()) return before;
  }
  return write_refusal(ActorOf(ctx.snap), *schema_, Completed(ctx, fields()));
}

bool RecordForm::MayCreate(const FrameContext& ctx) const {
  if (!schema_) return false;
  nlohmann::json fresh = spec_.defaults ? spec_.defaults(ctx) : nlohmann::json::object();
  return write_refusal(ActorOf(ctx.snap), *schema_, Completed(ctx, fresh)).empty();
}

void RecordForm::ResetNew(const FrameContext& ctx) {
  new_fields_ = spec_.defaults ? spec_.defaults(ctx) : nlohmann::json::object();
}

void RecordForm::Open(FrameContext& ctx, const std::string& id) {
  editor_.RequestOpen(ctx, id, editing() && editor_.Dirty(edit_fields_));
}

void RecordForm::Prepare(FrameContext& ctx) {
  if (!initialised_ && ctx.snap.version > 0) {
    initialised_ = true;
    ResetNew(ctx);
  }
  if (const nlohmann::json* draft = new_state_.RestoreOnce(ctx.snap)) new_fields_ = *draft;
  if (const nlohmann::json* draft = editor_.RestoreOnce(ctx.snap)) {
    edit_fields_ = *draft;
    edit_title_ = Title(ctx, edit_fields_);
  }
  if (const nlohmann::json* opened = editor_.TakeOpened(ctx.snap)) {
    edit_fields_ = *opened;
    edit_fields_.erase(kCreatedByField);  // set by the program, never edited
    editor_.Begin(edit_fields_);
    edit_title_ = Title(ctx, edit_fields_);
    outcome_ = Message();
  }
}

void RecordForm::PollOutcomes(FrameContext& ctx) {
  if (const auto outcome = new_state_.Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    outcome_ = Message(spec_.saved_key).with("title", Title(ctx, new_fields_));
    ResetNew(ctx);
    inputs_ = {};
  } else if (outcome == FormState::Outcome::kFailed) {
    outcome_ = Message();
  }
  if (const auto outcome = editor_.state().Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    outcome_ = Message(spec_.saved_key).with("title", Title(ctx, edit_fields_));
    editor_.Begin(edit_fields_);  // what is stored now
  } else if (outcome == FormState::Outcome::kFailed) {
    outcome_ = Message();
  }
  if (editor_.PollDeleted(ctx)) outcome_ = Message("ui.edit.deleted").with("title", edit_title_);
}

void RecordForm::Draw(FrameContext& ctx) {
  if (!schema_) {
    ErrorText(ctx.text.format("ui.form.unknown_entity", {{"entity", spec_.entity}}));
    return;
  }
  ImGui::PushID(spec_.draft_key.c_str());
  Prepare(ctx);
  PollOutcomes(ctx);
  const std::string refusal = Refusal(ctx);
  DrawHeading(ctx, refusal);
  FormState& state = editing() ? editor_.state() : new_state_;
  nlohmann::json& fields = editing() ? edit_fields_ : new_fields_;
  if (DrawFields(ctx, &fields, state, !refusal.empty())) {
    outcome_ = Message();
    state.Touch(ctx.now);
  }
  if (editing()) editor_.MaybeSaveDraft(ctx, edit_fields_);
  else new_state_.MaybeSaveDraft(ctx, new_fields_);
  DrawActions(ctx, refusal);
  if (editing()) DrawHistory(ctx);
  ImGui::PopID();
}

// Who changed which field of the open record when (command::OpenRecord brings it).
void RecordForm::DrawHistory(FrameContext& ctx) {
  const view::OpenedRecord& opened = ctx.snap.opened_record;
  if (opened.id != editor_.id() || opened.history.empty()) return;
  ImGui::Spacing();
  const std::string title = ctx.text.format("ui.history.title", {{"count", std::to_string(opened.history.size())}});
  const bool open = ImGui::CollapsingHeader((title + "###history").c_str());
  Mark("form.history");
  if (!open) return;
  for (const view::HistoryRow& row : opened.history) {
    std::string line = ctx.text.date_time(row.time_ms) + "  " + view::shown_name(ctx.text, row.author_name) + "  " +
                       ctx.tr("ui.history." + row.kind);
    if (row.written_here) line += " · " + ctx.tr("ui.history.this_device");
    if (!row.delivered) line += " · " + ctx.tr("ui.history.pending");
    if (row.untrusted) line += " · " + ctx.tr("ui.history.untrusted");
    if (!row.refusal.empty()) line += " · " + ctx.text.format("ui.history.refused", {{"reason", row.refusal}});
    ImGui::TextUnformatted(line.c_str());
    ImGui::Indent();
    for (const auto& [field, value] : row.fields) {
      const std::string text = ctx.field_label(spec_.entity, field) + ": " + (value.empty() ? ctx.tr("ui.history.cleared") : value);
      ImGui::TextWrapped("%s", text.c_str());
    }
    ImGui::Unindent();
  }
}

void RecordForm::DrawHeading(FrameContext& ctx, const std::string& refusal) {
  if (!editing() && spec_.opens_from_list) {
    editor_.DrawNewRecordHeading(ctx, ctx.tr(spec_.new_title_key));
  } else if (!editing()) {
    SectionTitle(ctx, ctx.tr(spec_.new_title_key));
  } else {
    SectionTitle(ctx, ctx.text.format(spec_.edit_title_key, {{"title", edit_title_}}));
    if (ImGui::Button(ctx.tr(spec_.new_button_key).c_str())) editor_.RequestClose(ctx, editor_.Dirty(edit_fields_));
    ImGui::SameLine();
    const bool may_delete = refusal.empty();
    if (Button(ctx.tr("ui.edit.delete"), may_delete && !editor_.deleting() && !editor_.state().pending()))
      editor_.RequestDelete();
    if (!may_delete) ReasonTooltip(ctx.tr("write.refused." + refusal));
    const std::string delete_error = editor_.DeleteError(ctx.text);
    if (!delete_error.empty()) ErrorText(delete_error);
  }
  if (!refusal.empty()) Hint(ctx.tr("write.refused." + refusal));
}

bool RecordForm::DrawFields(FrameContext& ctx, nlohmann::json* fields, FormState& state, bool read_only) {
  const widgets::FieldSources sources = SourcesOf(ctx);
  bool changed = false;
  bool table_open = false;
  int tables = 0;
  auto open_table = [&] {
    if (table_open) return;
    ImGui::PushID(tables++);
    table_open = widgets::BeginForm("fields", ImGui::GetFontSize() * spec_.label_em);
    if (!table_open) ImGui::PopID();
  };
  auto close_table = [&] {
    if (!table_open) return;
    widgets::EndForm();
    ImGui::PopID();
    table_open = false;
  };
  ImGui::BeginDisabled(read_only);
  for (const FormFieldSpec& spec : spec_.fields) {
    if (spec.only_when_editing && !editing()) continue;
    const FieldSchema* field = schema_->field(spec.name);
    if (!field) continue;
    if (spec.custom) {
      close_table();
      ImGui::PushID(spec.name.c_str());
      ImGui::EndDisabled();  // a custom part disables its own inputs (it may keep charts live)
      PushMarkScope(spec_.entity + "." + spec.name);
      if (spec.custom(ctx, fields, read_only)) {
        changed = true;
        state.ClearError(spec.name);
      }
      PopMarkScope();
      ImGui::BeginDisabled(read_only);
      widgets::FormError(state.ErrorFor(spec.name, ctx.text));
      ImGui::PopID();
      continue;
    }
    open_table();
    if (!table_open) continue;
    ImGui::PushID(spec.name.c_str());
    widgets::FormRow(ctx.field_label(spec_.entity, spec.name).c_str(), field->required);
    PushMarkScope(spec_.entity + "." + spec.name);
    if (widgets::FieldInput(ctx.text, *field, spec.look, fields, &inputs_, sources)) {
      changed = true;
      state.ClearError(spec.name);
    }
    PopMarkScope();
    widgets::FormError(state.ErrorFor(spec.name, ctx.text));
    ImGui::PopID();
  }
  close_table();
  ImGui::EndDisabled();
  return changed;
}

void RecordForm::DrawActions(FrameContext& ctx, const std::string& refusal) {
  FormState& state = editing() ? editor_.state() : new_state_;
  const nlohmann::json& fields = this->fields();
  ImGui::Spacing();
  const bool dates_ok = DatesOk(*schema_, fields);
  const bool dirty = editing() && editor_.Dirty(fields);
  // An edit with nothing changed has nothing to save.
  const bool can_save = refusal.empty() && !state.pending() && dates_ok && (!editing() || dirty);
  const bool save = Button(ctx.tr(editing() ? "ui.edit.save_changes" : "ui.common.save"), can_save);
  Mark(spec_.entity + ".save");
  if (!refusal.empty()) ReasonTooltip(ctx.tr("write.refused." + refusal));
  else if (!dates_ok) ReasonTooltip(ctx.tr("ui.common.bad_date"));
  if (save || (can_save && CtrlEnter())) Save(ctx);
  ImGui::SameLine();
  if (editing()) {
    // Back to the record as stored: the edit's changes and its draft are dropped.
    if (Button(ctx.tr("ui.edit.revert"), dirty && !state.pending())) {
      const std::string id = editor_.id();
      editor_.Close(ctx);
      editor_.RequestOpen(ctx, id, false);
    }
  } else if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    ResetNew(ctx);
    inputs_ = {};
    new_state_.Discard(ctx);
  }
  const std::string shortcut = ctx.tr("ui.common.save_shortcut");
  SameLineIfFits(ImGui::CalcTextSize(shortcut.c_str()).x);
  ImGui::TextDisabled("%s", shortcut.c_str());
  if (state.pending()) ImGui::TextDisabled("%s", ctx.tr("ui.common.saving").c_str());
  const std::string general = state.GeneralError(ctx.text, FieldNames());
  if (!general.empty()) {
    ErrorText(general);
    if (!state.detail().empty()) ReasonTooltip(state.detail());
  }
  if (!outcome_.empty()) SuccessText(ctx.text.render(outcome_));
}

void RecordForm::Save(FrameContext& ctx) {
  const nlohmann::json fields = Completed(ctx, this->fields());
  if (!ask_confirm_ && spec_.confirm) {
    confirm_question_ = spec_.confirm(ctx, fields);
    if (!confirm_question_.empty()) {
      ask_confirm_ = true;
      return;
    }
  }
  ask_confirm_ = false;
  outcome_ = Message();
  if (editing()) editor_.Save(ctx, spec_.entity, fields);
  else new_state_.Submit(ctx, command::SaveRecord{spec_.entity, "", fields, ""});
}

void RecordForm::DrawBesideList(FrameContext& ctx, float form_share, float min_form_em,
                                const std::function<void()>& draw_list) {
  const bool may_write = editing() || MayCreate(ctx);
  const SplitWidths split = SplitListAndForm(may_write ? form_share : 0.0f, min_form_em);
  ImGui::BeginChild("list", ImVec2(split.list, 0), false);
  draw_list();
  ImGui::EndChild();
  if (split.form > 0) {
    ImGui::SameLine();
    ImGui::BeginChild("form", ImVec2(0, 0), true);
    Draw(ctx);
    ImGui::EndChild();
  }
}

void RecordForm::DrawModals(FrameContext& ctx) {
  ImGui::PushID(spec_.draft_key.c_str());
  editor_.DrawModals(ctx, edit_title_);
  if (ask_confirm_ && !ImGui::IsPopupOpen(kConfirmPopup)) ImGui::OpenPopup(kConfirmPopup);
  const std::string name = ctx.tr("ui.form.confirm_title") + kConfirmPopup;
  if (ImGui::BeginPopupModal(name.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(ctx.text.render(confirm_question_).c_str());
    ImGui::PopTextWrapPos();
    const bool save_anyway = ImGui::Button(ctx.tr("ui.form.save_anyway").c_str());
    Mark("form.save_anyway");
    if (save_anyway) {
      Save(ctx);  // ask_confirm_ is set: saves without asking again
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("ui.form.keep_filling").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      ask_confirm_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

}  // namespace nastavnik::ui
