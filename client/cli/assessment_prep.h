#pragma once
// Self-assessments before they are written: the CLI fills in what the user may leave out
// (the latest instrument version, the person it is about) and scores the answers with the
// instrument, so the stored "deficits" always match the stored answers.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/domain/instrument.h"
#include "shared/domain/validation.h"
#include "shared/domain/write_policy.h"

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

// Applies `--answer ITEM=VALUE` texts to `answers` (an object; created if null).
// InvalidArgument (translated) for a text that is not ITEM=INTEGER: a usage error.
Status apply_answer_flags(nlohmann::json& answers, const std::vector<std::string>& texts,
                          const Catalog& catalog);

// Completes and scores `fields` of a self-assessment in place:
// - instrument_version defaults to the latest version of instrument_id;
// - with `fill_person` (new records), an instrument about a person is about the device's
//   person when neither person_id nor school_id is given;
// - an instrument about a school needs school_id;
// - "deficits" is computed from the answers.
// Returns the problems found, as field errors (empty: ready to validate and write).
std::vector<FieldError> prepare_assessment(nlohmann::json& fields, const InstrumentRegistry& instruments,
                                           const Actor& actor, bool fill_person);

// The titles of the deficit areas in `fields` ("deficits"), in `lang`.
std::vector<std::string> deficit_titles(const nlohmann::json& fields, const InstrumentRegistry& instruments,
                                        const std::string& lang);

}  // namespace nastavnik::cli
