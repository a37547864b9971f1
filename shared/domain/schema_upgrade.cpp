#include "shared/domain/schema_upgrade.h"

#include "shared/domain/schema.h"

namespace nastavnik {
namespace {

// 1 -> 2: version 1 self-assessments named their instrument without a version; all of
// them were answered on version 1 of that instrument.
void upgrade_1_to_2(Op& op) {
  if (op.entity != "self_assessment" || op.kind != OpKind::kUpsert) return;
  if (op.fields.contains("instrument_id") && !op.fields.contains("instrument_version"))
    op.fields["instrument_version"] = 1;
}

}  // namespace

Status upgrade_ops(int from_schema, std::vector<Op>& ops) {
  if (from_schema > kDomainSchemaVersion)
    return Status::FailedPrecondition("the changeset uses domain schema " + std::to_string(from_schema) +
                                      ", newer than this program's " + std::to_string(kDomainSchemaVersion) +
                                      ": update the program");
  if (from_schema < 1) return Status::FailedPrecondition("domain schema " + std::to_string(from_schema) + " never existed");
  for (int v = from_schema; v < kDomainSchemaVersion; ++v)
    for (auto& op : ops)
      if (v == 1) upgrade_1_to_2(op);
  return Status::Ok();
}

}  // namespace nastavnik
