#include "shared/protocol/courier_bundle.h"

#include "shared/crypto/sealed_box.h"

namespace nastavnik::wire {
namespace {

using nlohmann::json;

bool is_key_id(const json& v) { return v.is_string() && v.get<std::string>().size() == 32; }

json envelopes_json(const std::vector<Envelope>& envelopes) {
  json out = json::array();
  for (const auto& e : envelopes) out.push_back(e.to_json());
  return out;
}

}  // namespace

std::string Envelope::digest() const { return crypto::hash_hex(box); }

json Envelope::to_json() const { return {{"to", to}, {"from", from}, {"box", crypto::to_base64(box)}}; }

Result<Envelope> Envelope::from_json(const json& j) {
  if (!j.is_object() || !is_key_id(j.value("to", json())) || !is_key_id(j.value("from", json())) ||
      !j.value("box", json()).is_string())
    return Status::Corruption("an envelope of the bundle is malformed");
  Envelope e{j["to"].get<std::string>(), j["from"].get<std::string>(), ""};
  NASTAVNIK_ASSIGN_OR_RETURN(e.box, crypto::from_base64(j["box"].get<std::string>()));
  return e;
}

std::string encode_bundle(const Bundle& bundle) {
  const json envelopes = envelopes_json(bundle.envelopes);
  return json{{"format", kBundleFormat},
              {"version", kBundleVersion},
              {"written_by", bundle.written_by},
              {"created_ms", bundle.created_ms},
              {"envelopes", envelopes},
              {"check", crypto::hash_hex(envelopes.dump())}}
             .dump(1) + "\n";
}

Result<Bundle> decode_bundle(std::string_view text) {
  if (text.size() > kMaxBundleBytes) return Status::Corruption("the file is too large to be a Nastavnik bundle");
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || j.value("format", "") != kBundleFormat)
    return Status::Corruption("the file is not a Nastavnik bundle");
  if (j.value("version", 0) != kBundleVersion)
    return Status::FailedPrecondition("the bundle was written by another version of Nastavnik (bundle version " +
                                      std::to_string(j.value("version", 0)) + "); update Nastavnik");
  const json envelopes = j.value("envelopes", json());
  if (!envelopes.is_array() || !j.value("check", json()).is_string())
    return Status::Corruption("the bundle is damaged: its envelopes are missing");
  if (crypto::hash_hex(envelopes.dump()) != j["check"].get<std::string>())
    return Status::Corruption("the bundle is damaged (its check does not match): write it again from the laptop it came from");
  Bundle b;
  b.written_by = j.value("written_by", "");
  b.created_ms = j.value("created_ms", uint64_t{0});
  for (const auto& e : envelopes) {
    NASTAVNIK_ASSIGN_OR_RETURN(Envelope envelope, Envelope::from_json(e));
    b.envelopes.push_back(std::move(envelope));
  }
  return b;
}

Result<Envelope> seal_envelope(const std::string& from, const crypto::PublicKey& recipient, const json& document) {
  NASTAVNIK_ASSIGN_OR_RETURN(std::string box, crypto::seal_to(recipient, document.dump()));
  return Envelope{crypto::key_id(recipient), from, std::move(box)};
}

Result<json> open_envelope(const Envelope& envelope, const crypto::KeyPair& recipient) {
  if (envelope.to != recipient.id())
    return Status::InvalidArgument("the envelope is addressed to " + envelope.to + ", not to " + recipient.id());
  NASTAVNIK_ASSIGN_OR_RETURN(std::string plain, crypto::open_sealed(recipient, envelope.box));
  json doc = json::parse(plain, nullptr, false);
  if (!doc.is_object()) return Status::Corruption("the envelope's contents are not a signed document");
  return doc;
}

}  // namespace nastavnik::wire
