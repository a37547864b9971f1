#pragma once
// RecordForm: the one form of the client that creates and edits records — mentoring
// sessions, lesson visits, self-assessments, roadmap events and the registry alike. It is
// driven by the domain schema: each field gets the input of its type (widgets/field_input.h)
// with its catalog label, required mark and inline error, unless the view overrides its look
// (radio buttons, a slider with its scale, a wrapping text area) or draws it itself (a
// protocol grid, a questionnaire). Around the fields it keeps what every form does:
//  - a new record starts from the view's defaults; a click on a list row opens that record
//    for editing (only changed fields are saved), asking first when an open edit has unsaved
//    changes; "Revert" goes back to the stored record; "Delete" asks for confirmation;
//  - drafts of both the new form and the edit, saved a second after the last change and at
//    once when the window closes (FormState), restored when the app starts again;
//  - Save (also Ctrl+Enter), the model's field errors inline under each field and the
//    others under the form, an optional question before saving an unusual record (a
//    half-filled questionnaire), and the saved message in the reader's language;
//  - what the person's role may not write is not offered: the fields are read-only and the
//    buttons disabled, with the reason (write_policy.h) beside them.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "client/ui/form_state.h"
#include "client/ui/record_editor.h"
#include "client/ui/widgets/field_input.h"

namespace nastavnik::ui {

struct FormFieldSpec {
  // Drawn by the view (protocol grid, questionnaire) across the whole form: true when it
  // changed `fields`. Its errors show under it like any field's.
  using CustomDraw = std::function<bool(FrameContext&, nlohmann::json* fields, bool read_only)>;

  FormFieldSpec(std::string name, widgets::FieldLook look = widgets::FieldLook::kAuto, CustomDraw custom = nullptr,
                bool only_when_editing = false)
      : name(std::move(name)), look(look), custom(std::move(custom)), only_when_editing(only_when_editing) {}

  std::string name;
  widgets::FieldLook look;
  CustomDraw custom;
  bool only_when_editing;  // e.g. the status of a roadmap event
};

struct RecordFormSpec {
  std::string entity;
  std::string draft_key;  // "form.session"; the edit keeps its draft under "<key>_edit"
  std::vector<FormFieldSpec> fields;
  std::string new_title_key;   // heading of the new form
  std::string edit_title_key;  // heading of an edit, with {title}
  std::string saved_key;       // after a save, with {title}
  std::string new_button_key;  // leaves the edit for the new form
  // The fields of a fresh record (today's date, the person as the author, …).
  std::function<nlohmann::json(const FrameContext&)> defaults;
  // Fields the program adds to what is saved (instrument versions, the person assessed).
  std::function<void(const FrameContext&, nlohmann::json*)> complete;
  // The record's name in messages and confirmations.
  std::function<std::string(const FrameContext&, const nlohmann::json&)> title;
  // A question to ask before saving (an empty message: save at once).
  std::function<Message(const FrameContext&, const nlohmann::json&)> confirm;
  float label_em = 9.5f;  // width of the label column, in font heights
  bool opens_from_list = true;  // a list beside the form opens records in it (the hint says so)
};

class RecordForm {
 public:
  explicit RecordForm(RecordFormSpec spec);

  // The user clicked the list row of record `id`.
  void Open(FrameContext& ctx, const std::string& id);
  bool editing() const { return editor_.editing(); }
  const std::string& editing_id() const { return editor_.id(); }
  // The row to highlight in the list beside the form.
  bool IsSelected(const std::string& id) const { return !id.empty() && (id == editor_.id() || id == editor_.opening_id()); }
  // The fields shown now (the edit's or the new record's).
  const nlohmann::json& fields() const { return editing() ? edit_fields_ : new_fields_; }
  // True when the person's role may create a record of this kind (with the defaults).
  bool MayCreate(const FrameContext& ctx) const;
  // A record was saved or deleted: the message to show, once per outcome (the view may
  // show it elsewhere than under the form, e.g. when the form is hidden).
  const Message& outcome() const { return outcome_; }

  // Draws the heading, the fields, the action bar and the messages.
  void Draw(FrameContext& ctx);
  // Once per frame, outside any child window of the view: the confirmations.
  void DrawModals(FrameContext& ctx);
  // A screen of a list and this form: the list on the left, the form beside it when the
  // person may write here (SplitListAndForm). The confirmations are DrawModals'.
  void DrawBesideList(FrameContext& ctx, float form_share, float min_form_em, const std::function<void()>& draw_list);

 private:
  void Prepare(FrameContext& ctx);
  void PollOutcomes(FrameContext& ctx);
  void DrawHeading(FrameContext& ctx, const std::string& refusal);
  bool DrawFields(FrameContext& ctx, nlohmann::json* fields, FormState& state, bool read_only);
  void DrawActions(FrameContext& ctx, const std::string& refusal);
  void DrawHistory(FrameContext& ctx);
  void Save(FrameContext& ctx);
  void ResetNew(const FrameContext& ctx);
  nlohmann::json Completed(const FrameContext& ctx, const nlohmann::json& fields) const;
  std::string Title(const FrameContext& ctx, const nlohmann::json& fields) const;
  std::string Refusal(const FrameContext& ctx) const;
  std::vector<std::string> FieldNames() const;

  RecordFormSpec spec_;
  const EntitySchema* schema_ = nullptr;
  nlohmann::json new_fields_ = nlohmann::json::object();
  nlohmann::json edit_fields_ = nlohmann::json::object();
  std::string edit_title_;
  bool initialised_ = false;
  FormState new_state_;
  RecordEditor editor_;
  widgets::FieldInputState inputs_;
  Message outcome_;
  Message confirm_question_;
  bool ask_confirm_ = false;
};

}  // namespace nastavnik::ui
