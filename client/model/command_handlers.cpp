// What each command does to the replica and to the model's selections, and the feedback it
// leaves for the view that sent it. Runs on the model thread.

#include "client/model/app_model_impl.h"
#include "client/model/draft_store.h"
#include "client/model/monitoring_source.h"
#include "client/model/rejection_acks.h"
#include "client/model/user_messages.h"
#include "client/report/report_file.h"
#include "client/sync/courier.h"
#include "client/report/report_preview.h"
#include "client/report/report_writers.h"
#include "shared/core/csv_writer.h"
#include "shared/domain/schema.h"

#include <fstream>
#include <sstream>

namespace nastavnik {
namespace {

using nlohmann::json;

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

bool absent(const json& fields, const char* key) { return !fields.contains(key) || fields[key].is_null(); }

// Fills in what a self-assessment form may leave out and scores the answers, so that the
// stored "deficits" always match the stored answers: the latest version of the instrument,
// and (for a new record about a person) the device's own person.
std::vector<FieldError> complete_assessment(json& fields, const InstrumentRegistry& instruments, const Actor& actor,
                                            bool fill_person) {
  const std::string id = fields.contains("instrument_id") && fields["instrument_id"].is_string()
                             ? fields["instrument_id"].get<std::string>()
                             : "";
  if (absent(fields, "instrument_version"))
    if (const Instrument* latest = instruments.latest(id)) fields["instrument_version"] = latest->version;
  const json version = fields.value("instrument_version", json());
  const Instrument* inst = version.is_number_integer() ? instruments.find(id, version.get<int>()) : nullptr;
  if (fill_person && inst && inst->subject == "person" && absent(fields, "person_id") && absent(fields, "school_id") &&
      !actor.person_id.empty())
    fields["person_id"] = actor.person_id;
  return instruments.prepare_self_assessment(fields);
}

// The person's name as this device knows it; "" when it does not.
std::string person_name(const LocalStore& store, const std::string& id) {
  auto person = store.reader().get(id);
  if (person.ok() && person->data.contains("full_name") && person->data["full_name"].is_string())
    return person->data["full_name"].get<std::string>();
  return "";
}

}  // namespace

void AppModel::Impl::set_feedback(const std::string& form, const Status& status, Message message) {
  feedback.form = form;
  feedback.ok = status.ok();
  feedback.field_errors.clear();
  feedback.message = message.empty() ? msg::for_status(status) : std::move(message);
  feedback.detail = status.ok() ? "" : status.message();
  feedback.created_id.clear();
}

void AppModel::Impl::wrote(const std::string& id) {
  // Patch the one record; if it cannot be read back, read everything again instead.
  if (!builder.records().refresh(id).ok()) builder.records().clear();
  dirty |= model::kDirtyRecords | model::kDirtySync;
}

void AppModel::Impl::apply(const Command& command, bool nested) {
  ++feedback.sequence;
  try {
    dispatch(command, nested);
  } catch (const std::exception& e) {
    // A library exception (say, text that is not UTF-8) must not end the model thread.
    set_feedback("command", Status::Internal(std::string("the command could not be applied: ") + e.what()),
                 Message(msg::kInternal));
    builder.records().clear();
    dirty |= model::kDirtyAll;
  }
}

void AppModel::Impl::dispatch(const Command& command, bool nested) {
  LocalStore& store = *replica.store;
  std::visit(
      Overloaded{
          [&](const command::SaveRecord& c) { save_record(c); },
          [&](const command::DeleteRecord& c) {
            std::vector<FieldError> errors;
            const Status status = store.delete_record(c.id, &errors);
            set_feedback("delete_record", status);
            feedback.field_errors = std::move(errors);
            if (status.ok()) wrote(c.id);
          },
          [&](const command::OpenRecord& c) {
            opened_record = c.id;
            dirty |= model::kDirtyOpened;
          },
          [&](const command::SaveDraft& c) {
            // Drafts are saved as the person types: only a failure is worth a message, and
            // success must not wipe the feedback of the form's last save.
            if (Status s = model::DraftStore::save(store, c.key, c.fields); !s.ok()) set_feedback(c.key, s);
            dirty |= model::kDirtyDrafts;
          },
          [&](const command::DiscardDraft& c) {
            if (Status s = model::DraftStore::discard(store, c.key); !s.ok()) set_feedback(c.key, s);
            dirty |= model::kDirtyDrafts;
          },
          [&](const command::SetSessionFilter& c) {
            filter = c.filter;
            dirty |= model::kDirtySessions;
          },
          [&](const command::SelectPair& c) {
            selected_pair = c.pair_id;
            dirty |= model::kDirtyPair;
          },
          [&](const command::SelectPerson& c) {
            selected_person = c.person_id;
            dirty |= model::kDirtyPerson;
          },
          [&](const command::StartSync&) {
            if (!nested) return run_sync(SyncTrigger::kUser);
            if (!devices.refreshing) return set_feedback("start_sync", Status::Ok(), Message(msg::kSyncAlreadyRunning));
            sync_after_exchange = true;
            set_feedback("start_sync", Status::Ok(), Message(msg::kSyncQueued));
          },
          [&](const command::CheckServer& c) {
            if (nested)
              set_feedback("check_server", Status::FailedPrecondition("a sync is running"), Message(msg::kSyncWaitRunning));
            else check_server(c);
          },
          [&](const command::Enroll& c) {
            if (nested)
              set_feedback("enroll", Status::FailedPrecondition("a sync is running"), Message(msg::kSyncWaitRunning));
            else enroll(c);
          },
          [&](const command::ChangeServerAddress& c) {
            if (nested)
              set_feedback("change_server", Status::FailedPrecondition("a sync is running"), Message(msg::kSyncWaitRunning));
            else change_server_address(c);
          },
          [&](const command::AcknowledgeConflict& c) {
            ConflictRecord key;
            key.record_id = c.record_id;
            key.field = c.field;
            key.loser_hlc = c.loser_hlc;
            key.winner_hlc = c.winner_hlc;
            set_feedback("acknowledge_conflict", store.acknowledge_conflict(key));
            dirty |= model::kDirtySync;
          },
          [&](const command::ReapplyConflict& c) { reapply_conflict(c); },
          [&](const command::AcknowledgeRejections&) {
            set_feedback("acknowledge_rejections", model::acknowledge_rejections(store));
            dirty |= model::kDirtySync;
          },
          [&](const command::RefreshDevices&) { refresh_devices(nested); },
          [&](const command::WriteReport& c) { write_report(c); },
          [&](const command::ShowMonitoring&) {
            if (!std::exchange(monitoring_wanted, true)) dirty |= model::kDirtyMonitoring;
          },
          [&](const command::PreviewReport& c) { preview_report(c); },
          [&](const command::ClosePreview&) { report_preview.reset(); },
          [&](const command::ExportBundle& c) { export_bundle(c); },
          [&](const command::ImportBundle& c) {
            import_bundle(c);
            dirty |= model::kDirtyRecords | model::kDirtySync;
          },
          [&](const command::ResendRefused&) {
            auto resent = store.resend_refused_for_clock();
            dirty |= model::kDirtySync;
            if (!resent.ok()) return set_feedback("resend", resent.status());
            if (*resent == 0) return set_feedback("resend", Status::Ok(), Message(msg::kResendNone));
            set_feedback("resend", Status::Ok(), Message(msg::kResent).with("count", std::to_string(*resent)));
            if (!nested) run_sync(SyncTrigger::kUser);
            else sync_after_exchange = true;
          },
          [&](const command::SetMunicipalityPeriod& c) {
            if (c.period != municipality_period) {
              municipality_period = c.period;
              dirty |= model::kDirtyMunicipality;
            }
          },
          [&](const command::SetLanguage& c) {
            if (!c.lang.empty() && c.lang != lang) {
              lang = c.lang;
              dirty |= model::kDirtyRecords;
            }
          },
      },
      command);
}

void AppModel::Impl::save_record(const command::SaveRecord& c) {
  const std::string form = c.draft_key.empty() ? "save_record" : c.draft_key;
  LocalStore& store = *replica.store;
  if (!c.fields.is_object()) return set_feedback(form, Status::InvalidArgument("the form's fields must be a JSON object"));
  json fields = c.fields;
  std::string entity = c.entity;
  std::vector<FieldError> errors;
  if (!c.id.empty()) {
    auto current = store.reader().get(c.id);
    if (!current.ok()) return set_feedback(form, current.status());
    if (!entity.empty() && current->entity != entity)
      return set_feedback(form, Status::InvalidArgument("record " + c.id + " is a " + current->entity + ", not a " + entity));
    entity = current->entity;
    // Forms may send back the author they were shown; only a change of it is an error.
    if (fields.contains(kCreatedByField) && fields[kCreatedByField] == current->data.value(kCreatedByField, json()))
      fields.erase(kCreatedByField);
    if (entity == "self_assessment") {
      json merged = current->data;
      for (const auto& [k, v] : fields.items()) {
        if (v.is_null()) merged.erase(k);
        else merged[k] = v;
      }
      merged.erase(kCreatedByField);
      errors = complete_assessment(merged, instruments, store.actor(), false);
      if (errors.empty()) fields["deficits"] = merged.value("deficits", json::array());
    }
  } else if (entity == "self_assessment") {
    errors = complete_assessment(fields, instruments, store.actor(), true);
  }
  // A school's reported figure: an indicator of the catalogue, a half-year, a value in range.
  if (entity == "indicator_value") {
    json merged = fields;
    if (!c.id.empty()) {
      merged = store.reader().get(c.id)->data;
      for (const auto& [k, v] : fields.items()) merged[k] = v;
    }
    for (FieldError& e : monitoring::check_reported_value(indicators, merged)) errors.push_back(std::move(e));
  }
  if (!errors.empty()) {
    set_feedback(form, Status::InvalidArgument("field errors"), Message(msg::kFieldsNeedAttention));
    feedback.field_errors = std::move(errors);
    return;
  }

  Status status;
  std::string id = c.id;
  if (id.empty()) {
    auto created = store.create_record(entity, fields, &errors);
    status = created.status();
    if (created.ok()) id = *created;
  } else {
    status = store.update_record(id, fields, &errors);
  }
  set_feedback(form, status, !status.ok() && !errors.empty() ? Message(msg::kFieldsNeedAttention) : Message());
  feedback.field_errors = std::move(errors);
  if (!status.ok()) return;
  feedback.created_id = id;
  wrote(id);
  if (!c.draft_key.empty()) {
    dirty |= model::kDirtyDrafts;
    if (Status s = model::DraftStore::discard(store, c.draft_key); !s.ok()) {
      feedback.message = Message(msg::kSavedDraftKept);
      feedback.detail = s.message();
    }
  }
}

void AppModel::Impl::reapply_conflict(const command::ReapplyConflict& c) {
  const std::string form = "reapply_conflict";
  LocalStore& store = *replica.store;
  auto conflicts = store.reader().conflicts(true);
  if (!conflicts.ok()) return set_feedback(form, conflicts.status());
  const ConflictRecord* found = nullptr;
  for (const auto& k : *conflicts)
    if (k.record_id == c.record_id && k.field == c.field && k.loser_hlc == c.loser_hlc && k.winner_hlc == c.winner_hlc)
      found = &k;
  if (!found) return set_feedback(form, Status::NotFound("conflict not recorded"), Message(msg::kConflictGone));
  if (found->field == "*")
    return set_feedback(form, Status::FailedPrecondition("the record was deleted"),
                        Message(msg::kConflictDeletedBy).with("name", person_name(store, found->winner_author)));
  auto record = store.reader().get(found->record_id);
  if (!record.ok()) return set_feedback(form, record.status());
  if (record->deleted)
    return set_feedback(form, Status::FailedPrecondition("the record was deleted since"),
                        Message(msg::kConflictRecordDeleted));
  // A new edit based on the current value: it is newer than the winner, so it wins now.
  std::vector<FieldError> errors;
  Status status = store.update_record(found->record_id, json{{found->field, found->loser_value}}, &errors);
  if (status.ok()) status = store.acknowledge_conflict(*found);
  set_feedback(form, status, !status.ok() && !errors.empty() ? Message(msg::kFieldsNeedAttention) : Message());
  feedback.field_errors = std::move(errors);
  wrote(found->record_id);
}

}  // namespace nastavnik

