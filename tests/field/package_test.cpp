// The .deb packages (issue 9): built with CPack from this build, checked with dpkg-deb and
// lintian, unpacked into a throwaway root with `dpkg -x` — never installed into this
// machine — and run from there: the unpacked server behind the unpacked nginx files on
// loopback, with a laptop running the unpacked nastavnik-cli. The programs find their data
// (catalogs, instruments, the demo registry) next to themselves, as when installed.

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"

using namespace nastavnik::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult must(const std::vector<std::string>& argv, int timeout_s = 300) {
  auto r = run_process(argv, {}, "", timeout_s);
  INFO(argv.at(0) << " " << (argv.size() > 1 ? argv[1] : "") << ": " << r.err << r.out);
  REQUIRE(r.exit_code == 0);
  return r;
}

struct Packages {
  fs::path server, client, common;
};

Packages build_packages(const fs::path& out) {
  must({NASTAVNIK_CPACK, "-G", "DEB", "--config", std::string(NASTAVNIK_BUILD_DIR) + "/CPackConfig.cmake", "-B",
        out.string()});
  Packages p;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("nastavnik-server_", 0) == 0) p.server = entry.path();
    else if (name.rfind("nastavnik-common_", 0) == 0) p.common = entry.path();
    else if (name.rfind("nastavnik_", 0) == 0) p.client = entry.path();
  }
  REQUIRE(!p.server.empty());
  REQUIRE(!p.client.empty());
  REQUIRE(!p.common.empty());
  return p;
}

std::string contents(const fs::path& deb) { return must({"/usr/bin/dpkg-deb", "--contents", deb.string()}).out; }
std::string field(const fs::path& deb, const std::string& name) {
  return must({"/usr/bin/dpkg-deb", "--field", deb.string(), name}).out;
}

}  // namespace

