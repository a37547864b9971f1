#pragma once
// RecordEditor: what a form does to edit an existing record rather than create one.
//  - RequestOpen(id) asks the model for the record (command::OpenRecord); TakeOpened() hands
//    its stored fields to the form once they arrive, and the form calls Begin() with its
//    own fields right after loading them: the base the edit is compared with. When the
//    open edit has unsaved changes, a modal asks before they are dropped.
//  - Save() sends only what differs from the base (model::record_changes), so a field the
//    user did not touch is never overwritten with a stale copy.
//  - The edit in progress is kept as a draft {"record_id", "base", "fields"} under its own
//    key, so it survives closing the app like a new form's draft.
//  - Delete asks for confirmation in a modal, then posts command::DeleteRecord.
// Views call DrawModals() once per frame, outside any child window of their own.

#include <nlohmann/json.hpp>
#include <string>

#include "client/ui/form_state.h"

namespace nastavnik::ui {

class RecordEditor {
 public:
  explicit RecordEditor(std::string draft_key) : state_(std::move(draft_key)) {}

  bool editing() const { return !id_.empty(); }
  const std::string& id() const { return id_; }
  bool opening() const { return !opening_.empty(); }
  const std::string& opening_id() const { return opening_; }
  FormState& state() { return state_; }
  const FormState& state() const { return state_; }

  // The user picked record `id`. `dirty`: the open edit has unsaved changes (asks first).
  void RequestOpen(FrameContext& ctx, const std::string& id, bool dirty);
  // The stored fields of the record being opened, once, when a snapshot has them; nullptr
  // otherwise. A record that is gone leaves edit mode off and sets gone().
  const nlohmann::json* TakeOpened(const AppSnapshot& snap);
  bool gone() const { return gone_; }
  // From now on the form's fields are compared with `base` (the form's fields as loaded).
  void Begin(nlohmann::json base);
  // The record as stored when the edit began (or was last saved).
  const nlohmann::json& base() const { return base_; }
  // The edit kept as a draft, once when the form first appears: the fields to put in the
  // form (id() and the base are restored too); nullptr when there is none.
  const nlohmann::json* RestoreOnce(const AppSnapshot& snap);

  // What Save() would send; empty when nothing changed.
  nlohmann::json Changes(const nlohmann::json& fields) const;
  bool Dirty(const nlohmann::json& fields) const { return !Changes(fields).empty(); }
  void Touch(double now) { state_.Touch(now); }
  void MaybeSaveDraft(FrameContext& ctx, const nlohmann::json& fields);
  // Posts the changes as an update of id(); the outcome comes through state().Poll().
  void Save(FrameContext& ctx, const std::string& entity, const nlohmann::json& fields);
  // Leaves edit mode and drops the edit's draft.
  void Close(FrameContext& ctx);
  // The user asked to leave edit mode; `dirty`: ask first. True when it was left now.
  bool RequestClose(FrameContext& ctx, bool dirty);

  void RequestDelete() { ask_delete_ = true; }
  // True once, when the record was deleted (edit mode is left then).
  bool PollDeleted(FrameContext& ctx);
  bool deleting() const { return delete_state_.pending(); }
  // The reason the last delete failed, in the catalog's language; empty when it did not.
  std::string DeleteError(const Catalog& text) const { return delete_state_.GeneralError(text, {}); }

  // The "discard unsaved changes?" and "delete?" confirmations. `title` names the record.
  void DrawModals(FrameContext& ctx, const std::string& title);
  // Heading of the form while it creates a new record: the title, then whether a row is
  // being opened, was deleted meanwhile, or how to open one.
  void DrawNewRecordHeading(const FrameContext& ctx, const std::string& title) const;

 private:
  FormState state_;
  FormState delete_state_{"delete_record"};
  std::string id_, opening_, pending_open_;
  nlohmann::json base_ = nlohmann::json::object();
  bool gone_ = false;
  bool ask_discard_ = false, ask_delete_ = false;
};

}  // namespace nastavnik::ui
