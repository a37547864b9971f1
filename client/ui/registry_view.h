#pragma once
// Registry (реестр) for methodologists: people with their roles and school, network pairs
// with their problem zones and agreement, every mentor assignment, and the schools with
// their flags, indices and municipality. A click on a row of any of these lists opens that
// record in the form beside the list for editing (only changed fields are sent) or deleting
// after confirmation; otherwise the form creates a new record. Forms are generated from the
// domain schema and keep drafts; the model checks who may write the registry and the form
// shows its refusal inline.

#include <functional>
#include <string>

#include "client/ui/form_state.h"
#include "client/ui/record_editor.h"
#include "client/ui/view.h"
#include "client/ui/widgets/record_form.h"

namespace nastavnik::ui {

class RegistryView : public View {
 public:
  RegistryView() : View("registry", "ui.registry.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawPeople(FrameContext& ctx);
  void DrawPairs(FrameContext& ctx);
  void DrawAssignments(FrameContext& ctx);
  void DrawSchools(FrameContext& ctx);
  // Draws the form of a new record of `entity` with Save/Clear.
  void DrawNewRecordForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields,
                         widgets::RecordFormData* data, FormState* state);
  widgets::RecordFormSources Sources(const FrameContext& ctx) const;

  // An existing record of one entity opened from a list, and its form.
  struct Edit {
    explicit Edit(std::string draft_key) : editor(std::move(draft_key)) {}
    RecordEditor editor;
    widgets::RecordFormData data;
    std::string title;  // of the record, for the edit header and the confirmations
  };
  // Loads an opened record or a restored edit draft into `edit`; call every frame.
  // `title_of` names the record from its fields.
  void TakeEdit(FrameContext& ctx, Edit* edit, const std::function<std::string(const nlohmann::json&)>& title_of);
  // A click on row `id`: opens it in `edit` (asks first when the open edit is unsaved).
  void OpenRow(FrameContext& ctx, Edit* edit, const std::string& id);
  // Draws the edit of `edit` with Save changes / Revert / Delete; false when none is open
  // (the caller then draws the new-record form under RecordEditor::DrawNewRecordHeading).
  bool DrawEditForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields, Edit* edit);

  std::string people_filter_;
  widgets::RecordFormData person_form_;
  FormState person_state_{"form.registry.person"};

  widgets::RecordFormData pair_new_;
  FormState pair_new_state_{"form.registry.pair"};

  widgets::RecordFormData assignment_form_;
  FormState assignment_state_{"form.registry.assignment"};

  widgets::RecordFormData school_form_;
  FormState school_state_{"form.registry.school"};

  Edit person_edit_{"form.registry.person_edit"};
  Edit school_edit_{"form.registry.school_edit"};
  Edit assignment_edit_{"form.registry.assignment_edit"};
  Edit pair_edit_{"form.registry.pair_edit"};
  std::string message_;
};

}  // namespace nastavnik::ui