TEST_CASE("the packages build, pass lintian, and run unpacked behind the unpacked nginx files",
          "[field][package]") {
  TempDir dir;
  const Packages debs = build_packages(dir / "debs");

  // What each package holds and declares.
  const std::string server = contents(debs.server);
  for (const char* file : {"./usr/bin/nastavnik-server", "./lib/systemd/system/nastavnik-server.service",
                           "./lib/systemd/system/nastavnik-server@.service",
                           "./etc/nginx/nastavnik/limits.conf", "./etc/nginx/nastavnik/proxy.conf",
                           "./etc/nginx/sites-available/nastavnik", "./usr/share/doc/nastavnik-server/OPERATIONS.md",
                           "./usr/share/doc/nastavnik-server/changelog.gz"})
    CHECK_THAT(server, Catch::Contains(file));
  const std::string client = contents(debs.client);
  for (const char* file : {"./usr/bin/nastavnik", "./usr/bin/nastavnik-cli", "./usr/share/applications/nastavnik.desktop",
                           "./usr/share/icons/hicolor/scalable/apps/nastavnik.svg"})
    CHECK_THAT(client, Catch::Contains(file));
  CHECK_THAT(contents(debs.common), Catch::Contains("./usr/share/nastavnik/i18n/ru.json"));
  CHECK_THAT(field(debs.server, "Depends"), Catch::Contains("nastavnik-common") && Catch::Contains("libsodium") &&
                                                Catch::Contains("libpq5"));
  CHECK_THAT(field(debs.server, "Recommends"), Catch::Contains("nginx"));
  CHECK_THAT(field(debs.client, "Depends"), Catch::Contains("fonts-dejavu-core"));
  const std::string control = must({"/usr/bin/dpkg-deb", "--info", debs.server.string()}).out;
  CHECK_THAT(control, Catch::Contains("postinst") && Catch::Contains("conffiles"));

  // The systemd unit runs the server sandboxed, as its own user, on loopback.
  must({"/usr/bin/dpkg-deb", "-x", debs.server.string(), (dir / "root").string()});
  must({"/usr/bin/dpkg-deb", "-x", debs.client.string(), (dir / "root").string()});
  must({"/usr/bin/dpkg-deb", "-x", debs.common.string(), (dir / "root").string()});
  const std::string unit = read_file(dir / "root/lib/systemd/system/nastavnik-server.service");
  for (const char* line : {"User=nastavnik", "ProtectSystem=strict", "StateDirectory=nastavnik", "NoNewPrivileges=yes",
                           "--listen 127.0.0.1:8480", "--trusted-proxy 127.0.0.1"})
    CHECK_THAT(unit, Catch::Contains(line));
  const std::string instance = read_file(dir / "root/lib/systemd/system/nastavnik-server@.service");
  for (const char* line : {"User=nastavnik", "ProtectSystem=strict", "EnvironmentFile=/etc/nastavnik/server.env",
                           "--listen 127.0.0.1:%i", "--trusted-proxy 127.0.0.1"})
    CHECK_THAT(instance, Catch::Contains(line));

  // lintian, where it is installed: no errors.
  if (fs::exists("/usr/bin/lintian")) {
    const auto lint = run_process({"/usr/bin/lintian", "--tag-display-limit", "0", debs.server.string(),
                                   debs.client.string(), debs.common.string()},
                                  {}, "", 300);
    INFO(lint.out << lint.err);
    CHECK(lint.out.find("\nE: ") == std::string::npos);
    CHECK(lint.out.rfind("E: ", 0) != 0);
  }

  // The shipped site file is valid nginx: with the certificate paths and the include
  // pointing into the unpacked root.
  {
    must({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", (dir / "key.pem").string(),
          "-out", (dir / "cert.pem").string(), "-days", "2", "-subj", "/CN=localhost"});
    std::string site = read_file(dir / "root/etc/nginx/sites-available/nastavnik");
    site = std::regex_replace(site, std::regex("/etc/nginx/nastavnik"), (dir / "root/etc/nginx/nastavnik").string());
    site = std::regex_replace(site, std::regex("/etc/nastavnik/tls/fullchain.pem"), (dir / "cert.pem").string());
    site = std::regex_replace(site, std::regex("/etc/nastavnik/tls/privkey.pem"), (dir / "key.pem").string());
    site = std::regex_replace(site, std::regex("/var/log/nginx/"), dir.path().string() + "/");
    std::ofstream(dir / "site.conf") << site;
    std::ofstream(dir / "nginx.conf") << "error_log " << (dir / "error.log").string() << ";\npid "
                                      << (dir / "nginx.pid").string() << ";\nevents {}\nhttp {\n include "
                                      << (dir / "site.conf").string() << ";\n}\n";
    must({"/usr/sbin/nginx", "-t", "-p", dir.path().string(), "-c", (dir / "nginx.conf").string()});
  }

  // The unpacked server behind the unpacked nginx files, and a laptop with the unpacked CLI.
  FieldSiteOptions options;
  options.front = Front::kNginx;
  options.server = dir / "root/usr/bin/nastavnik-server";
  options.registry = dir / "root/usr/share/nastavnik/demo/volosovo.json";
  options.nginx_conf_dir = dir / "root/etc/nginx/nastavnik";
  FieldSite site(options);
  CliLaptop laptop(dir / "laptop", dir / "root/usr/bin/nastavnik-cli");
  laptop.init_and_enroll(site.url(), site.code_for(demo::kTutor1, "tutor"));
  laptop.ok({"session", "add", "--topic", "Из установленного пакета", "--stage", "theory", "--format", "offline",
             "--pair-id", demo::kPair1});
  const auto sync = laptop.ok({"sync", "--json"});
  CHECK_THAT(sync.out, Catch::Contains("\"changesets_sent\": 1"));
  // The instruments come from the unpacked data package.
  CHECK_THAT(laptop.ok({"instruments"}).out, Catch::Contains("teacher_deficits"));
  // So does the indicator catalogue of the half-year report.
  laptop.ok({"report", "--out", (dir / "report.csv").string()});
  CHECK(std::filesystem::file_size(dir / "report.csv") > 100);
  // The desktop client starts far enough to answer --help.
  must({(dir / "root/usr/bin/nastavnik").string(), "--help"});
}