namespace nastavnik {

Result<report::Report> AppModel::Impl::build_report(const std::string& period_id, const Catalog& text) {
  const auto period = monitoring::Period::parse(period_id);
  if (!period) return Status::InvalidArgument("no such period: " + period_id);
  if (!indicators_error.empty()) return Status::Unavailable(indicators_error);
  NASTAVNIK_ASSIGN_OR_RETURN(auto source, model::load_monitoring_source(*replica.store));
  return report::build_report(indicators, source, *period, text, instruments, model::local_date(options.calendar()));
}

void AppModel::Impl::write_report(const command::WriteReport& c) {
  constexpr const char* kForm = "write_report";
  auto failed = [&](const Status& s) { set_feedback(kForm, s, Message(msg::kReportFailed)); };
  auto text = Catalog::load(options.assets / "i18n", lang);
  if (!text.ok()) return failed(text.status());
  auto built = build_report(c.period, *text);
  if (!built.ok()) return failed(built.status());
  // The export folder of a new installation may not exist yet.
  std::error_code ec;
  if (const auto folder = std::filesystem::path(c.path).parent_path(); !folder.empty())
    std::filesystem::create_directories(folder, ec);
  const Status written = report::write_report(*built, *text, c.format, c.path, csv_separator(lang));
  if (!written.ok()) return failed(written);
  set_feedback(kForm, Status::Ok(), Message(msg::kReportWritten).with("path", c.path));
}

void AppModel::Impl::preview_report(const command::PreviewReport& c) {
  constexpr const char* kForm = "preview_report";
  // Enough pages to see the layout (title, summary, charts, tables) at screen resolution.
  constexpr int kPreviewPages = 8;
  constexpr double kPixelsPerPoint = 1.25;
  auto failed = [&](const Status& s) { set_feedback(kForm, s, Message(msg::kReportPreviewFailed)); };
  auto text = Catalog::load(options.assets / "i18n", lang);
  if (!text.ok()) return failed(text.status());
  auto built = build_report(c.period, *text);
  if (!built.ok()) return failed(built.status());
  auto drawn = report::render_report_preview(*built, *text, kPixelsPerPoint, kPreviewPages);
  if (!drawn.ok()) return failed(drawn.status());
  auto preview = std::make_shared<view::ReportPreviewData>();
  preview->period = c.period;
  preview->pages = std::move(drawn->pages);
  preview->total_pages = drawn->total_pages;
  report_preview = std::move(preview);
  set_feedback(kForm, Status::Ok(), Message());
}

}  // namespace nastavnik

