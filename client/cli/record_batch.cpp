#include "client/cli/record_batch.h"

#include <algorithm>
#include <ctime>

#include "client/cli/assessment_prep.h"
#include "client/cli/cli_context.h"
#include "client/cli/entity_names.h"
#include "shared/assets_dir.h"
#include "shared/domain/validation.h"
#include "shared/domain/write_policy.h"
#include "shared/monitoring/indicator_catalog.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

constexpr size_t kChunk = 1000;  // records per transaction, and per progress line

// The record as the store will check it: nulls dropped, created_by set to the writer.
json as_stored(const json& fields, const Actor& actor) {
  json record = json::object();
  for (const auto& [k, v] : fields.items())
    if (!v.is_null()) record[k] = v;
  if (!actor.person_id.empty()) record[kCreatedByField] = actor.person_id;
  return record;
}

// Completes one record; returns why it is refused, or "" when it may be written.
Result<std::string> complete_and_check(CliContext& ctx, const EntitySchema& entity, const Actor& actor,
                                       json& fields) {
  if (!fields.is_object()) return ctx.tr("cli.error.not_an_object");
  if (fields.contains(kCreatedByField))
    return ctx.format("cli.error.created_by_given", {{"field", kCreatedByField}});
  std::vector<FieldError> errors;
  if (entity.name == "self_assessment") {
    NASTAVNIK_ASSIGN_OR_RETURN(const InstrumentRegistry* instruments, ctx.instruments());
    errors = prepare_assessment(fields, *instruments, actor, /*fill_person=*/true);
  } else if (const std::string author = author_field(entity.name);
             !author.empty() && !actor.person_id.empty() &&
             (!fields.contains(author) || fields[author].is_null())) {
    fields[author] = actor.person_id;
  }
  const json record = as_stored(fields, actor);
  if (errors.empty()) errors = validate_record(entity, record);
  // A school's reported figure is checked against the indicator catalogue, as in the window.
  if (errors.empty() && entity.name == "indicator_value") {
    auto catalog = monitoring::IndicatorCatalog::load_dir(assets_dir() / "indicators");
    if (!catalog.ok()) return catalog.status();
    errors = monitoring::check_reported_value(*catalog, record);
  }
  if (!errors.empty()) return render_errors(errors, ctx.catalog());
  if (Status allowed = check_write(actor, entity, record); !allowed.ok())
    return user_message(allowed, ctx.catalog());
  return std::string();
}

std::string located(const std::string& where, const std::string& reason) {
  return where.empty() ? reason : where + ": " + reason;
}

}  // namespace

std::string local_date_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

ExitStatus add_records(CliContext& ctx, LocalStore& store, const EntitySchema& entity,
                       std::vector<InputRecord>& records, bool batch, std::vector<std::string>* ids) {
  std::string first_refusal;
  size_t refused = 0;
  for (InputRecord& r : records) {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string reason, complete_and_check(ctx, entity, store.actor(), r.fields));
    if (reason.empty()) continue;
    if (++refused == 1) first_refusal = located(r.where, reason);
  }
  if (refused > 0) {
    if (!batch) return ExitStatus::Failure(first_refusal);
    return ExitStatus::Failure(ctx.format("cli.error.batch_refused",
                                          {{"reason", first_refusal}, {"count", std::to_string(refused)}}));
  }

  // Written in transactions of kChunk records: one synchronous commit per record would make
  // a large import take minutes, and the chunks give the progress its steps.
  size_t written = 0;
  for (size_t start = 0; start < records.size(); start += kChunk) {
    const size_t end = std::min(records.size(), start + kChunk);
    std::vector<NewRecord> chunk;
    for (size_t i = start; i < end; ++i) chunk.push_back({entity.name, "", records[i].fields});
    std::vector<FieldError> errors;
    auto created = store.create_records(chunk, &errors);
    if (!created.ok()) {
      // Checked above, so this is the disk or a concurrent change; say what was kept.
      const std::string reason = errors.empty() ? user_message(created.status(), ctx.catalog())
                                                : render_errors(errors, ctx.catalog());
      if (!batch) return ExitStatus::Failure(reason);
      return ExitStatus::Failure(
          ctx.format("cli.error.batch_stopped", {{"reason", reason}, {"written", std::to_string(written)}}));
    }
    for (const std::string& id : *created) {
      ctx.out() << id << "\n";
      if (ids) ids->push_back(id);
    }
    ctx.out().flush();
    written += created->size();
    if (batch && written < records.size())
      ctx.err() << ctx.format("cli.progress",
                              {{"done", std::to_string(written)}, {"total", std::to_string(records.size())}})
                << std::endl;
  }
  if (batch) ctx.err() << ctx.format("cli.added_count", {{"count", std::to_string(written)}}) << std::endl;
  return Status::Ok();
}

}  // namespace nastavnik::cli
