// The record groups: `session`, `visit`, `assessment` (one kind each) and the generic
// `record --entity KIND`, each with `add`, `edit ID` and `delete ID`. Field flags come from
// the schema (record_flags.h); adding goes through record_batch.h.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "client/cli/assessment_prep.h"
#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/entity_names.h"
#include "client/cli/json_input.h"
#include "client/cli/record_batch.h"
#include "client/cli/record_flags.h"
#include "client/cli/record_lookup.h"
#include "shared/domain/validation.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

constexpr const char* kAssessment = "self_assessment";

// One command group: a fixed kind, or (generic group) the kind named by --entity.
struct Group {
  const EntitySchema* fixed = nullptr;  // null for the generic group
  std::string entity_option;            // --entity of the generic group
};

struct AddOptions {
  std::unique_ptr<RecordFlags> flags;
  std::string from_json;
  std::vector<std::string> answers;  // --answer ITEM=VALUE
};

struct EditOptions {
  std::string id;
  std::unique_ptr<RecordFlags> flags;
  std::vector<std::string> clear;
  std::vector<std::string> answers;
};

// The kind a command of `group` works on; null with a usage error when it cannot tell.
Result<const EntitySchema*> group_entity(const Group& group, const CliContext& ctx, bool required) {
  if (group.fixed) return group.fixed;
  if (group.entity_option.empty()) {
    if (!required) return static_cast<const EntitySchema*>(nullptr);
    return Status::InvalidArgument(
        ctx.format("cli.error.entity_required", {{"names", known_entity_names()}}));
  }
  const EntitySchema* e = find_entity(group.entity_option);
  if (!e)
    return Status::InvalidArgument(ctx.format(
        "cli.error.unknown_entity", {{"value", group.entity_option}, {"names", known_entity_names()}}));
  return e;
}

// `for_add`: the add command fills in some fields itself; --help says so.
RecordFlagOptions flag_options(const EntitySchema* entity, bool for_add) {
  RecordFlagOptions o;
  if (entity && entity->name == kAssessment) {
    o.skip = {"deficits"};  // computed from the answers
    o.extra_names = {{"instrument_id", "--instrument"}};
  }
  if (!for_add) return o;
  o.defaults["date"] = "cli.flag.default_today";
  if (!entity) return o;
  if (const std::string author = author_field(entity->name); !author.empty())
    o.defaults[author] = "cli.flag.default_person";
  if (entity->name == kAssessment) o.defaults["instrument_version"] = "cli.flag.default_latest";
  return o;
}

std::vector<const EntitySchema*> flag_entities(const Group& group) {
  if (group.fixed) return {group.fixed};
  std::vector<const EntitySchema*> all;
  for (const auto& e : DomainSchema::instance().entities()) all.push_back(&e);
  return all;
}

// The record to edit or delete, checked against the group's kind.
Result<Record> find_in_group(CliContext& ctx, LocalStore& store, const std::string& id,
                             const EntitySchema* kind) {
  NASTAVNIK_ASSIGN_OR_RETURN(Record record, find_record(store.reader(), id, ctx.catalog()));
  if (kind && record.entity != kind->name)
    return Status::InvalidArgument(
        ctx.format("cli.error.wrong_kind", {{"id", record.id},
                                            {"actual", ctx.tr("entity." + record.entity)},
                                            {"expected", ctx.tr("entity." + kind->name)}}));
  if (record.deleted) return Status::FailedPrecondition(ctx.format("cli.error.deleted", {{"id", record.id}}));
  return record;
}

void print_deficits(CliContext& ctx, const json& fields) {
  auto instruments = ctx.instruments();
  if (!instruments.ok()) return;
  const auto titles = deficit_titles(fields, **instruments, ctx.options().lang);
  if (titles.empty()) {
    ctx.out() << ctx.tr("cli.assessment.no_deficits") << "\n";
    return;
  }
  ctx.out() << ctx.tr("cli.assessment.deficits") << ":\n";
  for (const auto& t : titles) ctx.out() << "  - " << t << "\n";
}