namespace nastavnik {

void AppModel::Impl::export_bundle(const command::ExportBundle& c) {
  constexpr const char* kForm = "export_bundle";
  auto failed = [&](const Status& s) {
    set_feedback(kForm, s, Message(msg::kBundleFailed).with("detail", s.message()));
  };
  Courier courier(*replica.store, replica.key);
  auto contents = courier.make_bundle(c.carried_only);
  if (!contents.ok()) return failed(contents.status());
  if (contents->bundle.envelopes.empty()) return set_feedback(kForm, Status::Ok(), Message(msg::kBundleNothing));
  const std::string text = wire::encode_bundle(contents->bundle);
  const Status written = report::write_via_temp(c.path, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    return out ? Status::Ok() : Status::IoError("cannot write " + temp.string());
  });
  if (!written.ok()) return failed(written);
  set_feedback(kForm, Status::Ok(),
               Message(msg::kBundleWritten)
                   .with("path", c.path)
                   .with("changesets", std::to_string(contents->own_changesets))
                   .with("carried", std::to_string(contents->carried)));
}

void AppModel::Impl::import_bundle(const command::ImportBundle& c) {
  constexpr const char* kForm = "import_bundle";
  auto failed = [&](const Status& s) {
    set_feedback(kForm, s, Message(msg::kBundleFailed).with("detail", s.message()));
  };
  std::ifstream in(c.path, std::ios::binary);
  if (!in) return failed(Status::NotFound(c.path + " cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  Courier courier(*replica.store, replica.key);
  auto intake = courier.take_bundle(text.str());
  if (!intake.ok()) return failed(intake.status());
  if (!intake->refused.empty() && intake->answers + intake->repeated_answers + intake->kept_to_carry == 0)
    return failed(Status::Unauthenticated(intake->refused.front()));
  set_feedback(kForm, Status::Ok(),
               Message(msg::kBundleTaken)
                   .with("answers", std::to_string(intake->answers + intake->repeated_answers))
                   .with("delivered", std::to_string(intake->summary.changesets_sent))
                   .with("received", std::to_string(intake->summary.ops_received))
                   .with("carry", std::to_string(intake->kept_to_carry)));
}

}  // namespace nastavnik
