#pragma once
// Registry (реестр) for methodologists: people with their roles and school, network pairs
// with their problem zones and agreement, every mentor assignment, and the schools with
// their flags, indices and municipality. Each tab is a list beside its record form
// (RecordForm, generated from the schema): a click on a row opens that record for editing
// or deleting; otherwise the form creates a new record. Other roles read the registry and
// are not offered its forms (the registry is kept by the methodologists).

#include <string>

#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class RegistryView : public View {
 public:
  RegistryView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawPeople(FrameContext& ctx);
  void DrawPairs(FrameContext& ctx);
  void DrawAssignments(FrameContext& ctx);
  void DrawSchools(FrameContext& ctx);
  // The list drawn by `list` beside the form when the person may write it.
  void WithForm(FrameContext& ctx, const char* id, RecordForm& form, float form_share,
                const std::function<void()>& list);

  std::string people_filter_;
  RecordForm person_form_, pair_form_, assignment_form_, school_form_;
};

}  // namespace nastavnik::ui
