#pragma once
// Registry (реестр) for methodologists: people with their roles and school, network pairs
// with their problem zones and agreement, every mentor assignment, and the schools with
// their flags, indices and municipality. A click on a row of people, schools or assignments
// opens that record in the form beside the list for editing (only changed fields are sent)
// or deleting after confirmation; otherwise the form creates a new record. Forms are
// generated from the domain schema and keep drafts; the model checks who may write the
// registry and the form shows its refusal inline.

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
  // Draws an entity form with Save/Clear; `record_id` empty creates a record, otherwise
  // only the touched fields of that record are sent.
  void DrawRecordForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields,
                      widgets::RecordFormData* data, FormState* state, const std::string& record_id);
  widgets::RecordFormSources Sources(const FrameContext& ctx) const;

  // An existing record of one entity opened from a list, and its form.
  struct Edit {
    explicit Edit(std::string draft_key) : editor(std::move(draft_key)) {}
    RecordEditor editor;
    widgets::RecordFormData data;
    std::string title;  // of the record, for the edit header and the confirmations
  };
  // Loads an opened record or a restored edit draft into `edit`; call every frame.
  void TakeEdit(FrameContext& ctx, Edit* edit, const char* title_field);
  // A click on row `id`: opens it in `edit` (asks first when the open edit is unsaved).
  void OpenRow(FrameContext& ctx, Edit* edit, const std::string& id);
  // Draws the edit of `edit` with Save changes / Revert / Delete; false when none is open.
  bool DrawEditForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields, Edit* edit);

  std::string people_filter_;
  widgets::RecordFormData person_form_;
  FormState person_state_{"form.registry.person"};

  std::string pair_loaded_;  // the pair whose card is in pair_edit_
  widgets::RecordFormData pair_edit_, pair_new_;
  FormState pair_edit_state_{"form.registry.pair_edit"};
  FormState pair_new_state_{"form.registry.pair"};

  widgets::RecordFormData assignment_form_;
  FormState assignment_state_{"form.registry.assignment"};

  widgets::RecordFormData school_form_;
  FormState school_state_{"form.registry.school"};

  Edit person_edit_{"form.registry.person_edit"};
  Edit school_edit_{"form.registry.school_edit"};
  Edit assignment_edit_{"form.registry.assignment_edit"};
  std::string message_;
};

}  // namespace nastavnik::ui