ExitStatus run_add(CliContext& ctx, const Group& group, const AddOptions& o) {
  auto kind = group_entity(group, ctx, true);
  if (!kind.ok()) return ExitStatus::Usage(kind.status().message());
  const EntitySchema& entity = **kind;
  auto given = o.flags->values(entity, ctx.catalog());
  if (!given.ok()) return ExitStatus::Usage(given.status().message());
  const bool has_flags = o.flags->any_given() || !o.answers.empty();

  std::vector<InputRecord> records;
  const bool from_file = !o.from_json.empty();
  if (from_file) {
    NASTAVNIK_ASSIGN_OR_RETURN(records, read_json_records(o.from_json, std::cin, ctx.catalog()));
    if (has_flags && records.size() != 1) return ExitStatus::Usage(ctx.tr("cli.error.flags_with_batch"));
  } else {
    records.push_back({"", json::object()});
    // Interactive convenience only: a file must say when each record happened.
    if (entity.field("date")) records.front().fields["date"] = local_date_today();
  }
  if (records.size() == 1) {
    json& fields = records.front().fields;
    for (const auto& [k, v] : given->items()) fields[k] = v;
    if (!o.answers.empty()) {
      if (Status s = apply_answer_flags(fields["answers"], o.answers, ctx.catalog()); !s.ok())
        return ExitStatus::Usage(s.message());
    }
  }
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  if (ExitStatus s = add_records(ctx, *replica->store, entity, records, from_file); !s.ok()) return s;
  if (entity.name == kAssessment && records.size() == 1) print_deficits(ctx, records.front().fields);
  return Status::Ok();
}

ExitStatus run_edit(CliContext& ctx, const Group& group, const EditOptions& o) {
  auto kind = group_entity(group, ctx, false);
  if (!kind.ok()) return ExitStatus::Usage(kind.status().message());
  if (!looks_like_record_id(o.id))
    return ExitStatus::Usage(ctx.format("cli.error.bad_record_id", {{"id", o.id}}));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  LocalStore& store = *replica->store;
  NASTAVNIK_ASSIGN_OR_RETURN(Record record, find_in_group(ctx, store, o.id, *kind));
  const EntitySchema& entity = *DomainSchema::instance().entity(record.entity);

  auto given = o.flags->values(entity, ctx.catalog());
  if (!given.ok()) return ExitStatus::Usage(given.status().message());
  json changes = *given;
  for (const std::string& text : o.clear) {
    const std::string field = field_for_flag(text);
    if (!entity.field(field) || field == kCreatedByField ||
        (entity.name == kAssessment && field == "deficits"))
      return ExitStatus::Usage(ctx.format("cli.error.clear_unknown", {{"value", text}}));
    if (changes.contains(field))
      return ExitStatus::Usage(ctx.format("cli.error.clear_and_set", {{"value", text}}));
    changes[field] = nullptr;
  }
  if (!o.answers.empty()) {
    json answers =
        changes.contains("answers") ? changes["answers"] : record.data.value("answers", json::object());
    if (Status s = apply_answer_flags(answers, o.answers, ctx.catalog()); !s.ok())
      return ExitStatus::Usage(s.message());
    changes["answers"] = answers;
  }
  if (changes.empty()) return ExitStatus::Usage(ctx.tr("cli.error.nothing_to_change"));

  if (entity.name == kAssessment && (changes.contains("answers") || changes.contains("instrument_id") ||
                                     changes.contains("instrument_version"))) {
    // Re-score so the stored deficits always belong to the stored answers.
    json merged = record.data;
    for (const auto& [k, v] : changes.items()) {
      if (v.is_null())
        merged.erase(k);
      else
        merged[k] = v;
    }
    if (changes.contains("instrument_id") && !changes.contains("instrument_version"))
      merged.erase("instrument_version");
    NASTAVNIK_ASSIGN_OR_RETURN(const InstrumentRegistry* instruments, ctx.instruments());
    auto errors = prepare_assessment(merged, *instruments, store.actor(), /*fill_person=*/false);
    if (!errors.empty()) return ExitStatus::Failure(render_errors(errors, ctx.catalog()));
    changes["instrument_version"] = merged["instrument_version"];
    changes["deficits"] = merged["deficits"];
  }
  std::vector<FieldError> errors;
  if (Status s = store.update_record(record.id, changes, &errors); !s.ok())
    return errors.empty() ? ExitStatus(s) : ExitStatus::Failure(render_errors(errors, ctx.catalog()));
  ctx.out() << record.id << "\n";
  if (entity.name == kAssessment && changes.contains("deficits")) {
    NASTAVNIK_ASSIGN_OR_RETURN(Record updated, store.reader().get(record.id));
    print_deficits(ctx, updated.data);
  }
  return Status::Ok();
}

