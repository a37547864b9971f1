#pragma once
// The programme's own records on the monitoring screen: the risk register (seed 003 §7:
// risk, likelihood, impact, mitigation, owner, status, review date) and the half-year's
// conclusions, targeted recommendations and management decisions — each a list beside the
// one record form. Methodologists write them; everyone else reads them.

#include <string>

#include "client/ui/record_form.h"

namespace nastavnik::ui {

class ProgrammeRecordsPanel {
 public:
  ProgrammeRecordsPanel();

  void DrawRisks(FrameContext& ctx);
  // The notes of `period_id`; a new note is written for it.
  void DrawNotes(FrameContext& ctx, const std::string& period_id);
  void DrawModals(FrameContext& ctx);

 private:
  RecordForm risk_form_;
  RecordForm note_form_;
  std::string period_id_;  // the half-year a new note belongs to
};

}  // namespace nastavnik::ui
