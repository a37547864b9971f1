// HTTPS with a municipality's own certificate authority (issue 9): the embedded server
// serving TLS itself, and nginx terminating it in front; laptops trust the CA given with
// `--ca-cert` (remembered for later syncs), and refuse the server without it.

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"

using namespace nastavnik::testing;
namespace fs = std::filesystem;

namespace {

struct Pki {
  fs::path ca, cert, key;
};

void openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "/usr/bin/openssl");
  const auto r = run_process(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// A CA of the municipality, and a certificate it signed for 127.0.0.1.
Pki municipal_pki(const fs::path& dir) {
  Pki p{dir / "ca.pem", dir / "server.pem", dir / "server.key"};
  openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", (dir / "ca.key").string(), "-out", p.ca.string(),
           "-days", "2", "-subj", "/CN=Муниципальный УЦ"});
  openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", p.key.string(), "-out", (dir / "server.csr").string(),
           "-subj", "/CN=127.0.0.1"});
  std::ofstream(dir / "san.ext") << "subjectAltName=IP:127.0.0.1\n";
  openssl({"x509", "-req", "-in", (dir / "server.csr").string(), "-CA", p.ca.string(), "-CAkey",
           (dir / "ca.key").string(), "-CAcreateserial", "-out", p.cert.string(), "-days", "2", "-extfile",
           (dir / "san.ext").string()});
  return p;
}

void sync_over_tls(Front front) {
  TempDir pki_dir;
  const Pki pki = municipal_pki(pki_dir.path());
  FieldSiteOptions options;
  options.front = front;
  options.tls_cert = pki.cert;
  options.tls_key = pki.key;
  FieldSite site(options);
  REQUIRE(site.url().rfind("https://", 0) == 0);

  // Without the municipality's CA the laptop does not trust the server, and says so.
  CliLaptop stranger(site.dir() / "stranger");
  stranger.ok({"init"});
  const auto refused = stranger.run({"enroll", "--server", site.url(), "--code", site.code_for(demo::kTutor2, "tutor")});
  CHECK(refused.exit_code == 1);

  CliLaptop laptop(site.dir() / "laptop");
  laptop.ok({"init"});
  laptop.ok({"enroll", "--server", site.url(), "--code", site.code_for(demo::kTutor1, "tutor"), "--ca-cert",
             pki.ca.string()});
  laptop.ok({"session", "add", "--topic", "Через TLS", "--stage", "theory", "--format", "offline", "--pair-id",
             demo::kPair1});
  const auto sync = laptop.ok({"sync", "--json"});  // the CA is remembered
  CHECK_THAT(sync.out, Catch::Contains("\"changesets_sent\": 1"));
}

}  // namespace

TEST_CASE("the embedded server serves TLS with the municipality's certificate", "[field][tls]") {
  sync_over_tls(Front::kEmbedded);
}

TEST_CASE("nginx terminates TLS with the municipality's certificate", "[field][tls][front]") {
  sync_over_tls(Front::kNginx);
}
