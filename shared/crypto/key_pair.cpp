#include "shared/crypto/key_pair.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace nastavnik::crypto {
namespace fs = std::filesystem;
namespace {

Status write_private_file(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Status::IoError("cannot create " + path.string() + ": " + std::strerror(errno));
  const ssize_t n = ::write(fd, content.data(), content.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(content.size()) || !synced)
    return Status::IoError("cannot write " + path.string());
  return Status::Ok();
}

Result<std::string> read_text(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("key file " + path.string() + " is missing");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

KeyPair KeyPair::generate() {
  KeyPair kp;
  crypto_sign_keypair(kp.public_key.data(), kp.secret_key.data());
  return kp;
}

Status KeyPair::save(const fs::path& base) const {
  const fs::path key = fs::path(base.string() + ".key");
  const fs::path pub = fs::path(base.string() + ".pub");
  if (fs::exists(key))
    return Status::FailedPrecondition("a device key already exists at " + key.string());
  NASTAVNIK_RETURN_IF_ERROR(write_private_file(key, to_hex(secret_key) + "\n"));
  std::ofstream out(pub, std::ios::trunc);
  out << to_hex(public_key) << "\n";
  if (!out) return Status::IoError("cannot write " + pub.string());
  return Status::Ok();
}

Result<PublicKey> public_key_from_hex(std::string_view hex) {
  auto bytes = from_hex(hex);
  if (!bytes.ok() || bytes->size() != kPublicKeyBytes)
    return Status::Corruption("a public key must be 64 hex digits");
  PublicKey pk{};
  std::memcpy(pk.data(), bytes->data(), pk.size());
  return pk;
}

Result<KeyPair> KeyPair::load(const fs::path& base) {
  const fs::path key = fs::path(base.string() + ".key");
  struct stat st {};
  if (::stat(key.c_str(), &st) != 0)
    return Status::NotFound("device key " + key.string() + " is missing: run 'nastavnik-cli init'");
  if ((st.st_mode & 077) != 0)
    return Status::PermissionDenied("device key " + key.string() +
                                    " is readable by other users: run 'chmod 600' on it");
  NASTAVNIK_ASSIGN_OR_RETURN(std::string sk_hex, read_text(key));
  NASTAVNIK_ASSIGN_OR_RETURN(std::string pk_hex, read_text(fs::path(base.string() + ".pub")));
  auto sk = from_hex(sk_hex);
  if (!sk.ok() || sk->size() != kSecretKeyBytes)
    return Status::Corruption("device key " + key.string() + " is damaged");
  NASTAVNIK_ASSIGN_OR_RETURN(PublicKey pk, public_key_from_hex(pk_hex));
  KeyPair kp;
  std::memcpy(kp.secret_key.data(), sk->data(), kp.secret_key.size());
  kp.public_key = pk;
  // The Ed25519 secret key embeds its public half: they must agree.
  if (std::memcmp(kp.secret_key.data() + 32, pk.data(), 32) != 0)
    return Status::Corruption("device key files do not belong together");
  sodium_memzero(sk->data(), sk->size());
  return kp;
}

}  // namespace nastavnik::crypto
