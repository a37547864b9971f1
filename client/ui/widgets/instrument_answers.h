#pragma once
// The answers to an instrument from assets/instruments — a self-assessment questionnaire or
// a lesson observation protocol: its scale legend, how many items are answered, then the
// items grouped by area, each area's header with its mean so far, each item scored on the
// instrument's scale by radio buttons. As a protocol grid the scores come first and the
// criterion beside them (a compact grid for the observer's lap); as a questionnaire the
// question comes first and its scale under it, with the scale labels in tooltips.

#include <nlohmann/json.hpp>
#include <string>

#include "shared/domain/instrument.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

enum class AnswersLook { kProtocolGrid, kQuestionnaire };

// `answers` is the JSON object item id -> score. True when an answer changed.
bool InstrumentAnswers(const Instrument& instrument, const Catalog& text, AnswersLook look, nlohmann::json* answers,
                       bool read_only);

// "0 — не проявлено · 1 — частично · …" in the catalog's language.
std::string ScaleLegend(const Instrument& instrument, const std::string& lang);
// The label of score `s` on the instrument's scale, "" when it has none.
std::string ScaleLabel(const Instrument& instrument, const std::string& lang, int s);
// How many items of `answers` name an item of the instrument.
int AnsweredItems(const Instrument& instrument, const nlohmann::json& answers);

}  // namespace nastavnik::ui::widgets
