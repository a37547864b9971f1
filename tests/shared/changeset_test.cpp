#include <catch2/catch.hpp>

#include <fstream>

#include "shared/core/ids.h"
#include "shared/crypto/key_pair.h"
#include "shared/domain/schema.h"
#include "shared/ops/changeset.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;
using nlohmann::json;

namespace {

Changeset sample_changeset(const std::string& device, uint64_t seq, const std::string& prev) {
  Changeset cs;
  cs.header.schema = kDomainSchemaVersion;
  cs.header.device = device;
  cs.header.seq = seq;
  cs.header.prev = prev;
  cs.header.created_ms = 1'790'000'000'000ULL;
  Op create;
  create.entity = "mentoring_session";
  create.id = "0190a000-0000-7000-8000-000000000001";
  create.hlc = Hlc{1'790'000'000'000ULL, 0, device};
  create.author = "00000000-0000-7000-8000-000300000001";
  create.fields = {{"topic", "Смысловое чтение: «текст» — №1"}, {"date", "2026-11-20"},
                   {"format", "offline"}, {"stage", "theory"}, {"duration_min", 45}};
  create.added["mentees"] = {"00000000-0000-7000-8000-000300000002", "00000000-0000-7000-8000-000300000003"};
  Op edit = create;
  edit.hlc.counter = 1;
  edit.fields = {{"notes", "Договорились о пробном уроке"}};
  edit.bases["notes"] = create.hlc;
  edit.added.clear();
  edit.removed["mentees"] = {"00000000-0000-7000-8000-000300000003"};
  Op del;
  del.kind = OpKind::kDelete;
  del.entity = "lesson_visit";
  del.id = "0190a000-0000-7000-8000-000000000002";
  del.hlc = Hlc{1'790'000'000'001ULL, 0, device};
  del.bases[kRecordBase] = create.hlc;
  cs.ops = {create, edit, del};
  return cs;
}

}  // namespace

TEST_CASE("changeset payload round-trips", "[changeset]") {
  const auto key = crypto::KeyPair::generate();
  const Changeset cs = sample_changeset(key.id(), 1, kGenesisHash);
  const std::string payload = ChangesetCodec::encode_payload(cs);
  auto decoded = ChangesetCodec::decode_payload(payload);
  REQUIRE(decoded.ok());
  CHECK(*decoded == cs);
  CHECK(ChangesetCodec::encode_payload(*decoded) == payload);
}

TEST_CASE("sealed changesets verify and frame round-trips", "[changeset]") {
  const auto key = crypto::KeyPair::generate();
  const SealedChangeset first = ChangesetCodec::seal(sample_changeset(key.id(), 1, kGenesisHash), key.secret_key);
  const SealedChangeset second = ChangesetCodec::seal(sample_changeset(key.id(), 2, first.hash()), key.secret_key);
  const std::string bytes = ChangesetCodec::frame(first) + ChangesetCodec::frame(second);
  auto frames = ChangesetCodec::unframe(bytes);
  REQUIRE(frames.ok());
  REQUIRE(frames->size() == 2);
  CHECK((*frames)[0].payload == first.payload);
  CHECK((*frames)[1].signature == second.signature);
  CHECK(ChangesetCodec::verify((*frames)[0], key.public_key).ok());
  CHECK(ChangesetCodec::verify((*frames)[1], key.public_key).ok());
}

TEST_CASE("a flipped bit anywhere in a framed changeset is detected", "[changeset]") {
  const auto key = crypto::KeyPair::generate();
  const std::string frame =
      ChangesetCodec::frame(ChangesetCodec::seal(sample_changeset(key.id(), 1, kGenesisHash), key.secret_key));
  int detected_by_framing = 0, detected_by_signature = 0;
  for (size_t byte = 0; byte < frame.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = frame;
      damaged[byte] = static_cast<char>(damaged[byte] ^ (1 << bit));
      auto frames = ChangesetCodec::unframe(damaged);
      if (!frames.ok()) {
        ++detected_by_framing;
        continue;
      }
      bool all_verified = true;
      for (const auto& f : *frames) all_verified = all_verified && ChangesetCodec::verify(f, key.public_key).ok();
      INFO("byte " << byte << " bit " << bit);
      REQUIRE_FALSE(all_verified);
      ++detected_by_signature;
    }
  }
  CHECK(detected_by_framing + detected_by_signature == static_cast<int>(frame.size() * 8));
  CHECK(detected_by_signature > detected_by_framing);  // most of the frame is payload and signature
}

TEST_CASE("a changeset signed by another key is refused", "[changeset]") {
  const auto device = crypto::KeyPair::generate();
  const auto impostor = crypto::KeyPair::generate();
  const SealedChangeset forged = ChangesetCodec::seal(sample_changeset(device.id(), 1, kGenesisHash), impostor.secret_key);
  const Status st = ChangesetCodec::verify(forged, device.public_key);
  CHECK(st.code() == StatusCode::kUnauthenticated);
  CHECK_THAT(st.message(), Catch::Contains("signature"));
}