ExitStatus run_delete(CliContext& ctx, const Group& group, const std::string& id) {
  auto kind = group_entity(group, ctx, false);
  if (!kind.ok()) return ExitStatus::Usage(kind.status().message());
  if (!looks_like_record_id(id))
    return ExitStatus::Usage(ctx.format("cli.error.bad_record_id", {{"id", id}}));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(Record record, find_in_group(ctx, *replica->store, id, *kind));
  NASTAVNIK_RETURN_IF_ERROR(replica->store->delete_record(record.id));
  ctx.out() << record.id << "\n";
  return Status::Ok();
}

void add_group(CLI::App& root, CliContext& ctx, Commands& out, const std::string& name,
               const EntitySchema* fixed) {
  auto group = std::make_shared<Group>();
  group->fixed = fixed;
  CLI::App* cmd = add_command(root, name, name, ctx);
  cmd->require_subcommand(1);
  if (!fixed)
    cmd->add_option("--entity", group->entity_option,
                    ctx.format("cli.opt.entity", {{"names", known_entity_names()}}))
        ->type_name("KIND");
  const bool assessment = fixed && fixed->name == kAssessment;
  const auto answer_option = [&ctx](CLI::App* c, std::vector<std::string>& into) {
    c->add_option("--answer", into, ctx.tr("cli.opt.answer"))
        ->type_name("ITEM=VALUE")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  };

  auto add = std::make_shared<AddOptions>();
  CLI::App* add_cmd = add_command(*cmd, "add", name + ".add", ctx);
  add->flags = std::make_unique<RecordFlags>(*add_cmd, flag_entities(*group), ctx.catalog(),
                                             flag_options(fixed, true));
  add_cmd->add_option("--from-json", add->from_json, ctx.tr("cli.opt.from_json"))->type_name("FILE");
  if (assessment) answer_option(add_cmd, add->answers);
  out.push_back({add_cmd, [&ctx, group, add] { return run_add(ctx, *group, *add); }});

  auto edit = std::make_shared<EditOptions>();
  CLI::App* edit_cmd = add_command(*cmd, "edit", name + ".edit", ctx);
  edit_cmd->add_option("id", edit->id, ctx.tr("cli.opt.record_id"))->required()->type_name("ID");
  edit->flags = std::make_unique<RecordFlags>(*edit_cmd, flag_entities(*group), ctx.catalog(),
                                              flag_options(fixed, false));
  edit_cmd->add_option("--clear", edit->clear, ctx.tr("cli.opt.clear"))
      ->type_name("FIELD")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (assessment) answer_option(edit_cmd, edit->answers);
  out.push_back({edit_cmd, [&ctx, group, edit] { return run_edit(ctx, *group, *edit); }});

  auto id = std::make_shared<std::string>();
  CLI::App* delete_cmd = add_command(*cmd, "delete", name + ".delete", ctx);
  delete_cmd->add_option("id", *id, ctx.tr("cli.opt.record_id"))->required()->type_name("ID");
  out.push_back({delete_cmd, [&ctx, group, id] { return run_delete(ctx, *group, *id); }});
}

}  // namespace

void add_record_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  for (const auto& alias : kEverydayEntities)
    add_group(root, ctx, out, alias.alias, DomainSchema::instance().entity(alias.entity));
  add_group(root, ctx, out, "record", nullptr);
}

}  // namespace nastavnik::cli
