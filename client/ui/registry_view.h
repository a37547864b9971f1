#pragma once
// Registry (реестр) for methodologists: people with their roles, network pairs with their
// problem zones and agreement, mentor assignments, and the schools known to this replica.
// Records are edited with forms generated from the domain schema; the model checks who may
// write the registry and the form shows its refusal inline.

#include <string>

#include "client/ui/form_state.h"
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

  std::string people_filter_;
  widgets::RecordFormData person_form_;
  FormState person_state_{"form.registry.person"};

  std::string pair_loaded_;  // the pair whose card is in pair_edit_
  widgets::RecordFormData pair_edit_, pair_new_;
  FormState pair_edit_state_{"form.registry.pair_edit"};
  FormState pair_new_state_{"form.registry.pair"};

  widgets::RecordFormData assignment_form_;
  FormState assignment_state_{"form.registry.assignment"};
  std::string message_;
};

}  // namespace nastavnik::ui