TEST_CASE("the hash chain detects replays, gaps and reordering", "[changeset]") {
  const auto key = crypto::KeyPair::generate();
  const SealedChangeset c1 = ChangesetCodec::seal(sample_changeset(key.id(), 1, kGenesisHash), key.secret_key);
  const SealedChangeset c2 = ChangesetCodec::seal(sample_changeset(key.id(), 2, c1.hash()), key.secret_key);
  const SealedChangeset c3 = ChangesetCodec::seal(sample_changeset(key.id(), 3, c2.hash()), key.secret_key);
  auto header = [](const SealedChangeset& s) { return ChangesetCodec::decode_payload(s.payload).value().header; };

  SECTION("in order") {
    CHECK(ChangesetCodec::check_chain(header(c1), 0, "").ok());
    CHECK(ChangesetCodec::check_chain(header(c2), 1, c1.hash()).ok());
    CHECK(ChangesetCodec::check_chain(header(c3), 2, c2.hash()).ok());
  }
  SECTION("replayed") {
    const Status st = ChangesetCodec::check_chain(header(c2), 2, c2.hash());
    CHECK(st.code() == StatusCode::kConflict);
    CHECK_THAT(st.message(), Catch::Contains("replay"));
  }
  SECTION("reordered: the third arrives before the second") {
    const Status st = ChangesetCodec::check_chain(header(c3), 1, c1.hash());
    CHECK(st.code() == StatusCode::kConflict);
    CHECK_THAT(st.message(), Catch::Contains("gap"));
  }
  SECTION("a changeset that does not continue the chain") {
    const SealedChangeset forked = ChangesetCodec::seal(sample_changeset(key.id(), 2, c3.hash()), key.secret_key);
    CHECK(ChangesetCodec::check_chain(header(forked), 1, c1.hash()).code() == StatusCode::kCorruption);
  }
}

TEST_CASE("malformed payloads are refused with a reason", "[changeset]") {
  const auto key = crypto::KeyPair::generate();
  json good = json::parse(ChangesetCodec::encode_payload(sample_changeset(key.id(), 1, kGenesisHash)));
  auto refuse = [](const json& j) { return ChangesetCodec::decode_payload(j.dump()).status().code(); };
  CHECK(ChangesetCodec::decode_payload("{not json").status().code() == StatusCode::kCorruption);
  json j = good; j.erase("seq");
  CHECK(refuse(j) == StatusCode::kCorruption);
  j = good; j["seq"] = 0;
  CHECK(refuse(j) == StatusCode::kCorruption);
  j = good; j["extra"] = 1;
  CHECK(refuse(j) == StatusCode::kCorruption);
  j = good; j["ops"][0]["h"] = Hlc{1, 0, std::string(32, 'f')}.str();
  CHECK(refuse(j) == StatusCode::kCorruption);  // an op stamped by another device
  j = good; j["ops"][0]["k"] = "x";
  CHECK(refuse(j) == StatusCode::kCorruption);
  CHECK(ChangesetCodec::unframe("NCS1\x00\x00").status().code() == StatusCode::kCorruption);
}

// Golden changesets of every format version: old clients' bytes must keep verifying and
// decoding. The fixture was written once by format version 1 and is never regenerated.
TEST_CASE("golden changeset of format version 1 still verifies and decodes", "[changeset][golden]") {
  const std::filesystem::path dir = std::filesystem::path(NASTAVNIK_TEST_FIXTURES) / "changesets";
  const std::string bytes = testing::read_file(dir / "v1.ncs");
  const std::string pub = testing::read_file(dir / "v1.pub");
  REQUIRE_FALSE(bytes.empty());
  auto pk = crypto::public_key_from_hex(pub.substr(0, 64));
  REQUIRE(pk.ok());
  auto frames = ChangesetCodec::unframe(bytes);
  REQUIRE(frames.ok());
  REQUIRE(frames->size() == 2);
  std::string last_hash;
  uint64_t last_seq = 0;
  for (const auto& f : *frames) {
    REQUIRE(ChangesetCodec::verify(f, *pk).ok());
    auto cs = ChangesetCodec::decode_payload(f.payload);
    REQUIRE(cs.ok());
    CHECK(cs->header.format == 1);
    REQUIRE(ChangesetCodec::check_chain(cs->header, last_seq, last_hash).ok());
    CHECK(ChangesetCodec::encode_payload(*cs) == f.payload);
    last_seq = cs->header.seq;
    last_hash = f.hash();
  }
  const Changeset first = ChangesetCodec::decode_payload((*frames)[0].payload).value();
  CHECK(first.ops.at(0).fields.at("topic") == "Смысловое чтение: «текст» — №1");
  CHECK(first.ops.at(0).added.at("mentees").size() == 2);
  CHECK(first.ops.at(2).kind == OpKind::kDelete);
}

// Run by hand (`shared_tests "[.generate]"`) only when a new format version is added.
TEST_CASE("write the golden changeset fixture", "[.generate]") {
  const auto key = crypto::KeyPair::generate();
  const SealedChangeset c1 = ChangesetCodec::seal(sample_changeset(key.id(), 1, kGenesisHash), key.secret_key);
  const SealedChangeset c2 = ChangesetCodec::seal(sample_changeset(key.id(), 2, c1.hash()), key.secret_key);
  const std::filesystem::path dir = std::filesystem::path(NASTAVNIK_TEST_FIXTURES) / "changesets";
  std::ofstream(dir / "v1.ncs", std::ios::binary) << ChangesetCodec::frame(c1) << ChangesetCodec::frame(c2);
  std::ofstream(dir / "v1.pub") << crypto::to_hex(key.public_key) << "\n";
}
